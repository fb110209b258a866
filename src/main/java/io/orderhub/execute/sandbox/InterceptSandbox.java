package io.orderhub.execute.sandbox;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.orderhub.web.HttpReplies;

/**
 * The sandbox's side of after-sales interception (embedded profile only): the WMS's QiMen
 * {@code taobao.qimen.order.cancel} (success while the delivery order has not gone out, the failure
 * {@code ORDER_ALREADY_SHIPPED} once the WMS reported its outbound), the carrier's intercept request shaped like
 * Kuaidi100's {@code interceptOrder} (one per waybill; refused for waybills it never issued or listed in the carrier's
 * {@code failItems}), and finance's reversal (红冲) of a receivable it booked. Faults come from the WMS, carrier and
 * finance controls, like their other requests.
 */
@ApplicationScoped
public class InterceptSandbox {

    public static final String CANCEL = "taobao.qimen.order.cancel";
    /** The sandbox WMS's code for "the order has left the warehouse": QiMen leaves failure codes to each WMS. */
    public static final String ALREADY_SHIPPED = "ORDER_ALREADY_SHIPPED";
    static final String OUTBOUND_AT = "outboundAt";
    static final String CANCELLED_AT = "cancelledAt";

    private final DownstreamSandbox sandbox;
    private final Map<String, AtomicInteger> cancelRequests = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> intercepts = new ConcurrentHashMap<>();

    public InterceptSandbox(DownstreamSandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** QiMen order.cancel: {@code {warehouseCode, ownerCode, orderCode, orderId, orderType, cancelReason}}. */
    public DownstreamReply wmsCancel(DownstreamRequest request) {
        boolean xml = request.xml();
        var refused = sandbox.refuse(DownstreamSystem.WMS,
                (status, message) -> qimen(xml, status, QimenSandbox.failure(String.valueOf(status), message)));
        if (refused.isPresent()) {
            return refused.get();
        }
        JsonNode root;
        try {
            root = xml ? QimenXml.read(request.body()) : request.json();
        } catch (IllegalArgumentException e) {
            return qimen(xml, 200, QimenSandbox.failure("isv.invalid-parameter", e.getMessage()));
        }
        JsonNode body = root.has("request") ? root.get("request") : root;
        String code = body.path("orderCode").asText("");
        cancelRequests.computeIfAbsent(code, k -> new AtomicInteger()).incrementAndGet();
        Optional<DownstreamRecord> order = sandbox.record(DownstreamSystem.WMS, code);
        if (code.isEmpty() || order.isEmpty()) {
            return qimen(xml, 200, QimenSandbox.failure("ORDER_NOT_FOUND", "no delivery order '" + code + "'"));
        }
        DownstreamRecord entry = order.get();
        synchronized (entry) {
            if (entry.attributes().containsKey(OUTBOUND_AT)) {
                return qimen(xml, 200, QimenSandbox.failure(ALREADY_SHIPPED, "单据已出库, 不能取消 (" + code + ")"));
            }
            entry.attribute(CANCELLED_AT, Instant.now().toString());
        }
        return qimen(xml, 200, QimenSandbox.success());
    }

    /** Kuaidi100 interceptOrder: {@code {"method": "interceptOrder", "param": {kuaidicom, kuaidinum, ...}}}. */
    public DownstreamReply carrierIntercept(DownstreamRequest request) {
        var refused = sandbox.refuse(DownstreamSystem.CARRIER, (status, message) -> kuaidi100(status, false,
                String.valueOf(status), message, null));
        if (refused.isPresent()) {
            return refused.get();
        }
        JsonNode param;
        try {
            param = param(request.json().path("param"));
        } catch (IllegalArgumentException e) {
            return kuaidi100(200, false, "400", e.getMessage(), null);
        }
        String waybill = param.path("kuaidinum").asText("");
        boolean issued = sandbox.book(DownstreamSystem.CARRIER).entries().stream()
                .anyMatch(e -> e.id().equals(waybill));
        if (!issued || param.path("kuaidicom").asText("").isEmpty()) {
            return kuaidi100(200, false, "400", "unknown waybill '" + waybill + "' or no kuaidicom", null);
        }
        if (sandbox.failsItem(DownstreamSystem.CARRIER, waybill)) {
            return kuaidi100(200, false, "500", "sandbox: intercept of " + waybill + " refused (failItems)", null);
        }
        Map<String, Object> data = intercepts.computeIfAbsent(waybill, w -> {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("taskId", sandbox.nextId("IC", 16));
            d.put("kuaidinum", w);
            d.put("interceptType", param.path("interceptType").asText(""));
            d.put("orderid", param.path("orderid").asText(""));
            return d;
        });
        return kuaidi100(200, true, "200", "提交成功", data);
    }

    /** A reversal voucher: {@code bizNo}, {@code originalBizNo} of a receivable booked here, negative amounts. */
    public DownstreamReply reversal(DownstreamRequest request) {
        var refused = sandbox.refuse(DownstreamSystem.FINANCE, LedgerSandbox::error);
        if (refused.isPresent()) {
            return refused.get();
        }
        JsonNode body;
        try {
            body = request.json();
        } catch (IllegalArgumentException e) {
            return LedgerSandbox.error(400, e.getMessage());
        }
        String bizNo = body.path("bizNo").asText("");
        String original = body.path("originalBizNo").asText("");
        DownstreamBook book = sandbox.book(DownstreamSystem.FINANCE);
        if (bizNo.isEmpty() || book.byBusinessId(original).isEmpty()) {
            return LedgerSandbox.error(404, "bizNo required; no receivable '" + original + "' to reverse");
        }
        if (!body.path("amount").asText("").startsWith("-")) {
            return LedgerSandbox.error(400, "a reversal (红冲) carries negative amounts");
        }
        Map<String, Object> answer = book.once(bizNo, () -> {
            DownstreamRecord entry = book.record(bizNo, bizNo, () -> sandbox.nextId("RV", 12), request.body())
                    .entry();
            entry.attribute("originalBizNo", original);
            entry.attribute("amount", body.path("amount").asText());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", "0");
            m.put("message", "ok");
            m.put("data", Map.of("reversalId", entry.id(), "bizNo", bizNo, "originalBizNo", original));
            return m;
        });
        return DownstreamReply.json(200, answer);
    }

    /** How many cancel requests reached the WMS for a delivery order code. */
    public int cancelRequests(String orderCode) {
        AtomicInteger n = cancelRequests.get(orderCode);
        return n == null ? 0 : n.get();
    }

    /** The intercept the carrier registered for a waybill, if any. */
    public Optional<Map<String, Object>> intercept(String waybill) {
        return Optional.ofNullable(intercepts.get(waybill));
    }

    public void reset() {
        cancelRequests.clear();
        intercepts.clear();
    }

    private static JsonNode param(JsonNode param) {
        if (param.isTextual()) {
            try {
                return HttpReplies.mapper().readTree(param.asText());
            } catch (IOException e) {
                throw new IllegalArgumentException("param is not JSON");
            }
        }
        if (!param.isObject()) {
            throw new IllegalArgumentException("param is required");
        }
        return param;
    }

    private static DownstreamReply kuaidi100(int status, boolean result, String code, String message, Object data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("result", result);
        m.put("returnCode", code);
        m.put("message", message);
        m.put("data", data == null ? Map.of() : data);
        return DownstreamReply.json(status, m);
    }

    private static DownstreamReply qimen(boolean xml, int status, Map<String, Object> response) {
        return xml
                ? DownstreamReply.xml(status, QimenXml.write("response", response))
                : DownstreamReply.json(status, Map.of("response", response));
    }
}
