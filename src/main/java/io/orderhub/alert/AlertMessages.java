package io.orderhub.alert;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.config.OrderHubConfig;

/**
 * An alert in each sink's own format. DingTalk custom robot: {@code {"msgtype":"markdown","markdown":{"title","text"}}}
 * or {@code {"msgtype":"text","text":{"content"}}} (open.dingtalk.com/document/group/custom-robot-access). WeCom group
 * robot: {@code {"msgtype":"markdown","markdown":{"content"}}} (at most 4096 bytes) or {@code {"msgtype":"text",
 * "text":{"content"}}} (at most 2048 bytes) (developer.work.weixin.qq.com/document/path/91770). Generic webhook: the
 * alert as JSON. Messages start with "OrderHub" so a robot secured by keyword can require that word.
 */
@ApplicationScoped
public class AlertMessages {

    static final int WECOM_MARKDOWN_BYTES = 4096;
    static final int WECOM_TEXT_BYTES = 2048;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DateTimeFormatter time;

    @Inject
    public AlertMessages(OrderHubConfig config) {
        this(config.connector().zone());
    }

    AlertMessages(ZoneId zone) {
        // people read local time (the merchant's calendar); the hub itself keeps UTC
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone);
    }

    public ObjectNode body(AlertsConfig.Sink sink, Alert alert) {
        boolean markdown = "markdown".equals(sink.format());
        ObjectNode body = JSON.createObjectNode();
        switch (sink.kind()) {
            case "dingtalk" -> {
                body.put("msgtype", markdown ? "markdown" : "text");
                if (markdown) {
                    body.putObject("markdown").put("title", title(alert)).put("text", markdown(alert));
                } else {
                    body.putObject("text").put("content", text(alert));
                }
            }
            case "wecom" -> {
                body.put("msgtype", markdown ? "markdown" : "text");
                body.putObject(markdown ? "markdown" : "text").put("content", markdown
                        ? fit(markdown(alert), WECOM_MARKDOWN_BYTES)
                        : fit(text(alert), WECOM_TEXT_BYTES));
            }
            default -> {
                return alert.json(JSON);
            }
        }
        return body;
    }

    static String title(Alert a) {
        return "OrderHub " + a.severity() + " " + a.kind();
    }

    String markdown(Alert a) {
        StringBuilder s = new StringBuilder("### ").append(title(a)).append("\n\n**").append(a.subject())
                .append("**\n\n");
        fields(a.detail(), (k, v) -> s.append("- ").append(k).append(": ").append(v).append('\n'));
        return s.append("\n> ").append(footer(a)).toString();
    }

    String text(Alert a) {
        StringBuilder s = new StringBuilder(title(a)).append('\n').append(a.subject()).append('\n');
        fields(a.detail(), (k, v) -> s.append(k).append(": ").append(v).append('\n'));
        return s.append(footer(a)).toString();
    }

    private String footer(Alert a) {
        return time.format(a.raisedAt()) + " · alert " + a.alertId()
                + (a.occurrences() > 1 ? " · seen " + a.occurrences() + " times" : "");
    }

    private static void fields(JsonNode detail, java.util.function.BiConsumer<String, String> out) {
        if (detail == null || !detail.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = detail.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String v = e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString();
            out.accept(e.getKey(), v.length() > 200 ? v.substring(0, 200) + "…" : v);
        }
    }

    /** Cuts a message to a byte limit on a character boundary (the robots refuse longer ones). */
    static String fit(String s, int maxBytes) {
        if (s.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        int bytes = 3; // the ellipsis
        for (int i = 0; i < s.length();) {
            int cp = s.codePointAt(i);
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + n > maxBytes) {
                break;
            }
            out.appendCodePoint(cp);
            bytes += n;
            i += Character.charCount(cp);
        }
        return out.append('…').toString();
    }
}
