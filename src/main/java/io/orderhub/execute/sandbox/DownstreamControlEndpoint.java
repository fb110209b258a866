package io.orderhub.execute.sandbox;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

import io.orderhub.web.ApiError;
import io.orderhub.web.HttpReplies;

/**
 * {@code /sandbox/downstream/control}: what each sandbox system is told to do wrong, its traffic and records, resets,
 * and the status events it sends back to the hub.
 */
@ApplicationScoped
@Named("downstreamControl")
public class DownstreamControlEndpoint {

    /** Records shown by {@code GET /sandbox/downstream/control/{system}}: the latest ones. */
    static final int RECORDS_SHOWN = 50;

    private final DownstreamSandbox sandbox;
    private final DownstreamEvents events;

    public DownstreamControlEndpoint(DownstreamSandbox sandbox, DownstreamEvents events) {
        this.sandbox = sandbox;
        this.events = events;
    }

    /** GET: every system's control and counters; DELETE: resets every system. */
    public void all(Exchange exchange) {
        requireEnabled();
        if ("DELETE".equals(method(exchange))) {
            sandbox.reset();
            events.reset();
        }
        HttpReplies.json(exchange, 200, sandbox.stats());
    }

    /** GET: one system's control, counters and latest records; PUT: replaces its control; DELETE: resets it. */
    public void system(Exchange exchange) throws IOException {
        requireEnabled();
        DownstreamSystem system = system(exchange.getMessage());
        switch (method(exchange)) {
            case "PUT" -> {
                try {
                    sandbox.control(system, DownstreamControl.fromJson(
                            HttpReplies.mapper().readTree(exchange.getMessage().getBody(byte[].class))));
                } catch (IllegalArgumentException e) {
                    throw new ApiError(400, "bad_control", e.getMessage());
                }
            }
            case "DELETE" -> sandbox.reset(system);
            default -> {
            }
        }
        Map<String, Object> body = new LinkedHashMap<>(sandbox.stats(system));
        List<DownstreamRecord> entries = sandbox.book(system).entries();
        body.put("records", entries.subList(Math.max(0, entries.size() - RECORDS_SHOWN), entries.size()).stream()
                .map(DownstreamControlEndpoint::view).toList());
        HttpReplies.json(exchange, 200, body);
    }

    /** POST ?kind=&waybill=&orderCode=&at= : the system reports a status event to the hub. */
    public void events(Exchange exchange) {
        requireEnabled();
        Message in = exchange.getMessage();
        DownstreamSystem system = system(in);
        StatusEvent event;
        DownstreamEvents.Emitted sent;
        try {
            String at = in.getHeader("at", String.class);
            event = new StatusEvent(
                    StatusEvent.Kind
                            .valueOf(String.valueOf(in.getHeader("kind", String.class)).toUpperCase(Locale.ROOT)),
                    in.getHeader("waybill", String.class), in.getHeader("orderCode", String.class),
                    at == null || at.isBlank() ? Instant.now() : Instant.parse(at));
            sent = events.emit(system, event);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new ApiError(400, "bad_event", "kind must be PICKUP|IN_TRANSIT|DELIVERED (carrier) or OUTBOUND (wms)"
                    + " with a known waybill or orderCode, at an ISO-8601 instant: " + e.getMessage());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("hubPath", "/api/v1/status" + sent.post().path());
        body.put("hubStatus", sent.hubStatus());
        body.put("hubAnswer", sent.hubAnswer());
        body.put("contentType", sent.post().contentType());
        body.put("body", sent.post().body());
        HttpReplies.json(exchange, 200, body);
    }

    private static Map<String, Object> view(DownstreamRecord e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("businessId", e.businessId());
        m.put("createdBy", e.createdBy());
        m.put("createdAt", e.createdAt());
        m.put("keys", e.keys());
        m.put("updates", e.updates());
        m.put("attributes", e.attributes());
        return m;
    }

    private static DownstreamSystem system(Message in) {
        String code = in.getHeader("system", String.class);
        return DownstreamSystem.fromCode(code)
                .orElseThrow(() -> new ApiError(404, "unknown_system", "no sandbox system '" + code + "'"));
    }

    private static String method(Exchange exchange) {
        return exchange.getMessage().getHeader(Exchange.HTTP_METHOD, String.class);
    }

    private void requireEnabled() {
        if (!sandbox.enabled()) {
            throw new ApiError(404, "sandbox_disabled", "the downstream sandbox runs in the embedded profile only");
        }
    }
}
