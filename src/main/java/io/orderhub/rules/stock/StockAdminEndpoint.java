package io.orderhub.rules.stock;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

import io.orderhub.web.AdminGuard;
import io.orderhub.web.ApiError;
import io.orderhub.web.HttpReplies;

/**
 * Stock administration (admin credential): warehouses, on-hand counts by JSON or CSV, the stock view, and the manual
 * release of an order's reservation.
 */
@ApplicationScoped
@Named("stockAdmin")
public class StockAdminEndpoint {

    private static final int VIEW_LIMIT = 1000;

    private final StockCatalog catalog;
    private final StockLedger ledger;
    private final StockReleases releases;
    private final AdminGuard admin;

    public StockAdminEndpoint(StockCatalog catalog, StockLedger ledger, StockReleases releases, AdminGuard admin) {
        this.catalog = catalog;
        this.ledger = ledger;
        this.releases = releases;
        this.admin = admin;
    }

    /** GET /api/v1/admin/warehouses, PUT the same with [{code, province, shipsWithin24h}] */
    public void warehouses(Exchange exchange) {
        admin.require(exchange);
        Message in = exchange.getMessage();
        if ("PUT".equals(in.getHeader(Exchange.HTTP_METHOD, String.class))) {
            catalog.upsertWarehouses(AdminRows.json(in.getBody(byte[].class), AdminRows::warehouse));
        }
        HttpReplies.json(exchange, 200, Map.of("items", ledger.warehouses()));
    }

    /** GET /api/v1/admin/stock?sku= ; PUT the same with [{warehouse, sku, onHand}] */
    public void stock(Exchange exchange) {
        admin.require(exchange);
        Message in = exchange.getMessage();
        if ("PUT".equals(in.getHeader(Exchange.HTTP_METHOD, String.class))) {
            store(exchange, AdminRows.json(in.getBody(byte[].class), AdminRows::count));
            return;
        }
        String sku = in.getHeader("sku", String.class);
        HttpReplies.json(exchange, 200,
                Map.of("items", catalog.view(sku == null || sku.isBlank() ? null : sku.trim(), VIEW_LIMIT)));
    }

    /** POST /api/v1/admin/stock/import: CSV with the header warehouse,sku,on_hand */
    public void importCsv(Exchange exchange) {
        admin.require(exchange);
        store(exchange, AdminRows.csv(exchange.getMessage().getBody(byte[].class), AdminRows::count));
    }

    /** POST /api/v1/admin/stock/release/{hubOrderId}?cause=CANCELLED|REJECTED|TIMEOUT */
    public void release(Exchange exchange) {
        admin.require(exchange);
        Message in = exchange.getMessage();
        String id = in.getHeader("hubOrderId", String.class);
        String cause = in.getHeader("cause", String.class);
        if (cause == null || !StockReleases.CAUSES.contains(cause)) {
            throw new ApiError(400, "bad_parameter", "cause must be one of " + StockReleases.CAUSES);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("hubOrderId", id);
        body.put("cause", cause);
        body.put("released", releases.release(id, cause));
        HttpReplies.json(exchange, 200, body);
    }

    private void store(Exchange exchange, List<StockCatalog.Count> counts) {
        Set<String> known = ledger.warehouses().stream().map(StockLedger.Warehouse::code).collect(Collectors.toSet());
        List<String> unknown = counts.stream().map(StockCatalog.Count::warehouse).filter(w -> !known.contains(w))
                .distinct().toList();
        if (!unknown.isEmpty()) {
            throw new ApiError(400, "unknown_warehouse", "no warehouse " + unknown + " (PUT /api/v1/admin/warehouses)");
        }
        long distinct = counts.stream().map(c -> c.sku() + "\u0000" + c.warehouse()).distinct().count();
        if (distinct != counts.size()) {
            throw new ApiError(400, "bad_parameter", "a (warehouse, sku) pair appears twice");
        }
        HttpReplies.json(exchange, 200, Map.of("upserted", catalog.upsertStock(counts)));
    }
}
