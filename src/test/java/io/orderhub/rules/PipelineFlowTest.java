package io.orderhub.rules;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import io.orderhub.support.Orders;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The whole validation layer on the real captured Taobao trade: every rule decides and records why; stock is
 * reserved or the order is held; held orders wait in the review pool for a person, who approves (commands go to the
 * outbox with the decision) or rejects (stock given back); after a stock change held orders are re-evaluated.
 */
@QuarkusTest
class PipelineFlowTest {

    static final String TOKEN = "Bearer orderhub-demo-token";
    static final String ADMIN = "Bearer orderhub-demo-admin-token";
    /** The SKU of the captured trade (outer_sku_id) and where its receiver lives. */
    static final String SKU = "TX324A0212";
    static final List<String> RULES = List.of("customer", "non-sale", "duplicate-guard", "purchase-limit", "risk",
            "presale", "b2b-catalog", "kit-split", "inventory", "cross-store-merge", "priority", "commands");

    static JsonPath order(long tid, String buyer) throws Exception {
        String receipt = given().contentType("application/json").header("Authorization", TOKEN)
                .body(Orders.taobao(tid, "WAIT_SELLER_SEND_GOODS", "2026-11-11 00:00:05", buyer)
                        .getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/intake/taobao").then().statusCode(202).extract().path("receiptId");
        String hubOrderId = await().atMost(Duration.ofSeconds(30)).until(
                () -> given().get("/api/v1/receipts/" + receipt).then().extract().jsonPath().getString("hubOrderId"),
                id -> id != null);
        return get(hubOrderId);
    }

    static JsonPath get(String hubOrderId) {
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> given().get("/api/v1/orders/" + hubOrderId).then().statusCode(200).extract().jsonPath(),
                o -> o.get("evaluation") != null);
    }

    /** Makes {@code available} units free in WH-SH on top of whatever other tests hold reserved there. */
    static void stock(int available) {
        given().header("Authorization", ADMIN).contentType("application/json")
                .body("[{\"code\":\"WH-SH\",\"province\":\"上海市\",\"shipsWithin24h\":true}]")
                .put("/api/v1/admin/warehouses").then().statusCode(200);
        int onHand = reservedOrZero() + available;
        given().header("Authorization", ADMIN).contentType("application/json")
                .body("[{\"warehouse\":\"WH-SH\",\"sku\":\"" + SKU + "\",\"onHand\":" + onHand + "}]")
                .put("/api/v1/admin/stock").then().statusCode(200);
    }

    static long tid() {
        return ThreadLocalRandom.current().nextLong(1_000_000_000_000L, 9_000_000_000_000L);
    }

    @Test
    void realOrdersGoThroughEveryRuleToReadyOrTheReviewPoolAndOnToTheOutbox() throws Exception {
        String buyer = "pipeline-" + tid();
        stock(1);

        JsonPath first = order(tid(), buyer);
        assertThat(first.getList("evaluation.decisions.rule", String.class)).containsAll(RULES);
        assertThat(first.getString("evaluation.state")).as(first.prettify()).isEqualTo("READY");
        assertThat(first.getString("evaluation.facts.shipments[0].warehouse")).isEqualTo("WH-SH");
        assertThat(first.getString("evaluation.facts.segment")).isEqualTo("NEW");
        // 13.80 yuan paid: under the invoice threshold
        assertThat(first.getString("evaluation.decisions.find { it.rule == 'commands' }.result"))
                .endsWith("no invoice: paid below threshold");
        List<Map<String, Object>> commands = commands(first.getString("hubOrderId"));
        // the receiver's phone is masked: no SMS (the platform reaches the buyer)
        assertThat(commands).extracting(c -> c.get("type")).containsExactlyInAnyOrder("ERP_SALES_ORDER",
                "WMS_OUTBOUND", "CARRIER_WAYBILL", "FINANCE_RECEIVABLE");

        // the same buyer, items and address again, and the last unit is gone: held, with both reasons, for a person
        JsonPath second = order(tid(), buyer);
        String secondId = second.getString("hubOrderId");
        assertThat(second.getString("evaluation.state")).isEqualTo("HELD");
        assertThat(second.getList("evaluation.holds.code", String.class)).contains("DUPLICATE", "OUT_OF_STOCK");
        assertThat(commands(secondId)).isEmpty();
        JsonPath pool = given().header("Authorization", ADMIN).get("/api/v1/review?code=OUT_OF_STOCK").then()
                .statusCode(200).extract().jsonPath();
        assertThat(pool.getList("items.hubOrderId", String.class)).contains(secondId);

        // stock arrives; re-evaluating the held orders reserves it (the duplicate suspicion still needs a person);
        // other tests' orders of the same SKU may be waiting too: enough for all of them
        stock(1000);
        given().header("Authorization", ADMIN)
                .post("/api/v1/admin/rules/reevaluate?state=HELD&code=OUT_OF_STOCK&limit=5000")
                .then().statusCode(200);
        JsonPath again = get(secondId);
        assertThat(again.getList("evaluation.holds.code", String.class)).contains("DUPLICATE")
                .doesNotContain("OUT_OF_STOCK");

        // the supervisor approves: who and when are kept, the commands follow
        given().header("Authorization", ADMIN).contentType("application/json")
                .body("{\"by\":\"duty-zhang\",\"note\":\"same buyer confirmed by phone\"}")
                .post("/api/v1/review/" + secondId + "/approve").then().statusCode(200);
        assertThat(get(secondId).getString("evaluation.state")).isEqualTo("APPROVED");
        assertThat(commands(secondId)).hasSize(4);
        given().header("Authorization", ADMIN).contentType("application/json").body("{\"by\":\"duty-zhang\"}")
                .post("/api/v1/review/" + secondId + "/approve").then().statusCode(409);
        JsonPath approved = given().header("Authorization", ADMIN).get("/api/v1/review?state=APPROVED").then()
                .statusCode(200).extract().jsonPath();
        assertThat(approved.getString("items.find { it.hubOrderId == '" + secondId + "' }.decidedBy"))
                .isEqualTo("duty-zhang");
    }

    @Test
    void aRejectedOrderGivesItsStockBack() throws Exception {
        String buyer = "reject-" + tid();
        stock(10);
        order(tid(), buyer);
        JsonPath dup = order(tid(), buyer); // held as a duplicate, with its stock reserved
        String id = dup.getString("hubOrderId");
        assertThat(dup.getList("evaluation.holds.code", String.class)).contains("DUPLICATE");
        int reservedBefore = reserved();
        given().header("Authorization", ADMIN).contentType("application/json").body("{\"by\":\"duty-li\"}")
                .post("/api/v1/review/" + id + "/reject").then().statusCode(400);
        given().header("Authorization", ADMIN).contentType("application/json")
                .body("{\"by\":\"duty-li\",\"reason\":\"scalper: 3 accounts, one address\"}")
                .post("/api/v1/review/" + id + "/reject").then().statusCode(200);
        assertThat(get(id).getString("evaluation.state")).isEqualTo("REJECTED");
        assertThat(reserved()).isEqualTo(reservedBefore - 1);
        assertThat(commands(id)).isEmpty();
    }

    static int reservedOrZero() {
        List<Integer> r = given().header("Authorization", ADMIN).get("/api/v1/admin/stock?sku=" + SKU).then()
                .statusCode(200).extract().jsonPath().getList("items.findAll { it.warehouse == 'WH-SH' }.reserved");
        return r.isEmpty() ? 0 : r.get(0);
    }

    static int reserved() {
        return given().header("Authorization", ADMIN).get("/api/v1/admin/stock?sku=" + SKU).then().statusCode(200)
                .extract().jsonPath().getInt("items.find { it.warehouse == 'WH-SH' }.reserved");
    }

    /** The order's commands in the outbox, whatever their state. */
    static List<Map<String, Object>> commands(String hubOrderId) {
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (String state : List.of("PENDING", "SENDING", "SENT", "FAILED")) {
            JsonPath page = given().header("Authorization", ADMIN).get("/api/v1/admin/commands?state=" + state)
                    .then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            items.stream().filter(c -> hubOrderId.equals(c.get("hubOrderId")))
                    .filter(c -> out.stream().noneMatch(o -> o.get("commandId").equals(c.get("commandId"))))
                    .forEach(out::add); // a command moving on between two pages is counted once
        }
        return out;
    }
}
