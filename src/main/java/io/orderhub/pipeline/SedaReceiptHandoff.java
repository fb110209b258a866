package io.orderhub.pipeline;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.seda.SedaEndpoint;

import io.orderhub.config.OrderHubConfig;
import io.orderhub.ops.HubMetrics;

/** The embedded-mode hand-off: a bounded in-memory seda queue that never blocks the request thread. */
@ApplicationScoped
public class SedaReceiptHandoff implements ReceiptHandoff {

    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
    private final ProducerTemplate producer;
    private final SedaEndpoint endpoint;
    private final boolean enabled;

    public SedaReceiptHandoff(CamelContext camel, OrderHubConfig config, HubMetrics metrics) {
        // the same URI as the consuming route, so both share one queue of this size
        this.endpoint = camel.getEndpoint("seda:receipts?size=" + config.validate().queueSize(), SedaEndpoint.class);
        this.producer = camel.createProducerTemplate();
        this.enabled = config.validate().enabled();
        metrics.queueDepth("validate", endpoint::getCurrentQueueSize);
    }

    @Override
    public boolean offer(UUID receiptId) {
        if (!enabled || remainingCapacity() <= 0 || !inFlight.add(receiptId)) {
            return false;
        }
        Exchange sent = producer.send(endpoint, ExchangePattern.InOnly, e -> e.getMessage().setBody(receiptId));
        if (sent.getException() != null) {
            // queue full between the check and the offer: the receipt is stored, recovery finds it again
            inFlight.remove(receiptId);
            return false;
        }
        return true;
    }

    @Override
    public void done(UUID receiptId) {
        inFlight.remove(receiptId);
    }

    @Override
    public boolean inFlight(UUID receiptId) {
        return inFlight.contains(receiptId);
    }

    @Override
    public int remainingCapacity() {
        return endpoint.getSize() - endpoint.getCurrentQueueSize();
    }
}
