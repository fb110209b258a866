package io.orderhub.alert;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.orderhub.web.HttpReplies;

/**
 * Test stand-ins for the sinks (route test-webhook-receiver): keeps every request (query parameters as received,
 * decoded once like the robots do, and the body) and answers like a robot: {@code {"errcode":0,"errmsg":"ok"}}, or,
 * while told to fail, a robot's rate-limit refusal (HTTP 200, errcode 45009) or an HTTP 503.
 */
@ApplicationScoped
@Named("webhookReceivers")
public class WebhookReceivers {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One request a sink received. */
    public record Received(String sink, String rawQuery, Map<String, String> query, JsonNode body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> outages = new ConcurrentHashMap<>();

    public void receive(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        String sink = in.getHeader("sink", String.class);
        Map<String, String> query = new java.util.HashMap<>();
        for (String p : new String[]{"access_token", "key", "timestamp", "sign"}) {
            if (in.getHeader(p) != null) {
                query.put(p, in.getHeader(p, String.class));
            }
        }
        received.add(new Received(sink, in.getHeader(Exchange.HTTP_RAW_QUERY, String.class), query,
                JSON.readTree(in.getBody(byte[].class))));
        if (outages.getOrDefault(sink, new AtomicInteger()).getAndDecrement() > 0) {
            HttpReplies.json(exchange, 503, Map.of("error", "down"));
        } else if (refusals.getOrDefault(sink, new AtomicInteger()).getAndDecrement() > 0) {
            HttpReplies.json(exchange, 200, Map.of("errcode", 45009, "errmsg", "api freq out of limit"));
        } else {
            HttpReplies.json(exchange, 200, Map.of("errcode", 0, "errmsg", "ok"));
        }
    }

    /** The next {@code outages} requests get 503, then {@code refusals} get errcode 45009. */
    public void fail(String sink, int outages, int refusals) {
        this.outages.put(sink, new AtomicInteger(outages));
        this.refusals.put(sink, new AtomicInteger(refusals));
    }

    public List<Received> received(String sink, String alertSubject) {
        return received.stream().filter(r -> r.sink().equals(sink) && r.body().toString().contains(alertSubject))
                .toList();
    }
}
