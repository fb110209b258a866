package io.orderhub.connector.platform.douyin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.connector.sandbox.SandboxBook;
import io.orderhub.connector.sandbox.SandboxResponse;
import io.orderhub.connector.sandbox.SandboxShipment;

/**
 * The sandbox's 抖店 order.logisticsAdd / logisticsAddMultiPack: records the parcel(s), refuses a company code it does
 * not know and a repeated waybill as business errors (抖店's exact sub codes for them were not found in the public
 * docs), and shows recorded parcels on order.orderDetail ({@code order_status} 3 已发货,
 * {@code logistics_info[].tracking_no} / {@code company}).
 */
final class DouyinSandboxShipping {

    static final Set<String> CARRIERS = Set.of("shunfeng", "yuantong", "zhongtong", "shentong", "yunda", "jd", "ems");

    private DouyinSandboxShipping() {
    }

    static SandboxResponse ship(String method, JsonNode params, SandboxBook book, String shopKey, Instant now) {
        String fault = book.shipFault().orElse("");
        if ("AUTH_EXPIRED".equals(fault)) {
            return DouyinSandbox.error(40003, "非法的参数", "isv.access-token-expired", "access_token已过期");
        }
        String orderId = params.path("order_id").asText("");
        if (book.order(shopKey, orderId).isEmpty()) {
            return DouyinSandbox.error(40004, "非法的参数", "isv.parameter-invalid:20001", "订单不存在");
        }
        List<SandboxShipment> parcels = new ArrayList<>();
        if (DouyinApi.SHIP.equals(method)) {
            parcels.add(new SandboxShipment(orderId, List.of(), params.path("logistics_code").asText(""),
                    params.path("company_code").asText(""), now));
        } else {
            for (JsonNode pack : params.path("pack_list")) {
                List<String> subs = pack.path("shipped_order_info").findValuesAsText("shipped_order_id");
                parcels.add(new SandboxShipment(orderId, subs, pack.path("logistics_code").asText(""),
                        pack.path("company_code").asText(""), now));
            }
        }
        if ("WRONG_CARRIER_CODE".equals(fault) || parcels.stream().anyMatch(p -> !CARRIERS.contains(p.carrierCode()))) {
            return DouyinSandbox.error(40004, "非法的参数", "isv.parameter-invalid", "物流公司不存在");
        }
        boolean fresh = false;
        for (SandboxShipment p : parcels) {
            fresh |= book.recordShipment(shopKey, p);
        }
        return fresh
                ? DouyinSandboxLists.ok(DouyinWire.write(DouyinWire.JSON.createObjectNode().put("code", DouyinErrors.OK)
                        .put("msg", "success").put("log_id", "sandbox")
                        .set("data", DouyinWire.JSON.createObjectNode())))
                : DouyinSandbox.error(50002, "业务处理失败", "isv.business-failed", "订单已发货");
    }

    static byte[] withShipments(byte[] detail, List<SandboxShipment> shipments) {
        if (shipments.isEmpty()) {
            return detail;
        }
        ObjectNode root = (ObjectNode) DouyinWire.read(detail);
        ObjectNode order = (ObjectNode) root.path("data").path("shop_order_detail");
        order.put("order_status", 3);
        ArrayNode logistics = order.putArray("logistics_info");
        for (SandboxShipment s : shipments) {
            logistics.addObject().put("company", s.carrierCode()).put("tracking_no", s.waybillNo())
                    .put("ship_time", s.at().getEpochSecond());
        }
        return DouyinWire.write(root);
    }
}
