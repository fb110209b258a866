package io.orderhub.pipeline;

import java.time.Instant;
import java.util.UUID;

/** What the validation layer made of one receipt. */
public record ReceiptState(UUID receiptId, String state, String hubOrderId, String reason, Instant processedAt) {

    public static ReceiptState parked(UUID receiptId, String reason) {
        return new ReceiptState(receiptId, "PARKED", null, reason, Instant.now());
    }
}
