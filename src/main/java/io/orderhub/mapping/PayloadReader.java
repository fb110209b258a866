package io.orderhub.mapping;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;

/**
 * Turns a raw body into the plain Java tree JSONata reads (maps, lists, strings, exact numbers): integers stay
 * Integer/Long/BigInteger and decimals BigDecimal, so 19-digit order ids and yuan amounts never pass through double.
 */
public final class PayloadReader {

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final XmlMapper XML = new XmlMapper();

    private PayloadReader() {
    }

    /** Parses by content type: JSON (default), XML, or {@code application/x-www-form-urlencoded} as an object. */
    public static Object read(byte[] body, String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        try {
            if (type.contains("x-www-form-urlencoded")) {
                return form(new String(body, charset(type)), charset(type));
            }
            if (type.contains("xml")) {
                JsonNode tree = XML.readTree(body);
                return JSON.convertValue(tree, Object.class);
            }
            return JSON.readValue(body, Object.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new MappingException("payload: cannot parse body as " + kind(type) + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** Parses a JSON document held in a string (envelopes that carry JSON as text), numbers kept exact. */
    public static Object readJson(String text) {
        try {
            return JSON.readValue(text, Object.class);
        } catch (IOException e) {
            throw MappingException.helper("json", "string is not valid JSON (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static Map<String, Object> form(String text, Charset charset) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), charset);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), charset);
            fields.merge(key, value, PayloadReader::collect);
        }
        return fields;
    }

    @SuppressWarnings("unchecked")
    private static Object collect(Object existing, Object added) {
        List<Object> values;
        if (existing instanceof List<?> list) {
            values = (List<Object>) list;
        } else {
            values = new ArrayList<>();
            values.add(existing);
        }
        values.add(added);
        return values;
    }

    private static Charset charset(String type) {
        int at = type.indexOf("charset=");
        if (at < 0) {
            return StandardCharsets.UTF_8;
        }
        String name = type.substring(at + 8).split("[;\\s]")[0].replace("\"", "");
        return Charset.isSupported(name) ? Charset.forName(name) : StandardCharsets.UTF_8;
    }

    private static String kind(String type) {
        if (type.contains("x-www-form-urlencoded")) {
            return "form";
        }
        return type.contains("xml") ? "XML" : "JSON";
    }
}
