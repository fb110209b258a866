package io.orderhub.pipeline;

import java.time.Instant;
import java.util.UUID;

/** A stored raw payload as the validation layer reads it back from the archive. */
public record RawReceipt(UUID receiptId, String channel, String shopKey, Instant receivedAt, String contentType,
        byte[] body) {
}
