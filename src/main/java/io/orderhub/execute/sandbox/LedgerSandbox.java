package io.orderhub.execute.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The sandbox systems without a market-wide standard, in a plain shape of our own: finance receivables (dedupe on
 * {@code bizNo}), invoice requests (on {@code requestId}) and WMS wave pick lists (on {@code waveNo}); each falls back to
 * the {@code Idempotency-Key} header. Answers {@code {"code":"0","message":"ok","data":{...}}}, waves
 * {@code {"waveId",...}}.
 */
@ApplicationScoped
public class LedgerSandbox {

    private final DownstreamSandbox sandbox;

    public LedgerSandbox(DownstreamSandbox sandbox) {
        this.sandbox = sandbox;
    }

    public DownstreamReply receivable(DownstreamRequest request) {
        return ack(DownstreamSystem.FINANCE, request, "bizNo", "AR", body -> null,
                (entry, body) -> data(Map.of("receivableId",
                        entry.id(), "bizNo", entry.businessId())));
    }

    public DownstreamReply invoice(DownstreamRequest request) {
        return ack(DownstreamSystem.INVOICE, request, "requestId", "IR", body -> null, (entry, body) -> data(Map.of(
                "invoiceRequestId", entry.id(), "requestId", entry.businessId(), "status", "ACCEPTED")));
    }

    public DownstreamReply wave(DownstreamRequest request) {
        return ack(DownstreamSystem.WAVES, request, "waveNo", "WV", LedgerSandbox::checkWave, (entry, body) -> {
            JsonNode orders = body.path("orders");
            entry.attribute("warehouse", body.path("warehouse").asText());
            entry.attribute("orderCount", Integer.toString(orders.size()));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("waveId", entry.id());
            m.put("waveNo", entry.businessId());
            m.put("warehouse", body.path("warehouse").asText());
            m.put("orderCount", orders.size());
            return m;
        });
    }

    private static String checkWave(JsonNode body) {
        JsonNode orders = body.path("orders");
        return !orders.isArray() || orders.isEmpty() || body.path("warehouse").asText("").isEmpty()
                ? "a wave needs a warehouse and at least one order"
                : null;
    }

    @FunctionalInterface
    interface Answer {
        Map<String, Object> of(DownstreamRecord entry, JsonNode body);
    }

    private DownstreamReply ack(DownstreamSystem system, DownstreamRequest request, String handle, String idPrefix,
            Function<JsonNode, String> check, Answer answer) {
        var refused = sandbox.refuse(system, LedgerSandbox::error);
        if (refused.isPresent()) {
            return refused.get();
        }
        JsonNode body;
        try {
            body = request.json();
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        }
        String problem = check.apply(body);
        if (problem != null) {
            return error(400, problem);
        }
        Optional<String> key = Optional.of(body.path(handle).asText("")).filter(s -> !s.isEmpty())
                .or(request::idempotencyKey);
        if (key.isEmpty()) {
            return error(400, handle + " or an Idempotency-Key header is required");
        }
        DownstreamBook book = sandbox.book(system);
        String k = key.get();
        return DownstreamReply.json(200, book.once(k, () -> answer.of(
                book.record(k, k, () -> sandbox.nextId(idPrefix, 12), request.body()).entry(), body)));
    }

    private static Map<String, Object> data(Map<String, Object> data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", "0");
        m.put("message", "ok");
        m.put("data", data);
        return m;
    }

    static DownstreamReply error(int status, String message) {
        return DownstreamReply.json(status, Map.of("code", String.valueOf(status), "message", message));
    }
}
