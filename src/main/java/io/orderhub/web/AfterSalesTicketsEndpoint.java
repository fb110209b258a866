package io.orderhub.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;

import com.fasterxml.jackson.databind.JsonNode;

import io.orderhub.aftersales.AfterSalesTickets;
import io.orderhub.aftersales.Ticket;

/**
 * The after-sales queue for customer service (admin credential): open a ticket (scored), list the queue (P0 first,
 * then oldest), claim, resolve. Nothing here decides a refund.
 */
@ApplicationScoped
@Named("aftersalesTicketsApi")
public class AfterSalesTicketsEndpoint {

    /** A buyer's message, a chat transcript at most; anything longer is not a ticket text. */
    static final int MAX_TEXT = 20_000;

    private final AfterSalesTickets tickets;
    private final AdminGuard admin;

    public AfterSalesTicketsEndpoint(AfterSalesTickets tickets, AdminGuard admin) {
        this.tickets = tickets;
        this.admin = admin;
    }

    /** POST /api/v1/aftersales/tickets {"text", "hubOrderId" | "channel"+"platformOrderId", "source"} */
    public void open(Exchange exchange) {
        admin.require(exchange);
        JsonNode b = body(exchange);
        String text = b.path("text").asText("");
        UUID hubOrderId = b.hasNonNull("hubOrderId") ? uuid(b.get("hubOrderId").asText(), "hubOrderId") : null;
        String channel = b.path("channel").asText(null);
        String platformOrderId = b.path("platformOrderId").asText(null);
        if (text.isBlank() || (hubOrderId == null && (channel == null || platformOrderId == null))) {
            throw new ApiError(400, "bad_parameter",
                    "text and hubOrderId (or channel and platformOrderId) are required");
        }
        if (text.length() > MAX_TEXT) {
            throw new ApiError(400, "bad_parameter", "text is longer than " + MAX_TEXT + " characters");
        }
        String source = "api:" + b.path("source").asText("manual");
        Ticket t;
        try {
            t = tickets.open(hubOrderId, channel, platformOrderId, source, text);
        } catch (IllegalArgumentException e) {
            throw new ApiError(404, "order_not_found", e.getMessage());
        }
        HttpReplies.json(exchange, 201, view(t));
    }

    /** GET /api/v1/aftersales/tickets?state=OPEN&limit= */
    public void list(Exchange exchange) {
        admin.require(exchange);
        String state = Optional.ofNullable(exchange.getMessage().getHeader("state", String.class)).orElse("OPEN");
        if (!state.matches("OPEN|CLAIMED|RESOLVED")) {
            throw new ApiError(400, "bad_parameter", "state must be OPEN, CLAIMED or RESOLVED");
        }
        int limit = Optional.ofNullable(exchange.getMessage().getHeader("limit", Integer.class)).orElse(200);
        HttpReplies.json(exchange, 200, Map.of("items", tickets.queue(state, Math.max(1, Math.min(limit, 1000)))
                .stream().map(AfterSalesTicketsEndpoint::view).toList()));
    }

    /** POST /api/v1/aftersales/tickets/{ticketId}/claim {"assignee"} */
    public void claim(Exchange exchange) {
        admin.require(exchange);
        UUID id = uuid(exchange.getMessage().getHeader("ticketId", String.class), "ticketId");
        String assignee = body(exchange).path("assignee").asText("");
        if (assignee.isBlank()) {
            throw new ApiError(400, "bad_parameter", "assignee is required");
        }
        HttpReplies.json(exchange, 200, view(tickets.claim(id, assignee).orElseThrow(() -> conflict(id, "OPEN"))));
    }

    /** POST /api/v1/aftersales/tickets/{ticketId}/resolve {"note", "by"} */
    public void resolve(Exchange exchange) {
        admin.require(exchange);
        UUID id = uuid(exchange.getMessage().getHeader("ticketId", String.class), "ticketId");
        JsonNode b = body(exchange);
        String note = b.path("note").asText("");
        if (note.isBlank()) {
            throw new ApiError(400, "bad_parameter", "note is required");
        }
        HttpReplies.json(exchange, 200, view(tickets.resolve(id, note, b.path("by").asText(null))
                .orElseThrow(() -> conflict(id, "OPEN or CLAIMED"))));
    }

    private ApiError conflict(UUID id, String expected) {
        return tickets.get(id).isPresent()
                ? new ApiError(409, "ticket_state", "ticket " + id + " is not " + expected)
                : new ApiError(404, "ticket_not_found", "no ticket '" + id + "'");
    }

    static Map<String, Object> view(Ticket t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ticketId", t.ticketId().toString());
        m.put("hubOrderId", t.hubOrderId() == null ? null : t.hubOrderId().toString());
        m.put("channel", t.channel());
        m.put("platformOrderId", t.platformOrderId());
        m.put("source", t.source());
        m.put("text", t.text());
        m.put("urgency", t.urgency());
        m.put("matchedKeywords", t.matchedKeywords());
        m.put("ruleVersion", t.ruleVersion());
        m.put("state", t.state());
        m.put("assignee", t.assignee());
        m.put("resolutionNote", t.resolutionNote());
        m.put("createdAt", t.createdAt());
        m.put("claimedAt", t.claimedAt());
        m.put("resolvedAt", t.resolvedAt());
        return m;
    }

    private static JsonNode body(Exchange exchange) {
        try {
            byte[] raw = exchange.getMessage().getBody(byte[].class);
            JsonNode b = raw == null || raw.length == 0 ? null : HttpReplies.mapper().readTree(raw);
            return b == null ? HttpReplies.mapper().createObjectNode() : b;
        } catch (java.io.IOException e) {
            throw new ApiError(400, "malformed_payload", "body must be JSON");
        }
    }

    private static UUID uuid(String s, String what) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ApiError(what.equals("ticketId") ? 404 : 400,
                    what.equals("ticketId") ? "ticket_not_found" : "bad_parameter", "no " + what + " '" + s + "'");
        }
    }
}
