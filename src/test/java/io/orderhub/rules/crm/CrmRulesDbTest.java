package io.orderhub.rules.crm;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

import io.orderhub.rules.RuleContext;
import io.orderhub.rules.risk.RiskParams;
import io.orderhub.rules.risk.RiskRule;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The loading APIs (customers as JSON and CSV, the blacklist) over real HTTP, and the rules against PostgreSQL:
 * customers found by what was loaded, duplicates within the window, purchase limits across orders and re-evaluation,
 * blacklist hits, the HTTP CRM with its timeout.
 */
@QuarkusTest
class CrmRulesDbTest {

    static final String ADMIN = "Bearer orderhub-demo-admin-token";

    @Inject
    CustomerRule customerRule;
    @Inject
    DuplicateRule duplicateRule;
    @Inject
    PurchaseLimitRule purchaseLimitRule;
    @Inject
    RiskRule riskRule;

    static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A real order with its own buyer, so tests do not see each other's rows. */
    static ObjectNode order(String golden, String buyerId, String createdAt) {
        ObjectNode o = Orders.golden(golden);
        ((ObjectNode) o.get("buyer")).put("platformBuyerId", buyerId);
        o.put("createdAt", createdAt);
        return o;
    }

    @Test
    void customersLoadedAsJsonAndCsvAreFoundByTheRule() {
        String buyer = "json-buyer-" + unique();
        String csvBuyer = "csv-buyer-" + unique();
        JsonPath json = given().header("Authorization", ADMIN).contentType("application/json")
                .body("[{\"customerId\":\"CJ-" + buyer + "\",\"segment\":\"VIP\",\"earlierOrders\":4,"
                        + "\"channel\":\"tmall\",\"buyerId\":\"" + buyer + "\"}]")
                .post("/api/v1/admin/customers").then().statusCode(200).extract().jsonPath();
        assertThat(json.getInt("customers")).isEqualTo(1);
        assertThat(json.getInt("identities")).isEqualTo(1);
        String csv = "customerId,segment,earlierOrders,channel,buyerId\n"
                + "CC-" + csvBuyer + ",REGULAR,2,tmall," + csvBuyer + "\n";
        given().header("Authorization", ADMIN).contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/admin/customers/import").then().statusCode(200);

        RuleContext vip = Orders.ctx("H-" + unique(), order("tmall/store-deliver-shipped-plain", buyer,
                "2025-06-18T01:00:00Z"), "customer", new CustomerParams(true, null));
        customerRule.apply(vip);
        assertThat(vip.facts()).containsEntry("customerId", "CJ-" + buyer).containsEntry("segment", "VIP");
        assertThat(vip.tags()).contains("VIP");
        RuleContext regular = Orders.ctx("H-" + unique(), order("tmall/store-deliver-shipped-plain", csvBuyer,
                "2025-06-18T01:00:00Z"), "customer", new CustomerParams(true, null));
        customerRule.apply(regular);
        assertThat(regular.facts()).containsEntry("customerId", "CC-" + csvBuyer)
                .containsEntry("segment", "REGULAR");

        // the same customer re-loaded with 0 earlier orders: upsert, now NEW
        given().header("Authorization", ADMIN).contentType("text/csv")
                .body("customerId,earlierOrders\nCC-" + csvBuyer + ",0\n").post("/api/v1/admin/customers/import")
                .then().statusCode(200);
        RuleContext again = Orders.ctx("H-" + unique(), order("tmall/store-deliver-shipped-plain", csvBuyer,
                "2025-06-18T01:00:00Z"), "customer", new CustomerParams(true, null));
        customerRule.apply(again);
        assertThat(again.facts()).containsEntry("segment", "NEW");
    }

    @Test
    void loadingRefusesBadInputAndMissingCredentials() {
        given().contentType("application/json").body("[]").post("/api/v1/admin/customers").then().statusCode(401);
        given().header("Authorization", ADMIN).contentType("text/csv").body("customerId,shoeSize\nA,42\n")
                .post("/api/v1/admin/customers/import").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.equalTo("bad_parameter"));
        given().header("Authorization", ADMIN).contentType("application/json").body("customerId\nA\n")
                .post("/api/v1/admin/customers/import").then().statusCode(415);
        given().header("Authorization", ADMIN).contentType("application/json").body("{\"customerId\":\"A\"}")
                .post("/api/v1/admin/customers").then().statusCode(400);
        given().header("Authorization", ADMIN).contentType("application/json").body("[{\"kind\":\"CAR\"}]")
                .post("/api/v1/admin/blacklist").then().statusCode(400);
    }

    @Test
    void blacklistLoadedByApiHoldsTheOrderAndCanBeRemoved() {
        String buyer = "bad-buyer-" + unique();
        String entry = "[{\"kind\":\"BUYER\",\"channel\":\"tmall\",\"value\":\"" + buyer + "\",\"note\":\"fraud\"}]";
        JsonPath added = given().header("Authorization", ADMIN).contentType("application/json").body(entry)
                .post("/api/v1/admin/blacklist").then().statusCode(200).extract().jsonPath();
        String hash = added.getString("items[0].hash");
        assertThat(hash).isEqualTo(Identities.buyer("tmall", buyer));
        assertThat(given().header("Authorization", ADMIN).get("/api/v1/admin/blacklist").then().statusCode(200)
                .extract().jsonPath().getList("items.hash")).contains(hash);

        RiskParams blacklistOnly = new RiskParams(null, null, null, null, true);
        RuleContext ctx = Orders.ctx("H-" + unique(), order("tmall/store-deliver-shipped-plain", buyer,
                "2025-06-18T01:00:00Z"), "risk", blacklistOnly);
        riskRule.apply(ctx);
        assertThat(ctx.holds()).singleElement().satisfies(h -> {
            assertThat(h.code()).isEqualTo("RISK_HOLD");
            assertThat(h.reason()).contains("buyer is blacklisted");
        });

        given().header("Authorization", ADMIN).contentType("application/json").body(entry)
                .delete("/api/v1/admin/blacklist").then().statusCode(200).body("removed",
                        org.hamcrest.Matchers.equalTo(1));
        RuleContext after = Orders.ctx("H-" + unique(), order("tmall/store-deliver-shipped-plain", buyer,
                "2025-06-18T01:00:00Z"), "risk", blacklistOnly);
        riskRule.apply(after);
        assertThat(after.held()).isFalse();
    }

    @Test
    void duplicateWithinTheWindowInPostgres() {
        String buyer = "dup-" + unique();
        String first = "H-" + unique();
        String second = "H-" + unique();
        DuplicateParams p = new DuplicateParams(10);
        RuleContext a = Orders.ctx(first, order("tmall/multi-order-refund-requested-table", buyer,
                "2025-06-18T01:00:00Z"), "duplicate-guard", p);
        duplicateRule.apply(a);
        RuleContext b = Orders.ctx(second, order("tmall/multi-order-refund-requested-table", buyer,
                "2025-06-18T01:05:00Z"), "duplicate-guard", p);
        duplicateRule.apply(b);
        RuleContext aAgain = Orders.ctx(first, order("tmall/multi-order-refund-requested-table", buyer,
                "2025-06-18T01:00:00Z"), "duplicate-guard", p);
        duplicateRule.apply(aAgain);
        RuleContext late = Orders.ctx("H-" + unique(), order("tmall/multi-order-refund-requested-table", buyer,
                "2025-06-18T01:15:01Z"), "duplicate-guard", p);
        duplicateRule.apply(late);
        assertThat(List.of(a.held(), b.held(), aAgain.held(), late.held())).containsExactly(false, true, false, false);
        assertThat(b.holds().get(0).code()).isEqualTo("DUPLICATE");
        assertThat(b.decisions().get(0).inputs().get("earlierOrders")).isEqualTo(List.of(first));
    }

    @Test
    void purchaseLimitAcrossTwoOrdersInPostgres() {
        String buyer = "lim-" + unique();
        PurchaseLimitParams p = new PurchaseLimitParams(
                List.of(new PurchaseLimitParams.BuyerLimit("MUG-350-WHT", 3, 24)), List.of());
        String first = "H-" + unique();
        RuleContext a = Orders.ctx(first, order("taobao/multi-order-refund-requested-table", buyer,
                "2025-06-18T01:00:00Z"), "purchase-limit", p);
        purchaseLimitRule.apply(a);
        RuleContext aAgain = Orders.ctx(first, order("taobao/multi-order-refund-requested-table", buyer,
                "2025-06-18T01:00:00Z"), "purchase-limit", p);
        purchaseLimitRule.apply(aAgain);
        RuleContext b = Orders.ctx("H-" + unique(), order("taobao/multi-order-refund-requested-table", buyer,
                "2025-06-18T09:00:00Z"), "purchase-limit", p);
        purchaseLimitRule.apply(b);
        assertThat(a.held()).isFalse();
        assertThat(aAgain.held()).as("re-evaluation does not count the order twice").isFalse();
        assertThat(b.<List<Map<String, Object>>>fact("purchaseLimitHits")).singleElement()
                .satisfies(hit -> assertThat(hit).containsEntry("counted", 4).containsEntry("max", 3));

        // the first order is cancelled: re-evaluating both, the second is within the limit again
        ObjectNode cancelled = order("taobao/multi-order-refund-requested-table", buyer, "2025-06-18T01:00:00Z");
        cancelled.put("status", "CANCELLED");
        purchaseLimitRule.apply(Orders.ctx(first, cancelled, "purchase-limit", p));
        RuleContext bAgain = Orders.ctx(b.hubOrderId(), order("taobao/multi-order-refund-requested-table", buyer,
                "2025-06-18T09:00:00Z"), "purchase-limit", p);
        purchaseLimitRule.apply(bAgain);
        assertThat(bAgain.held()).isFalse();
    }

    @Test
    void httpCrmAnswersAndTimesOut() throws IOException, InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer crm = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        crm.createContext("/lookup", ex -> {
            byte[] body = "{\"customerId\":\"CRM-1\",\"segment\":\"VIP\",\"earlierOrders\":3}"
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        crm.createContext("/slow", ex -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        crm.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2));
        crm.start();
        try {
            String base = "http://127.0.0.1:" + crm.getAddress().getPort();
            RuleContext found = Orders.ctx("H-" + unique(), order("tmall/store-deliver-shipped-plain",
                    "crm-" + unique(), "2025-06-18T01:00:00Z"), "customer",
                    new CustomerParams(true, new CustomerParams.Crm(base + "/lookup", 5000, 60)), Instant.now());
            customerRule.apply(found);
            assertThat(found.facts()).containsEntry("customerId", "CRM-1").containsEntry("segment", "VIP");

            long start = System.nanoTime();
            RuleContext slow = Orders.ctx("H-" + unique(), order("tmall/store-deliver-shipped-plain",
                    "crm-" + unique(), "2025-06-18T01:00:00Z"), "customer",
                    new CustomerParams(true, new CustomerParams.Crm(base + "/slow", 300, 60)), Instant.now());
            customerRule.apply(slow);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5000);
            assertThat(slow.facts()).containsEntry("segment", "NEW");
            assertThat(slow.decisions().get(0).inputs().get("crm").toString()).contains("within 300 ms");
        } finally {
            release.countDown();
            crm.stop(0);
        }
    }
}
