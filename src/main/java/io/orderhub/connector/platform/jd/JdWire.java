package io.orderhub.connector.platform.jd;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.stream.Collectors;

/** JOS wire conventions: "yyyy-MM-dd HH:mm:ss" Beijing times ("0001-01-01 00:00:00" = unset) and form bodies. */
final class JdWire {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final String FORM = "application/x-www-form-urlencoded;charset=utf-8";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private JdWire() {
    }

    static String time(Instant instant) {
        return TIME.format(instant.atZone(SHANGHAI));
    }

    /** A JOS time, or null when absent, JD's "unset" value or not in JD's format. */
    static Instant instant(String text) {
        if (text == null || text.isBlank() || text.startsWith("0001-01-01")) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.trim(), TIME).atZone(SHANGHAI).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static byte[] form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"))
                .getBytes(StandardCharsets.UTF_8);
    }
}
