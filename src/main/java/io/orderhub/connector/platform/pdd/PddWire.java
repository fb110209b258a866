package io.orderhub.connector.platform.pdd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** PDD wire details shared by the client and the sandbox: form bodies, Beijing times, JSON parsing. */
final class PddWire {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ROUTER = "/api/router";
    static final String FORM = "application/x-www-form-urlencoded;charset=UTF-8";
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    /** OrderInfo times: "yyyy-MM-dd HH:mm:ss" Beijing (official field tables of pdd.order.information.get). */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private PddWire() {
    }

    static byte[] form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&")).getBytes(StandardCharsets.UTF_8);
    }

    static Map<String, String> parseForm(byte[] body) {
        Map<String, String> out = new LinkedHashMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                out.put(URLDecoder.decode(key, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    static String format(Instant at) {
        return TIME.format(at.atZone(BEIJING));
    }

    /** A Beijing time string as an instant; null for absent or empty values (PDD sends "" for unset times). */
    static Instant parseTime(JsonNode node) {
        if (node == null || node.isNull() || node.asText().isBlank()) {
            return null;
        }
        return LocalDateTime.parse(node.asText(), TIME).atZone(BEIJING).toInstant();
    }

    /** As {@link #parseTime}, but a value that is no time (doc examples hold "str") reads as unknown. */
    static Instant timeOrNull(JsonNode node) {
        try {
            return parseTime(node);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static JsonNode read(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("PDD answered a body that is not JSON", e);
        }
    }

    static byte[] write(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
