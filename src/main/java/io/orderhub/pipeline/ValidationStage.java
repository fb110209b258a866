package io.orderhub.pipeline;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.orderhub.ops.HubMetrics;

/**
 * The validation layer's entry for one stored receipt. Until channel mappings exist, a receipt is processed by
 * parking it with the reason {@code mapping_unavailable}: recorded, visible through the receipt API, and replayable
 * once the channel's mapping is in place.
 */
@ApplicationScoped
@Named("validationStage")
public class ValidationStage {

    private static final Logger LOG = Logger.getLogger(ValidationStage.class);

    private final ReceiptStateStore states;
    private final ReceiptHandoff handoff;
    private final Counter processed;

    public ValidationStage(ReceiptStateStore states, ReceiptHandoff handoff, HubMetrics metrics) {
        this.states = states;
        this.handoff = handoff;
        this.processed = metrics.counter("orderhub.validate.processed", "Receipts the validation layer finished");
    }

    public void process(UUID receiptId) {
        try {
            if (states.record(ReceiptState.parked(receiptId, "mapping_unavailable: no channel mapping is installed"))) {
                processed.increment();
            } else {
                LOG.debugf("receipt %s was already processed", receiptId);
            }
        } finally {
            handoff.done(receiptId);
        }
    }
}
