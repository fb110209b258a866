package io.orderhub.connector.platform.wechat;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.connector.sandbox.SandboxBook;
import io.orderhub.connector.sandbox.SandboxResponse;
import io.orderhub.connector.sandbox.SandboxShipment;
import io.orderhub.connector.sandbox.SandboxShop;

/**
 * The sandbox's side of 微信小店 delivery/send: checks the order and the carrier id, records the parcel, answers
 * 109001 for a waybill already sent, and shows recorded parcels on order/get (status 30, delivery_product_info).
 */
final class WechatChannelsSandboxShipping {

    /** The delivery ids the sandbox knows (a subset of 获取快递公司列表; mappings/carriers.yaml uses the same). */
    static final Set<String> CARRIERS = Set.of("SF", "YTO", "ZTO", "STO", "YD", "JD", "EMS");

    private WechatChannelsSandboxShipping() {
    }

    static SandboxResponse ship(JsonNode params, SandboxBook book, SandboxShop shop, Instant now) {
        String fault = book.shipFault().orElse("");
        if ("AUTH_EXPIRED".equals(fault)) {
            return WechatChannelsSandbox.error(42001, "access_token expired");
        }
        String orderId = params.path("order_id").asText("");
        if (book.order(shop.shopKey(), orderId).isEmpty()) {
            return WechatChannelsSandbox.error(WechatChannelsResponses.ORDER_NOT_FOUND, "order not exist");
        }
        JsonNode parcel = params.path("delivery_list").path(0);
        String carrier = parcel.path("delivery_id").asText("");
        String waybill = parcel.path("waybill_id").asText("");
        if ("WRONG_CARRIER_CODE".equals(fault) || !CARRIERS.contains(carrier)) {
            return WechatChannelsSandbox.error(WechatChannelsShipping.BAD_PARAMETER, "invalid delivery_id");
        }
        if (waybill.isEmpty()) {
            return WechatChannelsSandbox.error(WechatChannelsShipping.BAD_PARAMETER, "invalid waybill_id");
        }
        boolean fresh = book.recordShipment(shop.shopKey(),
                new SandboxShipment(orderId, List.of(), waybill, carrier, now));
        return fresh
                ? WechatChannelsSandbox.json(WechatJson.object().put("errcode", 0).put("errmsg", "ok"))
                : WechatChannelsSandbox.error(WechatChannelsShipping.ALREADY_SHIPPED, "already delivered");
    }

    /** The rendered order/get body, shipped with the recorded parcels when there are any. */
    static byte[] withShipments(byte[] detail, List<SandboxShipment> shipments) {
        if (shipments.isEmpty()) {
            return detail;
        }
        ObjectNode body = (ObjectNode) WechatJson.read(detail);
        ObjectNode order = (ObjectNode) body.path("order");
        order.put("status", 30);
        ObjectNode delivery = (ObjectNode) order.path("order_detail").path("delivery_info");
        ArrayNode parcels = delivery.putArray("delivery_product_info");
        for (SandboxShipment s : shipments) {
            parcels.addObject().put("waybill_id", s.waybillNo()).put("delivery_id", s.carrierCode())
                    .put("delivery_time", s.at().getEpochSecond()).put("deliver_type", 1);
        }
        return WechatJson.bytes(body);
    }
}
