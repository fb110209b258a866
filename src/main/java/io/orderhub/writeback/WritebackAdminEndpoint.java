package io.orderhub.writeback;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

import io.orderhub.config.OrderHubConfig;
import io.orderhub.connector.PlatformGateway;
import io.orderhub.ingress.ShopRegistry;
import io.orderhub.web.AdminGuard;
import io.orderhub.web.ApiError;
import io.orderhub.web.HttpReplies;

/** The write-back check for operators (admin credential): run a shop's day now, and the record of runs. */
@ApplicationScoped
@Named("writebackAdmin")
public class WritebackAdminEndpoint {

    private final ShopRegistry shops;
    private final PlatformGateway gateway;
    private final WritebackCheck check;
    private final WritebackChecks runs;
    private final AdminGuard admin;
    private final ZoneId zone;

    public WritebackAdminEndpoint(ShopRegistry shops, PlatformGateway gateway, WritebackCheck check,
            WritebackChecks runs, AdminGuard admin, OrderHubConfig config) {
        this.shops = shops;
        this.gateway = gateway;
        this.check = check;
        this.runs = runs;
        this.admin = admin;
        this.zone = config.connector().zone();
    }

    /** POST /api/v1/admin/connectors/{shopKey}/writeback-check?day=YYYY-MM-DD (default: yesterday) */
    public void check(Exchange exchange) {
        admin.require(exchange);
        Message in = exchange.getMessage();
        String key = in.getHeader("shopKey", String.class);
        ShopRegistry.Shop shop = shops.byKey(key)
                .orElseThrow(() -> new ApiError(404, "unknown_shop", "no shop '" + key + "'"));
        if (!gateway.connected(shop)) {
            throw new ApiError(409, "not_connected", "shop " + key + " has no platform API access configured");
        }
        HttpReplies.json(exchange, 200, check.check(shop, day(in)));
    }

    /** GET /api/v1/admin/writeback-checks?shop= */
    public void history(Exchange exchange) {
        admin.require(exchange);
        HttpReplies.json(exchange, 200,
                Map.of("items", runs.history(exchange.getMessage().getHeader("shop", String.class), 200)));
    }

    private LocalDate day(Message in) {
        String d = in.getHeader("day", String.class);
        if (d == null || d.isBlank()) {
            return LocalDate.now(zone).minusDays(1);
        }
        try {
            return LocalDate.parse(d.trim());
        } catch (DateTimeParseException e) {
            throw new ApiError(400, "bad_parameter", "day must be YYYY-MM-DD");
        }
    }
}
