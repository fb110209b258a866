package io.orderhub.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

import io.orderhub.archive.ArchiveResult;
import io.orderhub.archive.ArchiveWriter;
import io.orderhub.archive.RawPayload;
import io.orderhub.ingress.IntakeGate;
import io.orderhub.ingress.IntakeRequest;
import io.orderhub.ops.HubMetrics;
import io.orderhub.pipeline.ReceiptHandoff;

/**
 * The thin adapter between the intake route and the receive layer's beans: the route calls {@link #check},
 * {@link #archive} and {@link #ack} as its three steps.
 */
@ApplicationScoped
@Named("intake")
public class IntakeEndpoint {

    /** Exchange property: when the request arrived (ns), for the acknowledgement latency. */
    public static final String STARTED = "orderhub.startedNanos";
    /** Exchange property: the channel path segment, for error metrics. */
    public static final String CHANNEL = "orderhub.channel";

    private final IntakeGate gate;
    private final ArchiveWriter archive;
    private final ReceiptHandoff handoff;
    private final HubMetrics metrics;

    public IntakeEndpoint(IntakeGate gate, ArchiveWriter archive, ReceiptHandoff handoff, HubMetrics metrics) {
        this.gate = gate;
        this.archive = archive;
        this.handoff = handoff;
        this.metrics = metrics;
    }

    public void check(Exchange exchange) {
        exchange.setProperty(STARTED, System.nanoTime());
        Message in = exchange.getMessage();
        String channel = in.getHeader("channel", String.class);
        exchange.setProperty(CHANNEL, channel);
        IntakeRequest request = new IntakeRequest(channel, in.getHeader(Exchange.CONTENT_TYPE, String.class),
                RequestBodies.bytes(exchange), in.getHeaders());
        in.setBody(gate.check(request));
    }

    public void archive(Exchange exchange) {
        RawPayload payload = exchange.getMessage().getBody(RawPayload.class);
        ArchiveResult result = archive.append(payload);
        if (!result.duplicate()) {
            handoff.offer(result.receiptId());
        }
        exchange.setProperty(CHANNEL, payload.channel());
        exchange.getMessage().setBody(result);
    }

    public void ack(Exchange exchange) {
        ArchiveResult result = exchange.getMessage().getBody(ArchiveResult.class);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("receiptId", result.receiptId().toString());
        reply.put("duplicate", result.duplicate());
        HttpReplies.json(exchange, 202, reply);
        metrics.accepted(exchange.getProperty(CHANNEL, String.class), result.duplicate(),
                exchange.getProperty(STARTED, Long.class));
    }
}
