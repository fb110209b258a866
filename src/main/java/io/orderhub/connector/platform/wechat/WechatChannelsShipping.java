package io.orderhub.connector.platform.wechat;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.connector.api.FetchedOrder;
import io.orderhub.connector.api.PlatformException;
import io.orderhub.connector.api.PlatformException.Kind;
import io.orderhub.connector.api.PlatformResponse;
import io.orderhub.connector.api.ShipAck;
import io.orderhub.connector.api.Shipment;
import io.orderhub.connector.api.ShippedView;

/**
 * 微信小店 delivery: {@code POST /channels/ec/order/delivery/send} with {@code order_id} and {@code delivery_list}
 * ({@code delivery_id} = the platform's carrier id, {@code waybill_id}, {@code deliver_type} 1 = 自寄快递), and the
 * shipped state read back from order/get ({@code status} 21 部分发货 / 30 待收货 / 100 完成, waybills in
 * {@code order_detail.delivery_info.delivery_product_info[]}). Return codes as documented for the mini-shop delivery
 * API (developers.weixin.qq.com/doc/ministore/minishopopencomponent/API/delivery/send_delivery.html): 109001 已经发货,
 * 109000 发货失败, 9401020 参数有误. WeChat has no code of its own for an unknown carrier: a parameter error naming
 * {@code delivery_id} is read as one (not verified against a live answer).
 */
final class WechatChannelsShipping {

    static final String PATH = "/channels/ec/order/delivery/send";
    static final int ALREADY_SHIPPED = 109001;
    static final int SHIP_FAILED = 109000;
    static final int BAD_PARAMETER = 9401020;
    static final Set<Integer> SHIPPED_STATUSES = Set.of(21, 30, 100);

    private WechatChannelsShipping() {
    }

    static ObjectNode body(Shipment shipment) {
        ObjectNode body = WechatJson.object().put("order_id", shipment.platformOrderId());
        ObjectNode parcel = body.putArray("delivery_list").addObject();
        parcel.put("delivery_id", shipment.carrierCode());
        parcel.put("waybill_id", shipment.waybillNo());
        parcel.put("deliver_type", 1);
        return body;
    }

    static ShipAck read(PlatformResponse response) {
        try {
            WechatChannelsResponses.ok(response);
            return new ShipAck(false, "0");
        } catch (PlatformException e) {
            if (String.valueOf(ALREADY_SHIPPED).equals(e.platformCode())) {
                return new ShipAck(true, e.platformCode());
            }
            if (String.valueOf(BAD_PARAMETER).equals(e.platformCode()) && e.getMessage().contains("delivery_id")) {
                throw new PlatformException(Kind.WRONG_CARRIER_CODE, e.platformCode(), e.getMessage());
            }
            throw e;
        }
    }

    static Optional<ShippedView> shipped(FetchedOrder order) {
        JsonNode o = WechatJson.read(order.body()).path("order");
        if (!o.has("status")) {
            return Optional.empty();
        }
        Set<String> waybills = new LinkedHashSet<>();
        for (JsonNode d : o.path("order_detail").path("delivery_info").path("delivery_product_info")) {
            if (!d.path("waybill_id").asText("").isEmpty()) {
                waybills.add(d.path("waybill_id").asText());
            }
        }
        boolean shipped = SHIPPED_STATUSES.contains(o.path("status").asInt());
        return Optional.of(new ShippedView(shipped, shipped ? Set.copyOf(waybills) : Set.of()));
    }
}
