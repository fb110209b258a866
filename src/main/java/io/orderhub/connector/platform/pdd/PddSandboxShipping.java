package io.orderhub.connector.platform.pdd;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.connector.sandbox.SandboxBook;
import io.orderhub.connector.sandbox.SandboxResponse;
import io.orderhub.connector.sandbox.SandboxShipment;

/**
 * The sandbox's pdd.logistics.online.send: records the parcel, refuses a logistics_id it does not know and a
 * repeated send as business errors (PDD's own sub messages for them were not found in the public docs), and shows a
 * recorded parcel on pdd.order.information.get ({@code order_status} 2 已发货待签收, {@code tracking_number},
 * {@code logistics_id}).
 */
final class PddSandboxShipping {

    /** The logistics ids the sandbox accepts: those mappings/carriers.yaml lists for PDD. */
    static final Set<String> CARRIERS = Set.of("121");

    private PddSandboxShipping() {
    }

    static SandboxResponse ship(Map<String, String> p, SandboxBook book, String shopKey, Instant now) {
        String fault = book.shipFault().orElse("");
        if ("AUTH_EXPIRED".equals(fault)) {
            return PddSandbox.error(PddErrors.TOKEN_EXPIRED, "access_token已过期", "access_token已过期");
        }
        String orderSn = p.getOrDefault("order_sn", "");
        if (book.order(shopKey, orderSn).isEmpty()) {
            return PddSandbox.error(PddErrors.BUSINESS_FAILED, "业务服务错误", PddErrors.ORDER_MISSING);
        }
        String carrier = p.getOrDefault("logistics_id", "");
        if ("WRONG_CARRIER_CODE".equals(fault) || !CARRIERS.contains(carrier)) {
            return PddSandbox.error(PddErrors.BUSINESS_FAILED, "业务服务错误", "快递公司不存在:" + carrier);
        }
        if (!book.recordShipment(shopKey, new SandboxShipment(orderSn, List.of(),
                p.getOrDefault("tracking_number", ""), carrier, now))) {
            return PddSandbox.error(PddErrors.BUSINESS_FAILED, "业务服务错误", "订单已发货");
        }
        ObjectNode root = PddWire.JSON.createObjectNode();
        root.putObject("logistics_online_send_response").put("is_success", true).put("request_id", "sandbox");
        return PddSandboxLists.ok(root);
    }

    static byte[] withShipments(byte[] detail, List<SandboxShipment> shipments) {
        if (shipments.isEmpty()) {
            return detail;
        }
        ObjectNode root = (ObjectNode) PddWire.read(detail);
        ObjectNode info = (ObjectNode) root.path("order_info_get_response").path("order_info");
        SandboxShipment last = shipments.get(shipments.size() - 1);
        info.put("order_status", 2);
        info.put("tracking_number", last.waybillNo());
        info.put("logistics_id", Long.parseLong(last.carrierCode()));
        return PddWire.write(root);
    }
}
