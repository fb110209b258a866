package io.orderhub.execute.sandbox;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;

/**
 * QiMen's XML, both ways: a request body read as a JSON tree (the root element {@code <request>} dropped), and an
 * answer map written as {@code <response>} with list items named after their list ({@code orders} → {@code order}).
 */
final class QimenXml {

    private static final XmlMapper XML = new XmlMapper();

    private QimenXml() {
    }

    static JsonNode read(byte[] body) {
        try {
            return XML.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("body is not XML: " + e.getMessage());
        }
    }

    /** The elements of a list that XML gives as one object, an array, or {@code <orders><order>..</order></orders>}. */
    static List<JsonNode> items(JsonNode list, String itemName) {
        JsonNode inner = list.has(itemName) ? list.get(itemName) : list;
        List<JsonNode> out = new ArrayList<>();
        if (inner.isArray()) {
            inner.forEach(out::add);
        } else if (inner.isObject()) {
            out.add(inner);
        }
        return out;
    }

    static String write(String root, Map<String, ?> body) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        element(xml, root, body);
        return xml.toString();
    }

    private static void element(StringBuilder xml, String name, Object value) {
        xml.append('<').append(name).append('>');
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> element(xml, k.toString(), v));
        } else if (value instanceof List<?> list) {
            String item = name.endsWith("s") ? name.substring(0, name.length() - 1) : name + "Item";
            list.forEach(v -> element(xml, item, v));
        } else if (value != null) {
            escape(xml, value.toString());
        }
        xml.append("</").append(name).append('>');
    }

    private static void escape(StringBuilder xml, String text) {
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> xml.append("&lt;");
                case '>' -> xml.append("&gt;");
                case '&' -> xml.append("&amp;");
                case '"' -> xml.append("&quot;");
                default -> xml.append(c);
            }
        }
    }
}
