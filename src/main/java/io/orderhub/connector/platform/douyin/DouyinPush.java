package io.orderhub.connector.platform.douyin;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.connector.sandbox.SandboxOrder;
import io.orderhub.connector.sandbox.SandboxPush;
import io.orderhub.connector.sandbox.SandboxShop;
import io.orderhub.util.Hashing;

/**
 * The 抖店 message push for an order's status, on the wire as the platform posts it: a JSON array
 * {@code [{"tag":"101","msg_id":"…","data":"<JSON string>"}]} (github.com/zsmhub/doudian-sdk
 * {@code message/doudian_message.go}), data carrying {@code p_id}, {@code s_ids}, {@code shop_id}, {@code order_status}
 * and the event's time as in the doc examples of /work/shared/fixtures/douyin_doudian__push_*.json; signed with header
 * {@code event-sign} = hex MD5(app_key + body + secret) and {@code app-id} = app_key, as the hub's DouyinSignature
 * verifies.
 */
final class DouyinPush {

    /** Order status → message tag (tag table in /work/shared/fixtures/STATUS_ENUMS.md, 抖店 section). */
    private static final Map<String, Integer> TAGS = Map.ofEntries(Map.entry("1", 100), Map.entry("2", 101),
            Map.entry("103", 101), Map.entry("105", 110), Map.entry("101", 108), Map.entry("3", 102),
            Map.entry("4", 106), Map.entry("21", 106), Map.entry("22", 106), Map.entry("39", 106), Map.entry("5", 103));
    private static final Map<Integer, String> TIME_FIELD = Map.of(100, "create_time", 101, "pay_time", 110,
            "pay_time", 103, "complete_time", 106, "cancel_time");

    private DouyinPush() {
    }

    static SandboxPush of(SandboxOrder order, SandboxShop shop) {
        int tag = TAGS.getOrDefault(order.status(), 101);
        String timeField = TIME_FIELD.getOrDefault(tag, "update_time");
        Instant at = tag == 100 ? order.createdAt() : order.modifiedAt();
        ObjectNode data = DouyinWire.JSON.createObjectNode();
        putId(data, "p_id", order.platformOrderId());
        ArrayNode sIds = data.putArray("s_ids");
        if (order.platformOrderId().matches("\\d+")) {
            sIds.add(new BigInteger(order.platformOrderId()));
        } else {
            sIds.add(order.platformOrderId());
        }
        putId(data, "shop_id", shop.platformShopId());
        data.put("order_status", Integer.parseInt(order.status()));
        data.put("order_type", 0);
        data.put("biz", 2);
        data.put(timeField, at.getEpochSecond());
        ObjectNode message = DouyinWire.JSON.createObjectNode();
        message.put("tag", String.valueOf(tag));
        message.put("msg_id", shop.platformShopId() + "::" + tag + ":" + at.getEpochSecond() + ":"
                + order.platformOrderId());
        message.put("data", data.toString());
        byte[] body = DouyinWire.write(DouyinWire.JSON.createArrayNode().add(message));
        String sign = Hashing.hex("MD5", shop.appKey().getBytes(StandardCharsets.UTF_8), body,
                shop.pushSecret().getBytes(StandardCharsets.UTF_8));
        return new SandboxPush(Map.of(), Map.of("app-id", shop.appKey(), "event-sign", sign), DouyinWire.CONTENT_TYPE,
                body);
    }

    /** Ids are JSON numbers on the wire (p_id exceeds 2^53); non-numeric sandbox ids stay strings. */
    private static void putId(ObjectNode data, String field, String id) {
        if (id.matches("\\d+")) {
            data.put(field, new BigInteger(id));
        } else {
            data.put(field, id);
        }
    }
}
