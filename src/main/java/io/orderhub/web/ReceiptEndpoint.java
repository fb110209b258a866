package io.orderhub.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;

import io.orderhub.pipeline.ReceiptRepository;
import io.orderhub.pipeline.ReceiptRepository.ReceiptView;

/** {@code GET /api/v1/receipts/{receiptId}}: where an accepted payload stands. */
@ApplicationScoped
@Named("receipts")
public class ReceiptEndpoint {

    private final ReceiptRepository receipts;

    public ReceiptEndpoint(ReceiptRepository receipts) {
        this.receipts = receipts;
    }

    public void get(Exchange exchange) {
        String id = exchange.getMessage().getHeader("receiptId", String.class);
        UUID receiptId;
        try {
            receiptId = UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ApiError(404, "receipt_not_found", "no receipt '" + id + "'");
        }
        ReceiptView view = receipts.find(receiptId)
                .orElseThrow(() -> new ApiError(404, "receipt_not_found", "no receipt '" + id + "'"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("receiptId", view.receiptId().toString());
        body.put("channel", view.channel());
        body.put("receivedAt", view.receivedAt().toString());
        body.put("state", view.state());
        body.put("hubOrderId", view.hubOrderId());
        body.put("reason", view.reason());
        HttpReplies.json(exchange, 200, body);
    }
}
