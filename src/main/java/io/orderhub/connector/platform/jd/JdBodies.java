package io.orderhub.connector.platform.jd;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.connector.sandbox.SandboxOrder;
import io.orderhub.connector.sandbox.SandboxResponse;

/**
 * The JOS response bodies the sandbox answers with. The detail template is the captured bare {@code orderInfo}; it is
 * served in the envelope fixtures/SOURCES.md quotes from a second captured response:
 * {@code {"jingdong_pop_order_get_responce":{"code":"0","orderDetailInfo":{"orderInfo":{...},"apiResult":{...}}}}}.
 */
final class JdBodies {

    static final List<String> TEMPLATES = List.of("jd__pop_order_orderInfo_captured.json");
    /** orderStateRemark labels as the pop.order.search order_state documentation names them. */
    private static final Map<String, String> REMARKS = Map.of("WAIT_SELLER_STOCK_OUT", "等待出库",
            "WAIT_GOODS_RECEIVE_CONFIRM", "等待确认收货", "WAIT_SELLER_DELIVERY", "等待发货", "PAUSE", "暂停", "FINISHED_L",
            "完成", "TRADE_CANCELED", "取消", "LOCKED", "已锁定", "POP_ORDER_PAUSE", "pop业务暂停");

    private final ObjectMapper json;
    private final List<JsonNode> templates;

    JdBodies(ObjectMapper json) {
        this.json = json;
        this.templates = TEMPLATES.stream().map(this::load).toList();
    }

    /** The template order with id, vendor, times and state written in; a sandbox order has no split parent. */
    byte[] detail(SandboxOrder order) {
        ObjectNode info = templates.get(Math.floorMod(order.variant(), templates.size())).deepCopy();
        info.put("orderId", order.platformOrderId());
        info.put("venderId", order.shopKey());
        info.put("orderStartTime", JdWire.time(order.createdAt()));
        info.put("paymentConfirmTime", JdWire.time(order.createdAt()));
        info.put("modified", JdWire.time(order.modifiedAt()));
        info.put("dataVersion", String.valueOf(order.modifiedAt().toEpochMilli()));
        info.put("orderState", order.status());
        info.put("orderStateRemark", REMARKS.getOrDefault(order.status(), order.status()));
        info.put("parentOrderId", "0");
        info.put("directParentOrderId", "0");
        ObjectNode root = json.createObjectNode();
        ObjectNode env = root.putObject("jingdong_pop_order_get_responce");
        env.put("code", "0");
        ObjectNode detail = env.putObject("orderDetailInfo");
        detail.set("orderInfo", info);
        detail.set("apiResult", success());
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A detail answer for an id the shop does not have: the envelope without an orderInfo. */
    SandboxResponse noOrder() {
        ObjectNode root = json.createObjectNode();
        ObjectNode env = root.putObject("jingdong_pop_order_get_responce");
        env.put("code", "0");
        env.putObject("orderDetailInfo").set("apiResult", success());
        return SandboxResponse.json(200, root.toString());
    }

    SandboxResponse page(List<SandboxOrder> orders, int total) {
        ObjectNode root = json.createObjectNode();
        ObjectNode env = root.putObject("jingdong_pop_order_search_responce");
        env.put("code", "0");
        ObjectNode result = env.putObject("searchorderinfo_result");
        for (SandboxOrder o : orders) {
            ObjectNode row = result.withArray("orderInfoList").addObject();
            row.put("orderId", o.platformOrderId());
            row.put("orderState", o.status());
            row.put("orderStartTime", JdWire.time(o.createdAt()));
            row.put("modified", JdWire.time(o.modifiedAt()));
        }
        if (orders.isEmpty()) {
            result.putArray("orderInfoList");
        }
        result.put("orderTotal", total);
        result.set("apiResult", success());
        return SandboxResponse.json(200, root.toString());
    }

    /** A refused search: JD keeps the envelope and fails apiResult (the numberCode per case is not documented). */
    SandboxResponse searchRefused(String chinese, String english) {
        ObjectNode root = json.createObjectNode();
        ObjectNode env = root.putObject("jingdong_pop_order_search_responce");
        env.put("code", "0");
        ObjectNode apiResult = env.putObject("searchorderinfo_result").putObject("apiResult");
        apiResult.put("success", false);
        apiResult.put("chineseErrCode", chinese);
        apiResult.put("englishErrCode", english);
        return SandboxResponse.json(200, root.toString());
    }

    SandboxResponse gatewayError(String code, String zh, String en) {
        ObjectNode root = json.createObjectNode();
        ObjectNode e = root.putObject("error_response");
        e.put("code", code);
        e.put("zh_desc", zh);
        e.put("en_desc", en);
        return SandboxResponse.json(200, root.toString());
    }

    SandboxResponse token(String accessToken, String refreshToken, long issuedMillis, long expiresIn) {
        ObjectNode t = json.createObjectNode();
        t.put("access_token", accessToken);
        t.put("expires_in", expiresIn);
        t.put("refresh_token", refreshToken);
        t.put("scope", "snsapi_base");
        t.put("time", issuedMillis);
        t.put("token_type", "bearer");
        t.put("code", 0);
        return SandboxResponse.json(200, t.toString());
    }

    private ObjectNode success() {
        ObjectNode r = json.createObjectNode();
        r.put("success", true);
        r.put("numberCode", 10100000);
        r.put("chineseErrCode", "成功");
        r.put("englishErrCode", "success");
        return r;
    }

    private JsonNode load(String name) {
        try (InputStream in = JdBodies.class.getResourceAsStream("/sandbox/jd/" + name)) {
            if (in == null) {
                throw new IllegalStateException("sandbox template missing: " + name);
            }
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
