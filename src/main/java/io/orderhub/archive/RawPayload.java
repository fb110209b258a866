package io.orderhub.archive;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One accepted payload on its way into the raw archive: the body bytes as received, what the hub knows about the
 * request, and its SHA-256 (the duplicate key together with the channel).
 */
public record RawPayload(UUID receiptId, String channel, String shopKey, Instant receivedAt, String contentType,
        Map<String, String> headers, byte[] body, byte[] sha256, String authKind) {
}
