package io.orderhub.support;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import io.restassured.path.json.JsonPath;

/**
 * For flow tests of the execution layer and what builds on it: a Taobao order fed through the real intake that the
 * rules make READY (one unit of stock added for it in WH-SH), and the order's outbox rows.
 */
public final class ReadyOrders {

    public static final String TOKEN = "Bearer orderhub-demo-token";
    public static final String ADMIN = "Bearer orderhub-demo-admin-token";
    public static final String SKU = "TX324A0212";

    private ReadyOrders() {
    }

    /** A new READY order whose buyer nick starts with {@code buyerPrefix}; answers its hub order id. */
    public static String readyOrder(String buyerPrefix) throws Exception {
        return ready(buyerPrefix, null);
    }

    /** A new READY order bought by exactly {@code buyerNick}; answers its hub order id. */
    public static String readyOrderBoughtBy(String buyerNick) throws Exception {
        return ready(null, buyerNick);
    }

    /** Warehouse WH-SH and one more unit of the fixture's SKU than is reserved: the next order is READY. */
    public static void stockForOneMore() {
        given().header("Authorization", ADMIN).contentType("application/json")
                .body("[{\"code\":\"WH-SH\",\"province\":\"上海市\",\"shipsWithin24h\":true}]")
                .put("/api/v1/admin/warehouses").then().statusCode(200);
        List<Integer> r = given().header("Authorization", ADMIN).get("/api/v1/admin/stock?sku=" + SKU).then()
                .statusCode(200).extract().jsonPath().getList("items.findAll { it.warehouse == 'WH-SH' }.reserved");
        given().header("Authorization", ADMIN).contentType("application/json")
                .body("[{\"warehouse\":\"WH-SH\",\"sku\":\"" + SKU + "\",\"onHand\":" + ((r.isEmpty() ? 0 : r.get(0))
                        + 1) + "}]")
                .put("/api/v1/admin/stock").then().statusCode(200);
    }

    private static String ready(String buyerPrefix, String buyerNick) throws Exception {
        stockForOneMore();
        long tid = ThreadLocalRandom.current().nextLong(1_000_000_000_000L, 9_000_000_000_000L);
        String receipt = given().contentType("application/json").header("Authorization", TOKEN)
                .body(Orders.taobao(tid, "WAIT_SELLER_SEND_GOODS", "2026-11-11 00:00:05",
                        buyerNick != null ? buyerNick : buyerPrefix + tid)
                        .getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/intake/taobao").then().statusCode(202).extract().path("receiptId");
        String id = await().atMost(Duration.ofSeconds(30)).until(
                () -> given().get("/api/v1/receipts/" + receipt).then().extract().jsonPath().getString("hubOrderId"),
                h -> h != null);
        JsonPath order = await().atMost(Duration.ofSeconds(30)).until(
                () -> given().get("/api/v1/orders/" + id).then().extract().jsonPath(),
                o -> o.get("evaluation") != null);
        assertThat(order.getString("evaluation.state")).as(order.prettify()).isEqualTo("READY");
        return id;
    }

    /** (key, system, state, attempts) of the order's commands, oldest first. */
    public static List<String[]> commands(DataSource dataSource, String hubOrderId) {
        List<String[]> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT idempotency_key, system, state, attempts"
                        + " FROM outbox_command WHERE hub_order_id = ?::uuid ORDER BY created_at")) {
            ps.setString(1, hubOrderId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new String[]{rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    /** The first column of the first row of a one-parameter query, or null. */
    public static String one(DataSource dataSource, String sql, String param) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
