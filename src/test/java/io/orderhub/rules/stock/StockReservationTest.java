package io.orderhub.rules.stock;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.rules.RuleContext;
import io.orderhub.rules.RuleSet;
import io.orderhub.support.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Reservations against the real store: many orders racing for the last units never take more than there is,
 * re-evaluations never double a reservation, releases by API, bean and timeout give the units back; the stock and SKU
 * library admin API.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class StockReservationTest {

    static final String ADMIN = "Bearer orderhub-demo-admin-token";
    static final InventoryParams PARAMS = new InventoryParams(List.of("PAID"), "24h", List.of("b2b_form"), Map.of());

    @Inject
    InventoryRule inventory;
    @Inject
    B2bCatalogRule b2bCatalog;
    @Inject
    StockReleases releases;
    @Inject
    DataSource dataSource;

    /** Per test: fresh warehouse codes and SKUs, so tests never see each other's stock. */
    String run;
    String wh1;
    String wh2;
    String sku;

    @BeforeEach
    void warehouses() {
        run = UUID.randomUUID().toString().substring(0, 8);
        wh1 = "W1-" + run;
        wh2 = "W2-" + run;
        sku = "SKU-" + run;
        admin().contentType(ContentType.JSON).body(List.of(
                Map.of("code", wh1, "province", "上海市", "shipsWithin24h", true),
                Map.of("code", wh2, "province", "广东省", "shipsWithin24h", true)))
                .put("/api/v1/admin/warehouses").then().statusCode(200);
    }

    static io.restassured.specification.RequestSpecification admin() {
        return given().header("Authorization", ADMIN);
    }

    void stock(String warehouse, String sku, long onHand) {
        admin().contentType(ContentType.JSON)
                .body(List.of(Map.of("warehouse", warehouse, "sku", sku, "onHand", onHand)))
                .put("/api/v1/admin/stock").then().statusCode(200).body("upserted", equalTo(1));
    }

    /** A real paid Taobao order reduced to one line of {@code quantity} x {@code sku}. */
    static ObjectNode order(String sku, int quantity) {
        ObjectNode o = Orders.golden("taobao", "multi-order-refund-requested-table");
        o.withArray("lines").remove(1);
        return Orders.line(o, 0, sku, quantity);
    }

    RuleContext evaluate(String hubOrderId, ObjectNode order, Instant now) {
        RuleContext ctx = new RuleContext(hubOrderId, 1, order.path("channel").asText(), "test-shop", order,
                RuleSet.of(Map.of(InventoryRule.ID, PARAMS)), now);
        inventory.apply(ctx);
        return ctx;
    }

    long sql(String query, Object... args) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(query)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    long reserved(String sku) throws Exception {
        return sql("SELECT coalesce(sum(reserved), 0) FROM stock WHERE sku = ?", sku);
    }

    long reservationRows(String sku) throws Exception {
        return sql("SELECT coalesce(sum(quantity), 0) FROM stock_reservation WHERE sku = ?", sku);
    }

    /** Runs every task at once (after a common start signal) and answers their results. */
    static <T> List<T> race(int threads, java.util.function.IntFunction<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.apply(n);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fiftyOrdersRacingForTheLastSevenUnitsGetExactlySeven() throws Exception {
        stock(wh1, sku, 4);
        stock(wh2, sku, 3);

        List<RuleContext> results = race(50, i -> evaluate("race-" + run + "-" + i, order(sku, 1), Instant.now()));

        long reservedOrders = results.stream().filter(c -> c.facts().containsKey("shipments")).count();
        long outOfStock = results.stream()
                .filter(c -> c.holds().stream().anyMatch(h -> h.code().equals("OUT_OF_STOCK"))).count();
        assertThat(reservedOrders).isEqualTo(7);
        assertThat(outOfStock).isEqualTo(43);
        assertThat(reserved(sku)).isEqualTo(7);
        assertThat(reservationRows(sku)).isEqualTo(7);
        admin().queryParam("sku", sku).get("/api/v1/admin/stock").then().statusCode(200)
                .body("items.available", equalTo(List.of(0, 0)));
    }

    @Test
    void ordersOfThreeRacingForTenSplitUnitsNeverOversellOrDeadlock() throws Exception {
        stock(wh1, sku, 5);
        stock(wh2, sku, 5);

        List<RuleContext> results = race(30, i -> evaluate("split-" + run + "-" + i, order(sku, 3), Instant.now()));

        List<RuleContext> reservedOrders = results.stream().filter(c -> c.facts().containsKey("shipments")).toList();
        // 10 units make three orders of 3; the fourth would need a unit that does not exist
        assertThat(reservedOrders).hasSize(3);
        assertThat(reserved(sku)).isEqualTo(9);
        assertThat(reservationRows(sku)).isEqualTo(9);
        assertThat(sql("SELECT count(*) FROM stock WHERE sku = ? AND reserved > on_hand", sku)).isZero();
    }

    @Test
    void reEvaluatingOneOrderAgainAndAgainAndAtOnceKeepsOneReservation() throws Exception {
        stock(wh1, sku, 10);
        String id = "again-" + run;

        evaluate(id, order(sku, 4), Instant.now());
        List<RuleContext> again = race(10, i -> evaluate(id, order(sku, 4), Instant.now()));

        assertThat(again).allSatisfy(c -> assertThat(c.decisions().get(0).result())
                .isEqualTo("fired: kept in 1 shipment(s)"));
        assertThat(reserved(sku)).isEqualTo(4);
        assertThat(reservationRows(sku)).isEqualTo(4);
    }

    @Test
    void releaseByApiGivesTheUnitsBackAndClosesTheOrder() throws Exception {
        stock(wh1, sku, 10);
        String id = "cancel-" + run;
        evaluate(id, order(sku, 4), Instant.now());

        admin().post("/api/v1/admin/stock/release/" + id + "?cause=LATER").then().statusCode(400)
                .body("error", equalTo("bad_parameter"));
        given().post("/api/v1/admin/stock/release/" + id + "?cause=CANCELLED").then().statusCode(401);
        admin().post("/api/v1/admin/stock/release/" + id + "?cause=CANCELLED").then().statusCode(200)
                .body("released.quantity", equalTo(List.of(4))).body("released.warehouse", equalTo(List.of(wh1)));
        RuleContext after = evaluate(id, order(sku, 4), Instant.now());

        assertThat(reserved(sku)).isZero();
        assertThat(after.decisions().get(0).result()).isEqualTo("not fired: order released as CANCELLED");
        assertThat(sql("SELECT count(*) FROM stock_release WHERE hub_order_id = ? AND cause = 'CANCELLED'", id))
                .isEqualTo(1);
    }

    @Test
    void aHeldOrderPastItsTimeoutIsReleasedByTheSweepAndAReadyOneIsNot() throws Exception {
        stock(wh1, sku, 10);
        String held = "held-" + run;
        String ready = "ready-" + run;
        ObjectNode o = order(sku, 2);
        RuleContext ctx = new RuleContext(held, 1, "taobao", "test-shop", o,
                RuleSet.of(Map.of(InventoryRule.ID, PARAMS)), Instant.now().minus(Duration.ofHours(25)));
        ctx.hold(inventory, "RISK_HOLD", "held by an earlier rule", true);
        inventory.apply(ctx);
        evaluate(ready, order(sku, 3), Instant.now().minus(Duration.ofHours(25)));

        releases.releaseExpired();

        assertThat(reserved(sku)).isEqualTo(3);
        assertThat(sql("SELECT count(*) FROM stock_reservation WHERE hub_order_id = ?", held)).isZero();
        assertThat(sql("SELECT count(*) FROM stock_release WHERE hub_order_id = ? AND cause = 'TIMEOUT'", held))
                .isEqualTo(1);
        // a TIMEOUT does not close the order: once approved and re-evaluated it reserves again
        assertThat(evaluate(held, order(sku, 2), Instant.now()).facts()).containsKey("shipments");
        assertThat(reserved(sku)).isEqualTo(5);
    }

    @Test
    void stockLoadsFromCsvAndRefusesUnknownWarehousesAndBadRows() {
        admin().contentType("text/csv").body("warehouse,sku,on_hand\n" + wh1 + "," + sku + ",12\n" + wh2 + "," + sku
                + ",3\n").post("/api/v1/admin/stock/import").then().statusCode(200).body("upserted", equalTo(2));
        admin().contentType("text/csv").body("warehouse,sku,on_hand\nNOWHERE," + sku + ",1\n")
                .post("/api/v1/admin/stock/import").then().statusCode(400).body("error", equalTo("unknown_warehouse"));
        admin().contentType("text/csv").body("warehouse,sku,on_hand\n" + wh1 + "," + sku + ",-2\n")
                .post("/api/v1/admin/stock/import").then().statusCode(400).body("error", equalTo("bad_parameter"));
        admin().contentType("text/csv").body("warehouse,sku\n" + wh1 + "," + sku + "\n")
                .post("/api/v1/admin/stock/import").then().statusCode(400).body("message",
                        org.hamcrest.Matchers.containsString("on_hand"));

        admin().queryParam("sku", sku).get("/api/v1/admin/stock").then().statusCode(200)
                .body("items.warehouse", equalTo(List.of(wh1, wh2))).body("items.onHand", equalTo(List.of(12, 3)))
                .body("items.reserved", equalTo(List.of(0, 0)));
    }

    @Test
    void theSkuLibraryLoadsByJsonAndCsvAndTheB2bRuleReadsIt() {
        String tea = "TEA-" + run;
        String sub = "TEA2-" + run;
        admin().contentType(ContentType.JSON).body(Map.of("sku", tea, "minOrderQty", 30, "packSize", 12,
                "remainingShelfLifeDays", 90, "minShelfLifeDays", Map.of("KA", 120), "substitutes", List.of(sub)))
                .post("/api/v1/admin/skus").then().statusCode(200).body("upserted", equalTo(1));
        admin().contentType("text/csv").body("""
                sku,min_order_qty,pack_size,remaining_shelf_life_days,min_shelf_life_days,packaging_code,substitutes
                %s,6,6,,KA:60|STANDARD:30,BOX-6,
                """.formatted(sub)).post("/api/v1/admin/skus/import").then().statusCode(200);
        admin().contentType(ContentType.JSON).body(Map.of("sku", tea, "packSize", "twelve"))
                .post("/api/v1/admin/skus").then().statusCode(400).body("message",
                        org.hamcrest.Matchers.containsString("packSize"));
        stock(wh1, sub, 100);
        admin().queryParam("sku", sub).get("/api/v1/admin/skus").then().statusCode(200)
                .body("items[0].packagingCode", equalTo("BOX-6")).body("items[0].minShelfLifeDays.KA", equalTo(60));

        ObjectNode form = Orders.line(Orders.golden("b2b_form", "confirmed-multi-line"), 0, tea, 20);
        form.withArray("lines").remove(1);
        RuleContext ctx = new RuleContext("b2b-" + run, 1, "b2b_form", "EAST-SALES", form, RuleSet.of(
                Map.of(B2bCatalogRule.ID, new B2bCatalogParams("STANDARD", Map.of("C-3301", "KA"), Map.of(), true))),
                Instant.now());
        b2bCatalog.apply(ctx);

        assertThat(ctx.<List<Map<String, Object>>>fact("b2bViolations")).extracting(v -> v.get("rule"))
                .containsExactly("min_order_qty", "pack_size_multiple", "min_shelf_life_days");
        assertThat(ctx.<List<Map<String, Object>>>fact("substitutes")).singleElement().satisfies(
                s -> assertThat(s.get("substitutes")).isEqualTo(List.of(Map.of("sku", sub, "available", 100L))));
    }
}
