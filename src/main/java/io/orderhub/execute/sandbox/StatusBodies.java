package io.orderhub.execute.sandbox;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bodies the sandbox sends back to the hub: a 快递100 (Kuaidi100) subscription push for carrier events (form
 * fields {@code param} = the JSON below and {@code sign} = UPPER(MD5(param + salt))), a plain WMS JSON for outbound.
 * Shape of {@code param} as in the captured push {@code kuaidi100__poll_push_param_yuantong_2023_masked.json}:
 * {@code {"status","billstatus","message","lastResult":{"message","nu","ischeck","com","status","state","data":[
 * {"context","time","ftime","status","statusCode"}],"loop"}}}, history newest first.
 */
final class StatusBodies {

    static final DateTimeFormatter CHINA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("Asia/Shanghai"));
    /** Kuaidi100 company codes by the carrier codes of the e-waybill request. */
    static final Map<String, String> COM = Map.of("SF", "shunfeng", "YTO", "yuantong", "ZTO", "zhongtong", "STO",
            "shentong", "YUNDA", "yunda", "JD", "jd", "EMS", "ems");

    /** One route node of a waybill's history. */
    record Node(String context, String time, String status, String statusCode) {

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("time", time);
            m.put("context", context);
            m.put("ftime", time);
            m.put("status", status);
            m.put("statusCode", statusCode);
            return m;
        }
    }

    private StatusBodies() {
    }

    /** The route node of a carrier event: Kuaidi100 status text and resultv2 sub-state (103, 1002, 301). */
    static Node node(StatusEvent.Kind kind, String origin, Instant at) {
        String time = CHINA_TIME.format(at);
        return switch (kind) {
            case PICKUP -> new Node("【" + origin + "】 快件已揽收", time, "揽收", "103");
            case IN_TRANSIT -> new Node("【" + origin + "】 快件已发往转运中心", time, "在途", "1002");
            case DELIVERED -> new Node("快件已签收，签收人：本人", time, "签收", "301");
            case OUTBOUND -> throw new IllegalArgumentException("OUTBOUND is a WMS event, not a route node");
        };
    }

    /** The {@code param} JSON of a Kuaidi100 push; {@code history} newest first. */
    static Map<String, Object> kuaidi100Param(String nu, String com, StatusEvent.Kind latest, List<Node> history) {
        boolean signed = latest == StatusEvent.Kind.DELIVERED;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("message", "ok");
        result.put("nu", nu);
        result.put("ischeck", signed ? "1" : "0");
        result.put("com", com);
        result.put("status", "200");
        // basic state: 1 揽收, 0 在途, 3 签收
        result.put("state", switch (latest) {
            case PICKUP -> "1";
            case DELIVERED -> "3";
            default -> "0";
        });
        result.put("data", history.stream().map(Node::toMap).toList());
        result.put("loop", false);
        Map<String, Object> param = new LinkedHashMap<>();
        param.put("status", signed ? "shutdown" : "polling");
        param.put("billstatus", switch (latest) {
            case PICKUP -> "got";
            case DELIVERED -> "check";
            default -> "sending";
        });
        param.put("message", "");
        param.put("lastResult", result);
        return param;
    }

    /** The form body Kuaidi100 posts: {@code param} and its {@code sign}. */
    static String form(String paramJson, String salt) {
        return "param=" + URLEncoder.encode(paramJson, StandardCharsets.UTF_8) + "&sign=" + sign(paramJson, salt);
    }

    static String sign(String paramJson, String salt) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest((paramJson + salt).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().withUpperCase().formatHex(md5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The WMS outbound event: {@code {"orderCode","status":"OUTBOUND","warehouse","operateTime","waybillNo"}}. */
    static Map<String, Object> wms(String orderCode, String warehouse, Instant at, String waybillNo) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("orderCode", orderCode);
        m.put("status", "OUTBOUND");
        m.put("warehouse", warehouse);
        m.put("operateTime", CHINA_TIME.format(at));
        m.put("waybillNo", waybillNo);
        return m;
    }

    /** The Kuaidi100 company of a carrier code, or of a waybill number by its prefix. */
    static String com(String cpCode, String waybillNo) {
        if (cpCode != null && COM.containsKey(cpCode.toUpperCase(Locale.ROOT))) {
            return COM.get(cpCode.toUpperCase(Locale.ROOT));
        }
        return waybillNo != null && waybillNo.startsWith("YT") ? "yuantong" : "shunfeng";
    }
}
