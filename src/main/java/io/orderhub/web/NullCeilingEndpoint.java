package io.orderhub.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;

import io.orderhub.archive.RawPayload;

/** Benchmark only: acknowledges a checked payload as the intake would, without writing it anywhere. */
@ApplicationScoped
@Named("nullCeiling")
public class NullCeilingEndpoint {

    public void ack(Exchange exchange) {
        RawPayload payload = exchange.getMessage().getBody(RawPayload.class);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("receiptId", payload.receiptId().toString());
        reply.put("duplicate", false);
        HttpReplies.json(exchange, 202, reply);
    }
}
