package io.orderhub.execute.sandbox;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one sandbox system is told to do wrong.
 *
 * @param down answer every request 503, as a system that is down
 * @param failShare share (0..1) of requests answered 500 with the system's own error body
 * @param failNext the next n requests answered 500
 * @param failItems batch item codes (QiMen deliveryOrderCode, e-waybill object id) refused inside a 200 answer,
 *        every time until the control changes
 * @param delayMillis how long each answer waits (the Camel delay step of the system's route)
 * @param seed seeds the {@code failShare} draws, so a test's failures fall the same way every run
 */
public record DownstreamControl(boolean down, double failShare, int failNext, Set<String> failItems, long delayMillis,
        long seed) {

    public static final DownstreamControl NONE = new DownstreamControl(false, 0, 0, Set.of(), 0, 42);

    public DownstreamControl {
        if (failShare < 0 || failShare > 1) {
            throw new IllegalArgumentException("failShare must be within 0..1, was " + failShare);
        }
        if (failNext < 0 || delayMillis < 0) {
            throw new IllegalArgumentException("failNext and delayMillis must not be negative");
        }
        failItems = Set.copyOf(failItems);
    }

    /** The control as {@code PUT /sandbox/downstream/control/{system}} takes it; absent fields take their defaults. */
    public static DownstreamControl fromJson(JsonNode b) {
        Set<String> items = new LinkedHashSet<>();
        b.path("failItems").forEach(i -> items.add(i.asText()));
        return new DownstreamControl(b.path("down").asBoolean(false), b.path("failShare").asDouble(0),
                b.path("failNext").asInt(0), items, b.path("delayMillis").asLong(0), b.path("seed").asLong(42));
    }

    public DownstreamControl withFailNext(int n) {
        return new DownstreamControl(down, failShare, n, failItems, delayMillis, seed);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("down", down);
        m.put("failShare", failShare);
        m.put("failNext", failNext);
        m.put("failItems", failItems);
        m.put("delayMillis", delayMillis);
        m.put("seed", seed);
        return m;
    }
}
