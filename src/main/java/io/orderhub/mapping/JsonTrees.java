package io.orderhub.mapping;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Converts a JSONata result back into a Jackson tree. Null object properties are dropped (a field the channel did
 * not send is absent, never invented), integral numbers become integer nodes so fen amounts stay integers.
 */
public final class JsonTrees {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private JsonTrees() {
    }

    static JsonNode toJson(Object value) {
        return toJson(value, problem -> new MappingException("mapping: result " + problem));
    }

    /**
     * The same for other JSONata users (downstream payload mappings), with their own exception for a result that is
     * not JSON ({@code problem} reads "holds a ...").
     */
    public static JsonNode toJson(Object value, java.util.function.Function<String, RuntimeException> failure) {
        if (value == null || value == Jsonata.NULL_VALUE) {
            return NODES.nullNode();
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode node = NODES.objectNode();
            map.forEach((k, v) -> {
                if (v != null && v != Jsonata.NULL_VALUE) {
                    node.set(String.valueOf(k), toJson(v, failure));
                }
            });
            return node;
        }
        if (value instanceof List<?> list) {
            ArrayNode node = NODES.arrayNode();
            list.forEach(v -> node.add(toJson(v, failure)));
            return node;
        }
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Number n) {
            return number(n, failure);
        }
        throw failure.apply("holds a " + value.getClass().getSimpleName() + " (a function or other non-JSON value)");
    }

    private static JsonNode number(Number n, java.util.function.Function<String, RuntimeException> failure) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            return NODES.numberNode(n.longValue());
        }
        if (n instanceof BigInteger bi) {
            return bi.bitLength() < 64 ? NODES.numberNode(bi.longValue()) : NODES.numberNode(bi);
        }
        if ((n instanceof Double || n instanceof Float) && !Double.isFinite(n.doubleValue())) {
            throw failure.apply("holds a non-finite number");
        }
        BigDecimal d = n instanceof BigDecimal bd ? bd : new BigDecimal(n.toString());
        BigDecimal stripped = d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
        if (stripped.scale() <= 0) {
            BigInteger bi = stripped.toBigIntegerExact();
            return bi.bitLength() < 64 ? NODES.numberNode(bi.longValue()) : NODES.numberNode(bi);
        }
        return NODES.numberNode(d);
    }
}
