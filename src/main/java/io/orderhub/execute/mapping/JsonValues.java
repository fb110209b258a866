package io.orderhub.execute.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Converts a command input into the plain maps and lists JSONata evaluates (null properties dropped, so
 * {@code "shipmentIndex": null} reads as absent), and its result back into a Jackson tree.
 * A property whose value is undefined or null is left out (a field the order lacks is absent, never invented).
 * Integral numbers become integer nodes, so quantities stay integers.
 */
final class JsonValues {

    static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private JsonValues() {
    }

    /** The input as maps and lists; null properties are dropped so that JSONata sees them as absent. */
    static Object toJava(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(f -> {
                if (!f.getValue().isNull()) {
                    map.put(f.getKey(), toJava(f.getValue()));
                }
            });
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(v -> list.add(toJava(v)));
            return list;
        }
        return JSON.convertValue(node, Object.class);
    }

    /** A JSONata result as a Jackson tree: the channel mappings' conversion, with this layer's exception. */
    static JsonNode toJson(Object value) {
        return io.orderhub.mapping.JsonTrees.toJson(value,
                problem -> DownstreamMappingException.helper("result", problem));
    }
}
