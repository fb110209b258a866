package io.orderhub.rules.stock;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

import io.orderhub.web.AdminGuard;
import io.orderhub.web.HttpReplies;

/** The B2B SKU library for administrators (admin credential): upsert by JSON or CSV, and list. */
@ApplicationScoped
@Named("skuAdmin")
public class SkuAdminEndpoint {

    private static final int LIST_LIMIT = 1000;

    private final JdbcSkuLibrary library;
    private final AdminGuard admin;

    public SkuAdminEndpoint(JdbcSkuLibrary library, AdminGuard admin) {
        this.library = library;
        this.admin = admin;
    }

    /** GET /api/v1/admin/skus?sku= ; POST the same with one SKU object or a list of them */
    public void skus(Exchange exchange) {
        admin.require(exchange);
        Message in = exchange.getMessage();
        if ("POST".equals(in.getHeader(Exchange.HTTP_METHOD, String.class))) {
            HttpReplies.json(exchange, 200,
                    Map.of("upserted", library.upsert(AdminRows.json(in.getBody(byte[].class), AdminRows::sku))));
            return;
        }
        String sku = in.getHeader("sku", String.class);
        HttpReplies.json(exchange, 200,
                Map.of("items", library.list(sku == null || sku.isBlank() ? null : sku.trim(), LIST_LIMIT)));
    }

    /**
     * POST /api/v1/admin/skus/import: CSV with the header
     * sku,min_order_qty,pack_size,remaining_shelf_life_days,min_shelf_life_days,packaging_code,substitutes
     * (min_shelf_life_days as CLASS:DAYS|CLASS:DAYS, substitutes as SKU|SKU).
     */
    public void importCsv(Exchange exchange) {
        admin.require(exchange);
        HttpReplies.json(exchange, 200, Map.of("upserted",
                library.upsert(AdminRows.csv(exchange.getMessage().getBody(byte[].class), AdminRows::sku))));
    }
}
