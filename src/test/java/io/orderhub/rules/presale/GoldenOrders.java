package io.orderhub.rules.presale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.rules.RuleContext;
import io.orderhub.rules.RuleSet;

/** Canonical orders from the golden expected outputs, and rule contexts around them, for the rules' tests. */
public final class GoldenOrders {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GoldenOrders() {
    }

    /** A fresh, modifiable copy of {@code golden/<channel>/<case>/expected.json}. */
    public static ObjectNode load(String channelAndCase) {
        try {
            return (ObjectNode) JSON.readTree(Path.of("src/test/resources/golden", channelAndCase, "expected.json")
                    .toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RuleContext context(String hubOrderId, ObjectNode order, Map<String, Object> params, Instant now) {
        return new RuleContext(hubOrderId, 1, order.path("channel").asText(), "shop-" + order.path("shopId").asText(),
                order, RuleSet.of(params), now);
    }
}
