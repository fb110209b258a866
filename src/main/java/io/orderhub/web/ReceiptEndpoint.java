package io.orderhub.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;

import io.orderhub.connector.FetchQueue;
import io.orderhub.ingress.Channel;
import io.orderhub.pipeline.ReceiptProcessor;
import io.orderhub.pipeline.ReceiptRepository;
import io.orderhub.pipeline.ReceiptRepository.ReceiptView;

/**
 * {@code GET /api/v1/receipts/{receiptId}}: where an accepted payload stands; {@code POST …/{receiptId}/replay} and
 * {@code POST /api/v1/receipts/replay?channel=&from=&to=}: run parked receipts again after a mapping fix (admin).
 */
@ApplicationScoped
@Named("receipts")
public class ReceiptEndpoint {

    private final FetchQueue fetches;

    /** Most parked receipts one bulk replay call runs; the reply says when more are left. */
    static final int BULK_LIMIT = 5_000;

    private final ReceiptRepository receipts;
    private final ReceiptProcessor processor;
    private final AdminGuard admin;

    public ReceiptEndpoint(ReceiptRepository receipts, ReceiptProcessor processor, AdminGuard admin,
            FetchQueue fetches) {
        this.fetches = fetches;
        this.receipts = receipts;
        this.processor = processor;
        this.admin = admin;
    }

    public void get(Exchange exchange) {
        HttpReplies.json(exchange, 200, render(find(exchange)));
    }

    public void replay(Exchange exchange) {
        admin.require(exchange);
        ReceiptView view = find(exchange);
        if (!"PARKED".equals(view.state())) {
            throw new ApiError(409, "not_parked", "receipt " + view.receiptId() + " is " + view.state()
                    + "; only PARKED receipts are replayed");
        }
        processor.process(view.receiptId());
        HttpReplies.json(exchange, 200, render(receipts.find(view.receiptId()).orElseThrow()));
    }

    public void replayRange(Exchange exchange) {
        admin.require(exchange);
        String channel = exchange.getMessage().getHeader("channel", String.class);
        if (channel == null || Channel.fromCode(channel).isEmpty()) {
            throw new ApiError(400, "missing_parameter", "channel must be one of the channel codes");
        }
        Instant from = instant(exchange, "from", Instant.EPOCH);
        Instant to = instant(exchange, "to", Instant.now());
        List<UUID> parked = receipts.parked(channel, from, to, BULK_LIMIT + 1);
        Map<String, Integer> outcomes = new TreeMap<>();
        for (UUID id : parked.subList(0, Math.min(parked.size(), BULK_LIMIT))) {
            outcomes.merge(processor.process(id).state(), 1, Integer::sum);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("channel", channel);
        body.put("from", from.toString());
        body.put("to", to.toString());
        body.put("replayed", Math.min(parked.size(), BULK_LIMIT));
        body.put("outcomes", outcomes);
        body.put("more", parked.size() > BULK_LIMIT);
        HttpReplies.json(exchange, 200, body);
    }

    private ReceiptView find(Exchange exchange) {
        String id = exchange.getMessage().getHeader("receiptId", String.class);
        UUID receiptId;
        try {
            receiptId = UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ApiError(404, "receipt_not_found", "no receipt '" + id + "'");
        }
        return receipts.find(receiptId)
                .orElseThrow(() -> new ApiError(404, "receipt_not_found", "no receipt '" + id + "'"));
    }

    private static Instant instant(Exchange exchange, String name, Instant fallback) {
        String value = exchange.getMessage().getHeader(name, String.class);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new ApiError(400, "bad_parameter",
                    name + " must be an ISO-8601 instant such as 2026-11-11T00:00:00Z");
        }
    }

    private Map<String, Object> render(ReceiptView view) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("receiptId", view.receiptId().toString());
        body.put("channel", view.channel());
        body.put("receivedAt", view.receivedAt().toString());
        // a thin notice waiting for its full order is still on its way: ACCEPTED in API.md's terms, with the fetch
        boolean fetching = ReceiptProcessor.FETCHING.equals(view.state());
        body.put("state", fetching ? "ACCEPTED" : view.state());
        body.put("hubOrderId", view.hubOrderId());
        body.put("reason", view.reason());
        fetches.view(view.receiptId()).ifPresent(f -> body.put("fetch", f));
        return body;
    }
}
