package io.orderhub.connector.platform.taobao;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.connector.api.FetchedOrder;
import io.orderhub.connector.api.ShippedView;
import io.orderhub.connector.sandbox.SandboxBook;
import io.orderhub.connector.sandbox.SandboxResponse;
import io.orderhub.connector.sandbox.SandboxShipment;

/**
 * TOP shipping on both sides: the sandbox's answer to {@code taobao.logistics.offline.send} (records the parcel; an
 * unknown {@code company_code} or a repeated waybill answer as TOP's {@code isv.*} business errors), the trade detail
 * showing recorded parcels (status {@code WAIT_BUYER_CONFIRM_GOODS}, or {@code SELLER_CONSIGNED_PART} for part
 * shipments; {@code orders.order[].invoice_no} / {@code logistics_company} per shipped sub-order, Trade/Order fields
 * of taobao.trade.fullinfo.get), and the hub reading that back for the daily check. The sub code of TOP's
 * offline.send business errors was not found in the public docs; the sandbox's is a stand-in.
 */
final class TopShipping {

    static final Set<String> CARRIERS = Set.of("SF", "YTO", "ZTO", "STO", "YUNDA", "JD", "EMS");
    static final Set<String> SHIPPED = Set.of("SELLER_CONSIGNED_PART", "WAIT_BUYER_CONFIRM_GOODS",
            "TRADE_BUYER_SIGNED", "TRADE_FINISHED");
    static final String SUB_CODE = "isv.logistics-offline-service-error";

    private TopShipping() {
    }

    static SandboxResponse answer(TopBodies bodies, Map<String, String> params, SandboxBook book, String shopKey,
            Instant now) {
        String fault = book.shipFault().orElse("");
        if ("AUTH_EXPIRED".equals(fault)) {
            return bodies.error(27, "Invalid session", "invalid-sessionkey", "SessionKey非法");
        }
        String tid = params.getOrDefault("tid", "");
        if (book.order(shopKey, tid).isEmpty()) {
            return bodies.error(15, "Remote service error", "isv.trade-not-exist", "交易订单不存在");
        }
        String company = params.getOrDefault("company_code", "");
        if ("WRONG_CARRIER_CODE".equals(fault) || !CARRIERS.contains(company)) {
            return bodies.error(15, "Remote service error", SUB_CODE, "物流公司不存在:" + company);
        }
        String sub = params.getOrDefault("sub_tid", "");
        List<String> subs = sub.isBlank() ? List.of() : Arrays.asList(sub.split(","));
        boolean fresh = book.recordShipment(shopKey,
                new SandboxShipment(tid, subs, params.getOrDefault("out_sid", ""), company, now));
        if (!fresh) {
            return bodies.error(15, "Remote service error", SUB_CODE, "订单已发货，不能重复发货");
        }
        return SandboxResponse.json(200,
                "{\"logistics_offline_send_response\":{\"shipping\":{\"is_success\":true},\"request_id\":\"sandbox\"}}");
    }

    /** The rendered trade with its recorded parcels written in. */
    static byte[] withShipments(ObjectMapper json, byte[] detail, List<SandboxShipment> shipments) {
        if (shipments.isEmpty()) {
            return detail;
        }
        try {
            ObjectNode root = (ObjectNode) json.readTree(detail);
            ObjectNode trade = (ObjectNode) root.path("trade_fullinfo_get_response").path("trade");
            boolean whole = shipments.stream().anyMatch(s -> s.subOrderIds().isEmpty());
            trade.put("status", whole ? "WAIT_BUYER_CONFIRM_GOODS" : "SELLER_CONSIGNED_PART");
            trade.put("consign_time", TopWire.time(shipments.get(0).at()));
            for (JsonNode line : trade.path("orders").path("order")) {
                String oid = line.path("oid_str").asText(line.path("oid").asText());
                shipments.stream().filter(s -> s.subOrderIds().isEmpty() || s.subOrderIds().contains(oid))
                        .reduce((a, b) -> b).ifPresent(s -> ((ObjectNode) line).put("invoice_no", s.waybillNo())
                                .put("logistics_company", s.carrierCode()).put("status", "WAIT_BUYER_CONFIRM_GOODS"));
            }
            return json.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Optional<ShippedView> shipped(ObjectMapper json, FetchedOrder order) {
        try {
            JsonNode trade = json.readTree(order.body()).path("trade_fullinfo_get_response").path("trade");
            if (!trade.has("status")) {
                return Optional.empty();
            }
            Set<String> waybills = new LinkedHashSet<>();
            for (JsonNode line : trade.path("orders").path("order")) {
                if (!line.path("invoice_no").asText("").isEmpty()) {
                    waybills.add(line.path("invoice_no").asText());
                }
            }
            return Optional.of(new ShippedView(SHIPPED.contains(trade.path("status").asText()), Set.copyOf(waybills)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
