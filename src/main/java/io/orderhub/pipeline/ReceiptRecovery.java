package io.orderhub.pipeline;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.jboss.logging.Logger;

import io.orderhub.config.OrderHubConfig;

/**
 * Finds stored receipts the validation layer has not processed — after a crash or restart, or when the in-memory
 * queue was full — and offers them again. Called at start-up and then periodically by the recovery route.
 */
@ApplicationScoped
@Named("receiptRecovery")
public class ReceiptRecovery {

    private static final Logger LOG = Logger.getLogger(ReceiptRecovery.class);
    private static final int PAGE = 2000;

    private final ReceiptRepository receipts;
    private final ReceiptHandoff handoff;
    private final boolean enabled;
    /** Every receipt at or below this sequence number is known to be processed. */
    private long processedUpTo;
    /** Every receipt at or below this sequence number is committed (or never will be). */
    private long settledUpTo;
    /** (time, highest sequence number then) per sweep, until settled. */
    private final java.util.ArrayDeque<long[]> marks = new java.util.ArrayDeque<>();
    /** Past the archive writer's timeout (plus a margin) no insert can still be waiting for its commit. */
    private final long settleNanos;

    public ReceiptRecovery(ReceiptRepository receipts, ReceiptHandoff handoff, OrderHubConfig config) {
        this.receipts = receipts;
        this.handoff = handoff;
        this.enabled = config.validate().enabled();
        this.settleNanos = config.intake().writer().timeout().plusSeconds(5).toNanos();
    }

    /** Offers unprocessed receipts while the queue has room; returns how many were offered. */
    public synchronized int sweep() {
        if (!enabled || handoff.remainingCapacity() <= 0) {
            return 0;
        }
        long now = System.nanoTime();
        marks.addLast(new long[]{now, receipts.maxSeq()});
        List<ReceiptRepository.Pending> pending = receipts.pending(processedUpTo, PAGE);
        // everything below the first pending receipt is processed; but sequence numbers are taken at insert and seen
        // at commit, so a batch committing late can still appear below. Once the writer's timeout has passed, the
        // highest number taken back then can no longer gain a neighbour below it
        long settled = processedUpTo;
        while (!marks.isEmpty() && now - marks.peekFirst()[0] >= settleNanos) {
            settled = Math.max(settled, marks.pollFirst()[1]);
        }
        settledUpTo = Math.max(settledUpTo, settled);
        processedUpTo = Math.max(processedUpTo,
                Math.min(settledUpTo, pending.isEmpty() ? Long.MAX_VALUE : pending.get(0).seq() - 1));
        if (pending.isEmpty()) {
            return 0;
        }
        int offered = 0;
        for (ReceiptRepository.Pending p : pending) {
            if (handoff.remainingCapacity() <= 0) {
                break;
            }
            if (!handoff.inFlight(p.receiptId()) && handoff.offer(p.receiptId())) {
                offered++;
            }
        }
        if (offered > 0) {
            LOG.infof("recovery offered %d stored receipt(s) to the validation layer", offered);
        }
        return offered;
    }
}
