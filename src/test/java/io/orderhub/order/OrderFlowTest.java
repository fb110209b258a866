package io.orderhub.order;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.orderhub.support.Fixtures;
import io.orderhub.support.Orders;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Receipts become canonical orders end to end: mapping, versions ordered by the platform's modification time,
 * parking with a reason, replay after a fix, hot reload that refuses a bad file, and rollback.
 */
@QuarkusTest
class OrderFlowTest {

    static final String TOKEN = "Bearer orderhub-demo-token";
    static final String ADMIN = "Bearer orderhub-demo-admin-token";
    static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS).build();

    @ConfigProperty(name = "orderhub.mapping.dir")
    String mappingDir;

    static String taobao(long tid, String status, String modified) throws Exception {
        return Orders.taobao(tid, status, modified);
    }

    static long freshTid() {
        return ThreadLocalRandom.current().nextLong(1_000_000_000_000L, 9_000_000_000_000L);
    }

    static String post(String channel, String body) {
        return given().contentType("application/json").header("Authorization", TOKEN)
                .body(body.getBytes(StandardCharsets.UTF_8)).post("/api/v1/intake/" + channel).then().statusCode(202)
                .extract().path("receiptId");
    }

    static JsonPath settled(String receiptId) {
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> given().get("/api/v1/receipts/" + receiptId).then().statusCode(200).extract().jsonPath(),
                r -> !"ACCEPTED".equals(r.getString("state")));
    }

    @Test
    void anyIdCustomerServiceHasAtHandFindsTheOrder() throws Exception {
        // a real Tmall presale trade with a plain receiver phone (golden case input)
        String input = java.nio.file.Files.readString(
                java.nio.file.Path.of("src/test/resources/golden/taobao/presale-step-finished-plain/input.json"));
        String id = settled(post("taobao", input)).getString("hubOrderId");
        assertThat(id).isNotNull();
        given().queryParam("q", id).get("/api/v1/orders").then().statusCode(200).body("items.size()", equalTo(1))
                .body("items[0].hubOrderId", equalTo(id));
        for (String q : new String[]{"462503790690334", "陈先生 6677", "6677陈先生", " 6677 陈先生 "}) {
            assertThat(given().queryParam("q", q).get("/api/v1/orders").then().statusCode(200).extract().jsonPath()
                    .getList("items.hubOrderId", String.class)).as(q).contains(id);
        }
        for (String q : new String[]{"李四 6677", "陈先生 1234", "999999999999999"}) {
            assertThat(given().queryParam("q", q).get("/api/v1/orders").then().statusCode(200).extract().jsonPath()
                    .getList("items.hubOrderId", String.class)).as(q).doesNotContain(id);
        }
        given().queryParam("q", " ").get("/api/v1/orders").then().statusCode(400).body("error", equalTo("bad_query"));
    }

    @Test
    void aTaobaoTradeBecomesOneCanonicalOrder() throws Exception {
        long tid = freshTid();
        JsonPath receipt = settled(post("taobao", taobao(tid, "WAIT_SELLER_SEND_GOODS", "2026-11-11 00:00:05")));
        assertThat(receipt.getString("state")).isEqualTo("MAPPED");
        String hubOrderId = receipt.getString("hubOrderId");

        JsonPath order = given().get("/api/v1/orders/" + hubOrderId).then().statusCode(200).extract().jsonPath();
        assertThat(order.getString("hubOrderId")).isEqualTo(hubOrderId);
        assertThat(order.getString("platformOrderId")).isEqualTo(Long.toString(tid));
        assertThat(order.getString("channel")).isEqualTo("taobao");
        assertThat(order.getString("status")).isEqualTo("PAID");
        assertThat(order.getString("updatedAt")).isEqualTo("2026-11-10T16:00:05Z");
        assertThat(order.getInt("version")).isEqualTo(1);
        assertThat(order.getString("mappingVersion")).matches("taobao@[0-9a-f]{8}");
        assertThat(order.getString("statusView.answer")).isEqualTo("PAID");
        assertThat(order.getString("statusView.sources.platform.code")).isEqualTo("WAIT_SELLER_SEND_GOODS");

        given().queryParam("channel", "taobao").queryParam("platformOrderId", Long.toString(tid)).get("/api/v1/orders")
                .then().statusCode(200).body("items.size()", equalTo(1))
                .body("items[0].hubOrderId", equalTo(hubOrderId));
        given().get("/api/v1/orders/00000000-0000-0000-0000-000000000000").then().statusCode(404)
                .body("error", equalTo("order_not_found"));
        given().queryParam("channel", "taobao").get("/api/v1/orders").then().statusCode(400)
                .body("error", equalTo("missing_parameter"));
    }

    @Test
    void aLateOlderVersionNeverOverwritesANewerOne() throws Exception {
        long tid = freshTid();
        JsonPath first = settled(post("taobao", taobao(tid, "WAIT_SELLER_SEND_GOODS", "2026-11-11 10:00:00")));
        JsonPath newest = settled(post("taobao", taobao(tid, "TRADE_FINISHED", "2026-11-11 12:00:00")));
        JsonPath late = settled(post("taobao", taobao(tid, "WAIT_BUYER_CONFIRM_GOODS", "2026-11-11 11:00:00")));
        assertThat(List.of(first.getString("state"), newest.getString("state"), late.getString("state")))
                .containsExactly("MAPPED", "MAPPED", "SUPERSEDED");
        String hubOrderId = first.getString("hubOrderId");
        assertThat(newest.getString("hubOrderId")).isEqualTo(hubOrderId);
        assertThat(late.getString("hubOrderId")).isEqualTo(hubOrderId);

        JsonPath order = given().get("/api/v1/orders/" + hubOrderId).then().statusCode(200).extract().jsonPath();
        assertThat(order.getString("status")).isEqualTo("COMPLETED");
        assertThat(order.getString("platformStatus")).isEqualTo("TRADE_FINISHED");
        assertThat(order.getInt("version")).isEqualTo(2);
        List<Map<String, Object>> versions = order.getList("versions");
        assertThat(versions).extracting(v -> v.get("platformStatus")).containsExactly("WAIT_SELLER_SEND_GOODS",
                "WAIT_BUYER_CONFIRM_GOODS", "TRADE_FINISHED");
        assertThat(versions).extracting(v -> v.get("applied")).containsExactly(true, false, true);

        // the newest version delivered again in other bytes (a relay re-serialised it) is the same version
        String again = taobao(tid, "TRADE_FINISHED", "2026-11-11 12:00:00").replace(",", ", ");
        assertThat(settled(post("taobao", again)).getString("state")).isEqualTo("DUPLICATE");
    }

    @Test
    void anUnknownStatusParksWithItsReasonAndReplaysAfterTheFix() throws Exception {
        long tid = freshTid();
        String code = "TRADE_TEST_" + Long.toString(tid, 36).toUpperCase();
        String receiptId = post("taobao", taobao(tid, code, "2026-11-11 09:00:00"));
        String receiptId2 = post("taobao", taobao(tid, code, "2026-11-11 09:30:00"));
        JsonPath parked = settled(receiptId);
        assertThat(parked.getString("state")).isEqualTo("PARKED");
        assertThat(parked.getString("reason")).startsWith("unknown_status: taobao order status '" + code + "'");
        assertThat(settled(receiptId2).getString("state")).isEqualTo("PARKED");

        given().post("/api/v1/receipts/" + receiptId + "/replay").then().statusCode(401);
        // the integrator adds the new code to the status table; the hub picks the file up once its goldens pass
        Path table = Path.of(mappingDir, "status", "taobao.yaml");
        String before = liveVersion("taobao");
        Files.writeString(table,
                Files.readString(table).replace("orderStatus:\n", "orderStatus:\n  " + code + ": PAID\n"));
        await().atMost(Duration.ofSeconds(30)).until(() -> !liveVersion("taobao").equals(before));

        given().header("Authorization", ADMIN).post("/api/v1/receipts/" + receiptId + "/replay").then().statusCode(200)
                .body("state", equalTo("MAPPED"));
        given().header("Authorization", ADMIN).post("/api/v1/receipts/" + receiptId + "/replay").then().statusCode(409)
                .body("error", equalTo("not_parked"));
        given().header("Authorization", ADMIN).queryParam("channel", "taobao")
                .queryParam("from", Instant.now().minus(Duration.ofHours(1)).toString())
                .post("/api/v1/receipts/replay").then().statusCode(200)
                .body("outcomes.MAPPED", greaterThanOrEqualTo(1));
        assertThat(settled(receiptId2).getString("state")).isEqualTo("MAPPED");
    }

    @Test
    void aBadMappingFileIsRefusedAndThePreviousVersionKeepsServing() throws Exception {
        Path file = Path.of(mappingDir, "channels", "tmall.jsonata");
        String good = Files.readString(file);
        String live = liveVersion("tmall");
        try {
            Files.writeString(file, good + "\n(((");
            await().atMost(Duration.ofSeconds(30)).until(() -> refusal("tmall") != null);
            assertThat(refusal("tmall")).startsWith("compile:");
            assertThat(liveVersion("tmall")).isEqualTo(live);

            // compiles, but changes what the golden cases expect: refused as well
            Files.writeString(file, good.replace("\"platformStatus\": $t.status", "\"platformStatus\": \"X\""));
            await().atMost(Duration.ofSeconds(30)).until(() -> String.valueOf(refusal("tmall")).startsWith("golden:"));
            assertThat(liveVersion("tmall")).isEqualTo(live);

            String receiptId = post("tmall", taobao(freshTid(), "WAIT_SELLER_SEND_GOODS", "2026-11-11 08:00:00"));
            assertThat(settled(receiptId).getString("state")).isEqualTo("MAPPED");
        } finally {
            Files.writeString(file, good);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> refusal("tmall") == null);
    }

    @Test
    void rollbackRestoresTheEarlierVersionUntilTheFilesChangeAgain() throws Exception {
        Path table = Path.of(mappingDir, "status", "jd.yaml");
        String original = liveVersion("jd");
        Files.writeString(table, Files.readString(table) + "\n# reviewed 2026-11-30\n");
        await().atMost(Duration.ofSeconds(30)).until(() -> !liveVersion("jd").equals(original));
        String changed = liveVersion("jd");

        given().post("/api/v1/admin/mappings/jd/rollback").then().statusCode(401);
        given().header("Authorization", ADMIN).post("/api/v1/admin/mappings/jd/rollback").then().statusCode(200)
                .body("version", equalTo(original)).body("previous", equalTo(changed));
        assertThat(liveVersion("jd")).isEqualTo(original);
        given().header("Authorization", ADMIN).queryParam("version", "jd@00000000")
                .post("/api/v1/admin/mappings/jd/rollback").then().statusCode(404)
                .body("error", equalTo("version_not_found"));
        // the watcher does not undo the rollback while the files stay as they are
        String receiptId = post("jd", "{\"_rollback_test\":\"" + freshTid() + "\","
                + Fixtures.text("jd__pop_order_orderInfo_captured.json").trim().substring(1));
        settled(receiptId);
        assertThat(liveVersion("jd")).isEqualTo(original);
        given().header("Authorization", ADMIN).queryParam("version", changed)
                .post("/api/v1/admin/mappings/jd/rollback").then().statusCode(200).body("version", equalTo(changed));
    }

    static String liveVersion(String channel) {
        return channelView(channel, "live");
    }

    static String refusal(String channel) {
        return channelView(channel, "refused");
    }

    static String channelView(String channel, String field) {
        return given().header("Authorization", ADMIN).get("/api/v1/admin/mappings").then().statusCode(200).extract()
                .jsonPath().getString("items.find { it.channel == '" + channel + "' }." + field);
    }
}
