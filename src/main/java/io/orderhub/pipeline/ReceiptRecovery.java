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

    public ReceiptRecovery(ReceiptRepository receipts, ReceiptHandoff handoff, OrderHubConfig config) {
        this.receipts = receipts;
        this.handoff = handoff;
        this.enabled = config.validate().enabled();
    }

    /** Offers unprocessed receipts while the queue has room; returns how many were offered. */
    public synchronized int sweep() {
        if (!enabled || handoff.remainingCapacity() <= 0) {
            return 0;
        }
        List<ReceiptRepository.Pending> pending = receipts.pending(processedUpTo, PAGE);
        if (pending.isEmpty()) {
            return 0;
        }
        processedUpTo = pending.get(0).seq() - 1;
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
