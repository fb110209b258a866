package io.orderhub.execute.sandbox;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.orderhub.web.HttpReplies;

/**
 * The sandbox carrier's e-waybill service, shaped like Cainiao's {@code cainiao.waybill.ii.get}: a request
 * {@code {"cp_code", "trade_order_info_dtos": [{"object_id", "order_info": {"trade_order_list": [...]}, ...}]}} (or,
 * for one waybill, the item object itself) gets one waybill number per item ({@code SF} + 12 digits for SF,
 * {@code YT} + 13 for YTO). The item's {@code object_id} (Cainiao's request id) is the idempotency handle: a retry
 * returns the same waybill. The batch form answers {@code modules} for the items served and {@code failed} for the
 * items refused.
 */
@ApplicationScoped
public class CarrierSandbox {

    /** Cainiao's limit of items per call. */
    static final int BATCH_LIMIT = 10;
    static final String WRAPPED = "param_waybill_cloud_print_apply_new_request";

    private final DownstreamSandbox sandbox;

    public CarrierSandbox(DownstreamSandbox sandbox) {
        this.sandbox = sandbox;
    }

    public DownstreamReply waybill(DownstreamRequest request, boolean batch) {
        var refused = sandbox.refuse(DownstreamSystem.CARRIER, CarrierSandbox::error);
        if (refused.isPresent()) {
            return refused.get();
        }
        JsonNode root;
        try {
            root = unwrap(request.json());
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        }
        String cp = text(root, "cp_code", "cpCode").orElse("SF").toUpperCase(Locale.ROOT);
        List<JsonNode> items = new ArrayList<>();
        root.path("trade_order_info_dtos").forEach(items::add);
        if (items.isEmpty() && !root.has("trade_order_info_dtos")) {
            items.add(root);
        }
        int limit = batch ? BATCH_LIMIT : 1;
        if (items.isEmpty() || items.size() > limit) {
            return error(400, "1.." + limit + " waybill requests per call, got " + items.size());
        }
        List<Map<String, Object>> modules = new ArrayList<>();
        List<Map<String, Object>> failed = new ArrayList<>();
        for (JsonNode item : items) {
            String id = text(item, "object_id", "objectId").orElse(batch ? "" : request.idempotencyKey().orElse(""));
            if (id.isEmpty()) {
                failed.add(failure(id, "MISSING_OBJECT_ID", "object_id is required"));
            } else if (sandbox.failsItem(DownstreamSystem.CARRIER, id)) {
                // counted per item, so a test sees that only the refused items come again
                sandbox.book(DownstreamSystem.CARRIER).refused(id);
                failed.add(failure(id, "ITEM_REFUSED", "sandbox: waybill request " + id + " refused (failItems)"));
            } else {
                modules.add(issue(id, cp, item, request.body()));
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("success", failed.isEmpty());
        if (batch) {
            answer.put("modules", modules);
            answer.put("failed", failed);
        } else {
            answer.putAll(failed.isEmpty() ? modules.get(0) : failed.get(0));
        }
        return DownstreamReply.json(200, answer);
    }

    private Map<String, Object> issue(String id, String cp, JsonNode item, byte[] body) {
        DownstreamBook book = sandbox.book(DownstreamSystem.CARRIER);
        return book.once(id, () -> {
            DownstreamRecord entry = book.record(id, id, () -> number(cp), body).entry();
            entry.attribute("cpCode", cp);
            String firstTrade = item.path("order_info").path("trade_order_list").path(0).asText("");
            entry.attribute("orderId",
                    firstTrade.isEmpty() ? text(item, "order_id", "orderId").orElse("") : firstTrade);
            Map<String, Object> module = new LinkedHashMap<>();
            module.put("object_id", id);
            module.put("waybill_code", entry.id());
            module.put("cp_code", cp);
            return module;
        });
    }

    /** A waybill number in the carrier's own format. */
    String number(String cp) {
        return switch (cp) {
            case "SF" -> sandbox.nextId("SF", 12);
            case "YTO" -> sandbox.nextId("YT", 13);
            default -> sandbox.nextId(cp, 12);
        };
    }

    private static JsonNode unwrap(JsonNode root) {
        JsonNode wrapped = root.path(WRAPPED);
        if (wrapped.isTextual()) {
            try {
                return HttpReplies.mapper().readTree(wrapped.asText());
            } catch (IOException e) {
                throw new IllegalArgumentException(WRAPPED + " is not JSON");
            }
        }
        return wrapped.isObject() ? wrapped : root;
    }

    static Optional<String> text(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode v = node.path(name);
            if (v.isValueNode() && !v.asText().isEmpty()) {
                return Optional.of(v.asText());
            }
        }
        return Optional.empty();
    }

    private static Map<String, Object> failure(String id, String code, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("object_id", id);
        m.put("error_code", code);
        m.put("error_msg", message);
        return m;
    }

    static DownstreamReply error(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("error_code", status >= 500 ? "isp.SYSTEM_ERROR" : "isv.INVALID_PARAMETER");
        body.put("error_msg", message);
        return DownstreamReply.json(status, body);
    }
}
