package io.orderhub.rules.crm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.rules.RuleContext;
import io.orderhub.rules.RuleSet;

/** Real canonical orders (the golden expected outputs) and rule contexts around them, for the rule tests. */
public final class Orders {

    public static final ObjectMapper JSON = new ObjectMapper();

    private Orders() {
    }

    /** A fresh, modifiable copy of {@code golden/<channel>/<case>/expected.json}. */
    public static ObjectNode golden(String channelAndCase) {
        try {
            return (ObjectNode) JSON.readTree(Files.readString(
                    Path.of("src/test/resources/golden", channelAndCase, "expected.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RuleContext ctx(String hubOrderId, ObjectNode order, String ruleId, Object params, Instant now) {
        Map<String, Object> p = params == null ? Map.of() : Map.of(ruleId, params);
        return new RuleContext(hubOrderId, 1, order.path("channel").asText(), "shop-" + order.path("channel").asText(),
                order, RuleSet.of(p), now);
    }

    public static RuleContext ctx(String hubOrderId, ObjectNode order, String ruleId, Object params) {
        return ctx(hubOrderId, order, ruleId, params, Instant.parse("2025-06-18T12:00:00Z"));
    }
}
