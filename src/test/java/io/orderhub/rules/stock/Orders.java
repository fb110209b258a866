package io.orderhub.rules.stock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.rules.RuleContext;
import io.orderhub.rules.RuleSet;

/** Real canonical orders (the mapping goldens' expected outputs) and rule contexts around them, for the tests. */
final class Orders {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant NOW = Instant.parse("2024-06-18T02:00:00Z");

    private Orders() {
    }

    static ObjectNode golden(String channel, String name) {
        try {
            return (ObjectNode) JSON.readTree(
                    Path.of("src/test/resources/golden", channel, name, "expected.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RuleContext ctx(String hubOrderId, ObjectNode order, Map<String, Object> params) {
        return new RuleContext(hubOrderId, 1, order.path("channel").asText(), "test-shop", order,
                RuleSet.of(params), NOW);
    }

    /** Sets line {@code index}'s sku and quantity. */
    static ObjectNode line(ObjectNode order, int index, String sku, int quantity) {
        ObjectNode l = (ObjectNode) order.withArray("lines").get(index);
        l.put("sku", sku);
        l.put("quantity", quantity);
        return order;
    }
}
