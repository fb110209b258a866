package io.orderhub.web;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

import com.fasterxml.jackson.databind.JsonNode;

import io.orderhub.alert.AlertStore;
import io.orderhub.config.OrderHubConfig;
import io.orderhub.connector.FetchQueue;
import io.orderhub.connector.Poller;
import io.orderhub.connector.Reconciler;
import io.orderhub.connector.ShopCredentials;
import io.orderhub.ingress.ShopRegistry;

/**
 * Platform connectors for operators (admin credential): where each shop's polling stands, poll or reconcile now, the
 * reconciliation record, credentials (write-only secrets), and the alerts they raise.
 */
@ApplicationScoped
@Named("connectorAdmin")
public class ConnectorAdminEndpoint {

    private final ShopRegistry shops;
    private final Poller poller;
    private final Reconciler reconciler;
    private final ShopCredentials credentials;
    private final FetchQueue fetches;
    private final AlertStore alerts;
    private final AdminGuard admin;
    private final OrderHubConfig config;

    public ConnectorAdminEndpoint(ShopRegistry shops, Poller poller, Reconciler reconciler,
            ShopCredentials credentials, FetchQueue fetches, AlertStore alerts, AdminGuard admin,
            OrderHubConfig config) {
        this.shops = shops;
        this.poller = poller;
        this.reconciler = reconciler;
        this.credentials = credentials;
        this.fetches = fetches;
        this.alerts = alerts;
        this.admin = admin;
        this.config = config;
    }

    /** GET /api/v1/admin/connectors */
    public void list(Exchange exchange) {
        admin.require(exchange);
        List<Map<String, Object>> items = new ArrayList<>();
        shops.all().stream().filter(s -> s.api().isPresent())
                .sorted(java.util.Comparator.comparing(ShopRegistry.Shop::key))
                .forEach(s -> items.add(poller.status(s)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        body.put("fetches", fetches.counts());
        HttpReplies.json(exchange, 200, body);
    }

    /** POST /api/v1/admin/connectors/{shopKey}/poll */
    public void poll(Exchange exchange) {
        admin.require(exchange);
        ShopRegistry.Shop shop = connectedShop(exchange);
        HttpReplies.json(exchange, 200, poller.poll(shop, Duration.ZERO));
    }

    /** POST /api/v1/admin/connectors/{shopKey}/reconcile?day=YYYY-MM-DD (default: yesterday) */
    public void reconcile(Exchange exchange) {
        admin.require(exchange);
        ShopRegistry.Shop shop = connectedShop(exchange);
        LocalDate day = day(exchange.getMessage(), LocalDate.now(config.connector().zone()).minusDays(1));
        HttpReplies.json(exchange, 200, reconciler.reconcile(shop, day));
    }

    /** GET /api/v1/admin/reconciliations?shop=&day= */
    public void reconciliations(Exchange exchange) {
        admin.require(exchange);
        Message in = exchange.getMessage();
        HttpReplies.json(exchange, 200, Map.of("items",
                reconciler.history(in.getHeader("shop", String.class), day(in, null), 200)));
    }

    /** GET / PUT /api/v1/admin/connectors/{shopKey}/credentials: secrets go in, never come out. */
    public void credentials(Exchange exchange) throws Exception {
        admin.require(exchange);
        Message in = exchange.getMessage();
        String key = in.getHeader("shopKey", String.class);
        ShopRegistry.Shop shop = shops.byKey(key)
                .orElseThrow(() -> new ApiError(404, "unknown_shop", "no shop '" + key + "'"));
        if ("PUT".equals(in.getHeader(Exchange.HTTP_METHOD, String.class))) {
            JsonNode b;
            try {
                b = HttpReplies.mapper().readTree(in.getBody(byte[].class));
            } catch (java.io.IOException e) {
                throw new ApiError(400, "malformed_payload", "body must be JSON");
            }
            if (b == null || !b.path("appKey").isTextual()) {
                throw new ApiError(400, "bad_parameter", "appKey is required");
            }
            Instant expires = null;
            if (b.hasNonNull("tokenExpiresAt")) {
                try {
                    expires = Instant.parse(b.get("tokenExpiresAt").asText());
                } catch (DateTimeParseException e) {
                    throw new ApiError(400, "bad_parameter", "tokenExpiresAt must be an ISO-8601 instant");
                }
            }
            try {
                credentials.store(shop.key(), b.get("appKey").asText(), text(b, "appSecret"), text(b, "accessToken"),
                        text(b, "refreshToken"), expires, "admin-api");
            } catch (IllegalStateException e) {
                throw new ApiError(409, "credential_key_missing", e.getMessage());
            }
        }
        HttpReplies.json(exchange, 200, credentials.describe(shop.key())
                .orElseThrow(() -> new ApiError(404, "no_credentials", "shop " + key + " has no API credentials")));
    }

    /** GET /api/v1/alerts?all=&kind= */
    public void alerts(Exchange exchange) {
        admin.require(exchange);
        Message in = exchange.getMessage();
        HttpReplies.json(exchange, 200, Map.of("items", alerts.list("true".equals(in.getHeader("all", String.class)),
                in.getHeader("kind", String.class), 500)));
    }

    /** POST /api/v1/alerts/{alertId}/ack?by= */
    public void acknowledge(Exchange exchange) {
        admin.require(exchange);
        Message in = exchange.getMessage();
        String id = in.getHeader("alertId", String.class);
        String by = in.getHeader("by", String.class);
        UUID alertId;
        try {
            alertId = UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ApiError(404, "alert_not_found", "no alert '" + id + "'");
        }
        if (by == null || by.isBlank()) {
            throw new ApiError(400, "bad_parameter", "by (who acknowledges) is required");
        }
        if (!alerts.acknowledge(alertId, by)) {
            throw new ApiError(404, "alert_not_found", "no open alert '" + id + "'");
        }
        HttpReplies.json(exchange, 200, Map.of("alertId", id, "acknowledgedBy", by));
    }

    private ShopRegistry.Shop connectedShop(Exchange exchange) {
        String key = exchange.getMessage().getHeader("shopKey", String.class);
        ShopRegistry.Shop shop = shops.byKey(key)
                .orElseThrow(() -> new ApiError(404, "unknown_shop", "no shop '" + key + "'"));
        if (shop.api().isEmpty()) {
            throw new ApiError(409, "not_connected", "shop " + key + " has no platform API access configured");
        }
        return shop;
    }

    private static LocalDate day(Message in, LocalDate fallback) {
        String d = in.getHeader("day", String.class);
        if (d == null || d.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(d.trim());
        } catch (DateTimeParseException e) {
            throw new ApiError(400, "bad_parameter", "day must be YYYY-MM-DD");
        }
    }

    private static String text(JsonNode b, String field) {
        return b.hasNonNull(field) ? b.get(field).asText() : null;
    }
}
