package io.orderhub.pipeline;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.jboss.logging.Logger;

import io.orderhub.ops.HubMetrics;
import io.orderhub.order.ApplyOutcome;

/** The validation layer's entry for one stored receipt handed over by the receive layer or by recovery. */
@ApplicationScoped
@Named("validationStage")
public class ValidationStage {

    private static final Logger LOG = Logger.getLogger(ValidationStage.class);

    private final ReceiptProcessor processor;
    private final ReceiptHandoff handoff;
    private final HubMetrics metrics;

    public ValidationStage(ReceiptProcessor processor, ReceiptHandoff handoff, HubMetrics metrics) {
        this.processor = processor;
        this.handoff = handoff;
        this.metrics = metrics;
    }

    public void process(UUID receiptId) {
        try {
            ReceiptProcessor.Outcome outcome = processor.process(receiptId);
            if (ApplyOutcome.ALREADY_PROCESSED.equals(outcome.state())) {
                LOG.debugf("receipt %s was already processed", receiptId);
            } else {
                metrics.processed(outcome.state());
            }
        } finally {
            handoff.done(receiptId);
        }
    }
}
