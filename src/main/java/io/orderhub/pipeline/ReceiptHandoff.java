package io.orderhub.pipeline;

import java.util.UUID;

/**
 * The hand-off of stored receipts from the receive layer to the validation layer. In-process it is a bounded seda
 * queue; in cluster mode a Kafka topic can stand behind the same interface without touching the routes. The store
 * stays the truth: what a full queue refuses is found again by {@link ReceiptRecovery}.
 */
public interface ReceiptHandoff {

    /** Offers a stored receipt; false when it is already on its way or the queue is full. */
    boolean offer(UUID receiptId);

    /** Marks a receipt as no longer on its way (processed, or failed and left to recovery). */
    void done(UUID receiptId);

    boolean inFlight(UUID receiptId);

    /** Receipts the queue can still take. */
    int remainingCapacity();
}
