package io.orderhub.connector.platform.taobao;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.stream.Collectors;

/** TOP's wire conventions: Beijing wall-clock times and form-encoded parameters. */
final class TopWire {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final String FORM = "application/x-www-form-urlencoded;charset=utf-8";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private TopWire() {
    }

    static String time(Instant instant) {
        return TIME.format(instant.atZone(SHANGHAI));
    }

    /** A TOP time, or null when absent or not in TOP's format. */
    static Instant instant(String text) {
        if (text == null || text.isBlank()) {
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
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
