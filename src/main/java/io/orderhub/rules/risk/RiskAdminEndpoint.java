package io.orderhub.rules.risk;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;

import com.fasterxml.jackson.databind.JsonNode;

import io.orderhub.web.AdminGuard;
import io.orderhub.web.ApiError;
import io.orderhub.web.HttpReplies;

/**
 * The risk blacklist (admin credential): {@code GET} lists entries (kind, hash, note), {@code POST} adds a JSON list
 * of entries, {@code DELETE} removes them; on {@code /api/v1/admin/blacklist}.
 */
@ApplicationScoped
@Named("riskAdmin")
public class RiskAdminEndpoint {

    private final Blacklist blacklist;
    private final AdminGuard admin;

    public RiskAdminEndpoint(Blacklist blacklist, AdminGuard admin) {
        this.blacklist = blacklist;
        this.admin = admin;
    }

    public void blacklist(Exchange exchange) {
        admin.require(exchange);
        String method = exchange.getMessage().getHeader(Exchange.HTTP_METHOD, String.class);
        if ("GET".equals(method)) {
            HttpReplies.json(exchange, 200, Map.of("items", blacklist.list(1000)));
            return;
        }
        List<Blacklist.Entry> entries = BlacklistEntries.read(body(exchange));
        Map<String, Object> reply = new LinkedHashMap<>();
        if ("DELETE".equals(method)) {
            reply.put("removed", blacklist.remove(entries));
        } else {
            reply.put("stored", blacklist.add(entries, Instant.now()));
        }
        List<Map<String, String>> items = new ArrayList<>();
        entries.forEach(e -> items.add(Map.of("kind", e.kind(), "hash", e.hash())));
        reply.put("items", items);
        HttpReplies.json(exchange, 200, reply);
    }

    private static JsonNode body(Exchange exchange) {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        try {
            return body == null || body.length == 0 ? null : HttpReplies.mapper().readTree(body);
        } catch (IOException e) {
            throw new ApiError(400, "malformed_payload", "body must be JSON");
        }
    }
}
