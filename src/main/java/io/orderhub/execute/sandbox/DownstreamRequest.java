package io.orderhub.execute.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.web.HttpReplies;

/**
 * A request to a sandbox system, apart from Camel: decoded query and form parameters, lower-case header names and the
 * body as received.
 */
public record DownstreamRequest(Map<String, String> query, Map<String, String> headers, String contentType,
        byte[] body, Map<String, String> form) {

    public static final String IDEMPOTENCY_KEY = "idempotency-key";

    public DownstreamRequest {
        body = body == null ? new byte[0] : body;
    }

    /** A JSON request without parameters (tests and plain clients). */
    public static DownstreamRequest json(String json, String idempotencyKey) {
        return new DownstreamRequest(Map.of(),
                idempotencyKey == null ? Map.of() : Map.of(IDEMPOTENCY_KEY, idempotencyKey), "application/json",
                json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** The caller's {@code Idempotency-Key} header, if it sent one. */
    public Optional<String> idempotencyKey() {
        return Optional.ofNullable(headers.get(IDEMPOTENCY_KEY)).map(String::trim).filter(s -> !s.isEmpty());
    }

    /** A parameter from the query or, failing that, the form body. */
    public String param(String name) {
        String v = query.get(name);
        return v != null ? v : form.get(name);
    }

    public boolean xml() {
        String text = new String(body, 0, Math.min(body.length, 64), StandardCharsets.UTF_8).stripLeading();
        return text.startsWith("<") || contentType != null && contentType.contains("xml");
    }

    /**
     * The body as JSON; a form or query-only request (Aliyun RPC style) becomes an object of its parameters.
     *
     * @throws IllegalArgumentException when the body is not JSON
     */
    public JsonNode json() {
        if (body.length == 0) {
            ObjectNode params = HttpReplies.mapper().createObjectNode();
            query.forEach(params::put);
            form.forEach(params::put);
            return params;
        }
        try {
            return HttpReplies.mapper().readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("body is not JSON: " + e.getMessage());
        }
    }
}
