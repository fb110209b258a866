package io.orderhub.status;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;

/**
 * Status pushes read into events, per sender format. Each event names the order the way its sender knows it (a
 * waybill, a WMS outbound code, an order id), its own code (translated later by the sender's code table) and its own
 * time. Formats:
 * <ul>
 * <li>{@code kuaidi100} — 快递100 subscription push: form fields {@code param} (JSON) and {@code sign} =
 * UPPER(MD5(param + salt)); {@code lastResult.data[]} is the whole route, newest first; a node's code is its resultv2
 * {@code statusCode} when present, else (newest node only) the basic {@code lastResult.state}. Source: kuaidi100-api
 * java-demo SubscribePush{ParamResp,Result,Data}; fixture {@code kuaidi100__poll_push_param_yuantong_2023_masked.json}.
 * <li>{@code sf-route} — 顺丰 RoutePushService: JSON {@code {"Body":{"WaybillRoute":[...]}}} or a form field
 * {@code content} with the XML {@code <Request><Body><WaybillRoute .../></Body></Request>}; per node {@code mailno},
 * {@code orderid}, {@code acceptTime} (China time), {@code opCode}, {@code remark}, {@code id}. Source: 丰桥 doc examples,
 * fixtures {@code sf__RoutePushService_push_docsample.{json,xml}}.
 * <li>{@code json} — the generic ERP/WMS format: one event or {@code {"events":[...]}}; each names the order by
 * {@code hubOrderId}, {@code orderCode} (the WMS outbound code the hub sent), {@code orderId} (hub or platform order
 * id) or {@code waybillNo}; {@code status} is the code; {@code time} / {@code operateTime} ISO-8601 or China time
 * "yyyy-MM-dd HH:mm:ss"; optional {@code eventId}, {@code waybillNo}, {@code note}.
 * </ul>
 */
public final class StatusFormats {

    /** One event read from a push, before translation. */
    public record Incoming(String refKind, String ref, String code, Instant at, String waybillNo, String note,
            String nodeId) {
    }

    /** A push that cannot be read (400) or whose signature is wrong (401). */
    public static final class BadPush extends RuntimeException {
        private final int status;
        private final String error;

        BadPush(int status, String error, String message) {
            super(message);
            this.status = status;
            this.error = error;
        }

        public int status() {
            return status;
        }

        public String error() {
            return error;
        }
    }

    public static final String WAYBILL = "WAYBILL";
    public static final String ORDER_CODE = "ORDER_CODE";
    public static final String HUB_ORDER = "HUB_ORDER";
    public static final String ORDER_ID = "ORDER_ID";

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter CHINA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final XmlMapper XML = new XmlMapper();

    private StatusFormats() {
    }

    /** Reads a push of {@code format}; {@code salt} is the Kuaidi100 subscription salt (required for that format). */
    public static List<Incoming> read(String format, String contentType, byte[] body, String salt) {
        return switch (format) {
            case "kuaidi100" -> kuaidi100(form(body), salt);
            case "sf-route" -> sfRoute(contentType, body);
            case "json" -> json(tree(body));
            default -> throw new IllegalStateException("unknown status format '" + format + "'");
        };
    }

    /** What the sender expects back on success, merged into the hub's answer (Kuaidi100 and SF retry otherwise). */
    public static Map<String, Object> acknowledgement(String format) {
        Map<String, Object> ack = new LinkedHashMap<>();
        switch (format) {
            case "kuaidi100" -> {
                ack.put("result", true);
                ack.put("returnCode", "200");
                ack.put("message", "成功");
            }
            case "sf-route" -> {
                ack.put("return_code", "0000");
                ack.put("return_msg", "成功");
            }
            default -> {
            }
        }
        return ack;
    }

    static List<Incoming> kuaidi100(Map<String, String> form, String salt) {
        String param = form.get("param");
        String sign = form.get("sign");
        if (param == null || param.isBlank()) {
            throw new BadPush(400, "malformed_payload", "a Kuaidi100 push carries the form field 'param'");
        }
        if (salt == null || sign == null
                || !MessageDigest.isEqual(md5Upper(param + salt).getBytes(StandardCharsets.UTF_8),
                        sign.trim().toUpperCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8))) {
            throw new BadPush(401, "bad_signature", "Kuaidi100 sign does not match UPPER(MD5(param + salt))");
        }
        JsonNode root = tree(param.getBytes(StandardCharsets.UTF_8));
        JsonNode last = root.path("lastResult");
        String nu = last.path("nu").asText("");
        if (nu.isBlank() || !last.path("data").isArray()) {
            throw new BadPush(400, "malformed_payload", "Kuaidi100 param without lastResult.nu / lastResult.data");
        }
        List<Incoming> out = new ArrayList<>();
        JsonNode data = last.path("data");
        for (int i = 0; i < data.size(); i++) {
            JsonNode node = data.get(i);
            String code = text(node, "statusCode");
            if (code == null && i == 0) {
                code = text(last, "state");
            }
            if (code == null) {
                continue; // an older node without a resultv2 code: the route text only, no status to place
            }
            String time = text(node, "ftime") != null ? text(node, "ftime") : text(node, "time");
            Instant at = time(time);
            out.add(new Incoming(WAYBILL, nu, code, at, nu, text(node, "context"), nu + "@" + time + "#" + code));
        }
        return out;
    }

    static List<Incoming> sfRoute(String contentType, byte[] body) {
        JsonNode routes;
        String ct = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
        if (ct.startsWith("application/x-www-form-urlencoded")) {
            String content = form(body).get("content");
            if (content == null) {
                throw new BadPush(400, "malformed_payload", "an SF form push carries the field 'content'");
            }
            routes = xml(content).path("Body").path("WaybillRoute");
        } else if (ct.contains("xml")) {
            routes = xml(new String(body, StandardCharsets.UTF_8)).path("Body").path("WaybillRoute");
        } else {
            routes = tree(body).path("Body").path("WaybillRoute");
        }
        if (routes.isObject()) {
            routes = JSON.createArrayNode().add(routes);
        }
        if (!routes.isArray() || routes.isEmpty()) {
            throw new BadPush(400, "malformed_payload", "SF route push without Body.WaybillRoute");
        }
        List<Incoming> out = new ArrayList<>();
        for (JsonNode r : routes) {
            String mailno = text(r, "mailno");
            String code = text(r, "opCode");
            if (mailno == null || code == null) {
                throw new BadPush(400, "malformed_payload", "an SF route without mailno or opCode");
            }
            String id = text(r, "id");
            out.add(new Incoming(WAYBILL, mailno, code, time(text(r, "acceptTime")), mailno, text(r, "remark"),
                    id != null ? id : mailno + "@" + text(r, "acceptTime") + "#" + code));
        }
        return out;
    }

    static List<Incoming> json(JsonNode root) {
        JsonNode events = root.has("events") ? root.path("events") : JSON.createArrayNode().add(root);
        if (!events.isArray() || events.isEmpty()) {
            throw new BadPush(400, "malformed_payload", "no events");
        }
        List<Incoming> out = new ArrayList<>();
        for (JsonNode e : events) {
            String code = text(e, "status");
            if (code == null) {
                throw new BadPush(400, "malformed_payload", "an event without 'status'");
            }
            String refKind;
            String ref;
            if (text(e, "hubOrderId") != null) {
                refKind = HUB_ORDER;
                ref = text(e, "hubOrderId");
            } else if (text(e, "orderCode") != null) {
                refKind = ORDER_CODE;
                ref = text(e, "orderCode");
            } else if (text(e, "orderId") != null) {
                refKind = ORDER_ID;
                ref = text(e, "orderId");
            } else if (text(e, "waybillNo") != null) {
                refKind = WAYBILL;
                ref = text(e, "waybillNo");
            } else {
                throw new BadPush(400, "malformed_payload",
                        "an event names no order (hubOrderId, orderCode, orderId or waybillNo)");
            }
            String time = text(e, "time") != null ? text(e, "time") : text(e, "operateTime");
            Instant at = time(time);
            String eventId = text(e, "eventId");
            out.add(new Incoming(refKind, ref, code, at, text(e, "waybillNo"), text(e, "note"),
                    eventId != null ? eventId : ref + "@" + at + "#" + code));
        }
        return out;
    }

    /** ISO-8601 with an offset, or the China local time Chinese systems send ("yyyy-MM-dd HH:mm:ss"). */
    static Instant time(String text) {
        if (text == null || text.isBlank()) {
            throw new BadPush(400, "malformed_payload", "an event without its time");
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notIso) {
            try {
                return LocalDateTime.parse(text.trim(), CHINA_TIME).atZone(CHINA).toInstant();
            } catch (DateTimeParseException e) {
                throw new BadPush(400, "malformed_payload", "unreadable time '" + text + "'");
            }
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isNull() || v.isMissingNode() || v.asText().isBlank() ? null : v.asText();
    }

    private static JsonNode tree(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || !root.isObject()) {
                throw new BadPush(400, "malformed_payload", "body is not a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw new BadPush(400, "malformed_payload", "body is not JSON");
        }
    }

    private static JsonNode xml(String body) {
        try {
            return XML.readTree(body);
        } catch (IOException e) {
            throw new BadPush(400, "malformed_payload", "body is not XML");
        }
    }

    static Map<String, String> form(byte[] body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    static String md5Upper(String s) {
        try {
            return HexFormat.of().withUpperCase()
                    .formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
