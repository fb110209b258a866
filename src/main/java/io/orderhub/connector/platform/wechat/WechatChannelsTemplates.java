package io.orderhub.connector.platform.wechat;

import java.math.BigInteger;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.connector.sandbox.SandboxOrder;

/**
 * The order/get body and the thin event pushes the sandbox renders from the verbatim templates in
 * {@code sandbox/wechat_channels/} (see its SOURCES.md).
 */
final class WechatChannelsTemplates {

    static final String DIR = "sandbox/wechat_channels/wechat_channels__";
    /** Which event a status is reached by (STATUS_ENUMS.md, WeChat Channels: event push types). */
    static final Map<String, String> EVENT_BY_STATUS = Map.ofEntries(Map.entry("10", "new"), Map.entry("12", "pay"),
            Map.entry("13", "pay"), Map.entry("17", "pay"), Map.entry("20", "pay"), Map.entry("21", "deliver"),
            Map.entry("30", "deliver"), Map.entry("100", "confirm"), Map.entry("190", "cancel"),
            Map.entry("200", "cancel"), Map.entry("250", "cancel"));
    /** cancel_type: 1 用户取消, 3 全部商品售后完成订单取消, 4 超卖商家取消. */
    static final Map<String, String> CANCEL_TYPE = Map.of("190", "4", "200", "3", "250", "1");

    private final ObjectNode detail = WechatJson.resource(DIR + "order_get_response.json");

    /** order/get with the order's id, status and times written in (the response carries no shop id). */
    byte[] detail(SandboxOrder order) {
        ObjectNode body = detail.deepCopy();
        ObjectNode o = (ObjectNode) body.path("order");
        o.put("order_id", order.platformOrderId());
        o.put("status", Integer.parseInt(order.status()));
        o.put("create_time", order.createdAt().getEpochSecond());
        o.put("update_time", order.modifiedAt().getEpochSecond());
        ObjectNode pay = (ObjectNode) o.path("order_detail").path("pay_info");
        if ("10".equals(order.status())) {
            pay.remove("pay_time");
        } else {
            pay.put("pay_time", order.createdAt().getEpochSecond());
        }
        return WechatJson.bytes(body);
    }

    /** The event that announces the order's status, with its id (kept as number or string like the template). */
    ObjectNode event(SandboxOrder order) {
        String event = EVENT_BY_STATUS.getOrDefault(order.status(), "pay");
        ObjectNode body = WechatJson.resource(DIR + "event_channels_ec_order_" + event + ".json");
        body.put("CreateTime", order.modifiedAt().getEpochSecond());
        ObjectNode info = (ObjectNode) body.path("order_info");
        if (info.path("order_id").isNumber() && order.platformOrderId().matches("[0-9]+")) {
            info.put("order_id", new BigInteger(order.platformOrderId()));
        } else {
            info.put("order_id", order.platformOrderId());
        }
        switch (event) {
            case "pay" -> info.put("pay_time", String.valueOf(order.createdAt().getEpochSecond()));
            case "deliver" -> info.put("finish_delivery", "30".equals(order.status()) ? 1 : 0);
            case "cancel" -> info.put("cancel_type", CANCEL_TYPE.get(order.status()));
            default -> {
                // new and confirm carry nothing order-specific besides the id
            }
        }
        return body;
    }
}
