package io.orderhub.execute;

import java.time.Instant;
import java.util.UUID;

/** One claimed outbox command on its way to a downstream system. */
public record Command(UUID commandId, String idempotencyKey, UUID hubOrderId, String system, String type,
        int priority, String payload, int attempts, Instant createdAt, boolean built) implements Sendable {

    @Override
    public String toString() {
        // the payload carries buyer data: never printed
        return "Command[" + idempotencyKey + " → " + system + "]";
    }
}
