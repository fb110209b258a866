package io.orderhub.rules.crm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;

import io.orderhub.web.AdminGuard;
import io.orderhub.web.ApiError;
import io.orderhub.web.HttpReplies;

/**
 * Loading the customer table (admin credential): {@code POST /api/v1/admin/customers} (JSON list) and
 * {@code POST /api/v1/admin/customers/import} (text/csv); both upsert and answer the counts.
 */
@ApplicationScoped
@Named("crmAdmin")
public class CrmAdminEndpoint {

    private final CustomerStore customers;
    private final AdminGuard admin;

    public CrmAdminEndpoint(CustomerStore customers, AdminGuard admin) {
        this.customers = customers;
        this.admin = admin;
    }

    public void upsertJson(Exchange exchange) {
        admin.require(exchange);
        try {
            byte[] body = exchange.getMessage().getBody(byte[].class);
            store(exchange, CustomerRows.fromJson(body == null ? null : HttpReplies.mapper().readTree(body)));
        } catch (IOException e) {
            throw new ApiError(400, "malformed_payload", "body must be JSON");
        }
    }

    public void importCsv(Exchange exchange) {
        admin.require(exchange);
        String type = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("text/csv")) {
            throw new ApiError(415, "unsupported_media_type", "send the customer table as text/csv");
        }
        byte[] body = exchange.getMessage().getBody(byte[].class);
        store(exchange, CustomerRows.fromCsv(body == null ? "" : new String(body, StandardCharsets.UTF_8)));
    }

    private void store(Exchange exchange, List<CustomerRow> rows) {
        int[] counts = customers.upsert(rows, Instant.now());
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("rows", rows.size());
        reply.put("customers", counts[0]);
        reply.put("identities", counts[1]);
        reply.put("virtualNumbers", counts[2]);
        HttpReplies.json(exchange, 200, reply);
    }
}
