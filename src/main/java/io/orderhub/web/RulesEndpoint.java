package io.orderhub.web;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

import com.fasterxml.jackson.databind.JsonNode;

import io.orderhub.rules.ReviewPool;
import io.orderhub.rules.RuleEvaluator;
import io.orderhub.rules.RuleRegistry;

/**
 * The rules for operators (admin credential): the review pool (list, approve, reject), rule versions and rollback,
 * and re-evaluation of held orders after a rules change.
 */
@ApplicationScoped
@Named("rulesApi")
public class RulesEndpoint {

    private final ReviewPool review;
    private final RuleRegistry registry;
    private final RuleEvaluator evaluator;
    private final AdminGuard admin;

    public RulesEndpoint(ReviewPool review, RuleRegistry registry, RuleEvaluator evaluator, AdminGuard admin) {
        this.review = review;
        this.registry = registry;
        this.evaluator = evaluator;
        this.admin = admin;
    }

    /** GET /api/v1/review?state=PENDING&code=&channel=&shop=&limit= */
    public void reviewList(Exchange exchange) {
        admin.require(exchange);
        Message in = exchange.getMessage();
        String state = Optional.ofNullable(in.getHeader("state", String.class)).orElse("PENDING");
        if (!state.matches("PENDING|APPROVED|REJECTED")) {
            throw new ApiError(400, "bad_parameter", "state must be PENDING, APPROVED or REJECTED");
        }
        HttpReplies.json(exchange, 200, Map.of("items", review.list(state, in.getHeader("code", String.class),
                in.getHeader("channel", String.class), in.getHeader("shop", String.class), limit(in))));
    }

    /** POST /api/v1/review/{hubOrderId}/approve {"by": "...", "note": "..."} */
    public void approve(Exchange exchange) {
        admin.require(exchange);
        JsonNode body = body(exchange);
        run(() -> review.approve(orderId(exchange), text(body, "by"), text(body, "note")));
        HttpReplies.json(exchange, 200, Map.of("hubOrderId", orderId(exchange).toString(), "state", "APPROVED"));
    }

    /** POST /api/v1/review/{hubOrderId}/reject {"by": "...", "reason": "..."} */
    public void reject(Exchange exchange) {
        admin.require(exchange);
        JsonNode body = body(exchange);
        run(() -> review.reject(orderId(exchange), text(body, "by"), text(body, "reason")));
        HttpReplies.json(exchange, 200, Map.of("hubOrderId", orderId(exchange).toString(), "state", "REJECTED"));
    }

    /** GET /api/v1/admin/rules */
    public void rules(Exchange exchange) {
        admin.require(exchange);
        HttpReplies.json(exchange, 200, Map.of("items", registry.views()));
    }

    /** POST /api/v1/admin/rules/{ruleId}/rollback[?version=] */
    public void rollback(Exchange exchange) {
        admin.require(exchange);
        Message in = exchange.getMessage();
        try {
            HttpReplies.json(exchange, 200, registry.rollback(in.getHeader("ruleId", String.class),
                    Optional.ofNullable(in.getHeader("version", String.class))));
        } catch (IllegalArgumentException e) {
            throw new ApiError(404, "unknown_rule_version", e.getMessage());
        }
    }

    /** POST /api/v1/admin/rules/reevaluate?state=HELD&code=&limit= */
    public void reevaluate(Exchange exchange) {
        admin.require(exchange);
        Message in = exchange.getMessage();
        String state = Optional.ofNullable(in.getHeader("state", String.class)).orElse("HELD");
        if (!state.matches("HELD|READY|APPROVED")) {
            throw new ApiError(400, "bad_parameter", "state must be HELD, READY or APPROVED");
        }
        HttpReplies.json(exchange, 200, evaluator.reevaluate(state, in.getHeader("code", String.class), limit(in)));
    }

    private static void run(Runnable action) {
        try {
            action.run();
        } catch (ReviewPool.ReviewException e) {
            throw new ApiError(e.status(), e.code(), e.getMessage());
        }
    }

    private static UUID orderId(Exchange exchange) {
        String id = exchange.getMessage().getHeader("hubOrderId", String.class);
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ApiError(404, "review_not_found", "no order '" + id + "' in review");
        }
    }

    private static JsonNode body(Exchange exchange) {
        byte[] raw = exchange.getMessage().getBody(byte[].class);
        if (raw == null || raw.length == 0) {
            throw new ApiError(400, "bad_parameter", "body must be JSON with at least \"by\"");
        }
        try {
            return HttpReplies.mapper().readTree(raw);
        } catch (IOException e) {
            throw new ApiError(400, "malformed_payload", "body must be JSON");
        }
    }

    private static String text(JsonNode body, String field) {
        return body.hasNonNull(field) ? body.get(field).asText() : null;
    }

    private static int limit(Message in) {
        String v = in.getHeader("limit", String.class);
        try {
            int n = v == null ? 200 : Integer.parseInt(v);
            if (n < 1 || n > 5000) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ApiError(400, "bad_parameter", "limit must be 1..5000");
        }
    }
}
