package io.orderhub.web;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

import io.orderhub.execute.Dispatcher;
import io.orderhub.execute.Outbox;

/** The failed-command store and the outbox for operators (admin credential): list, re-drive, discard. */
@ApplicationScoped
@Named("commandsApi")
public class CommandsEndpoint {

    private final Outbox outbox;
    private final Dispatcher dispatcher;
    private final AdminGuard admin;
    private final io.orderhub.execute.LoadingScans scans;

    public CommandsEndpoint(Outbox outbox, Dispatcher dispatcher, AdminGuard admin,
            io.orderhub.execute.LoadingScans scans) {
        this.scans = scans;
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.admin = admin;
    }

    public void list(Exchange exchange) {
        admin.require(exchange);
        Message in = exchange.getMessage();
        String state = Optional.ofNullable(in.getHeader("state", String.class)).orElse("FAILED");
        if (!state.matches("PENDING|SENDING|SENT|FAILED|DISCARDED")) {
            throw new ApiError(400, "bad_parameter", "state must be PENDING, SENDING, SENT, FAILED or DISCARDED");
        }
        HttpReplies.json(exchange, 200, Map.of("items", outbox.list(state, in.getHeader("system", String.class), 500),
                "circuits", dispatcher.circuits(), "backlog", outbox.backlog()));
    }

    public void redrive(Exchange exchange) {
        admin.require(exchange);
        UUID id = id(exchange);
        if (!outbox.redrive(id)) {
            throw new ApiError(404, "command_not_failed", "no failed command '" + id + "'");
        }
        HttpReplies.json(exchange, 200, Map.of("commandId", id.toString(), "state", "PENDING"));
    }

    public void discard(Exchange exchange) {
        admin.require(exchange);
        Message in = exchange.getMessage();
        String by = in.getHeader("by", String.class);
        String reason = in.getHeader("reason", String.class);
        if (by == null || by.isBlank() || reason == null || reason.isBlank()) {
            throw new ApiError(400, "bad_parameter", "by and reason are required to discard a command");
        }
        UUID id = id(exchange);
        if (!outbox.discard(id, by, reason)) {
            throw new ApiError(404, "command_not_failed", "no failed command '" + id + "'");
        }
        HttpReplies.json(exchange, 200, Map.of("commandId", id.toString(), "state", "DISCARDED"));
    }

    /** POST /api/v1/loading/scans {"waybillNo", "scannedBy", "scannedAt", "items": [{"sku", "quantity"}]} */
    public void scan(Exchange exchange) {
        admin.require(exchange);
        com.fasterxml.jackson.databind.JsonNode b;
        try {
            b = HttpReplies.mapper().readTree(exchange.getMessage().getBody(byte[].class));
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new ApiError(400, "malformed_payload", "body must be JSON");
        }
        if (b == null || !b.path("waybillNo").isTextual() || !b.path("scannedBy").isTextual()
                || !b.path("items").isArray()) {
            throw new ApiError(400, "bad_parameter", "waybillNo, scannedBy and items[] are required");
        }
        java.time.Instant at;
        try {
            at = b.hasNonNull("scannedAt")
                    ? java.time.Instant.parse(b.get("scannedAt").asText())
                    : java.time.Instant.now();
        } catch (java.time.format.DateTimeParseException e) {
            throw new ApiError(400, "bad_parameter", "scannedAt must be an ISO-8601 instant");
        }
        HttpReplies.json(exchange, 201,
                scans.record(b.get("waybillNo").asText(), b.get("scannedBy").asText(), at, b.get("items")));
    }

    private static UUID id(Exchange exchange) {
        String id = exchange.getMessage().getHeader("commandId", String.class);
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ApiError(404, "command_not_failed", "no failed command '" + id + "'");
        }
    }
}
