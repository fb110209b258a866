package io.orderhub.rules;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The rules framework end to end: every mapped order is evaluated (READY or HELD) with its decisions recorded;
 * rule files reload only when they parse and validate, keep their versions and roll back by API.
 */
@QuarkusTest
class RulesFlowTest {

    static final String TOKEN = "Bearer orderhub-demo-token";
    static final String ADMIN = "Bearer orderhub-demo-admin-token";

    @ConfigProperty(name = "orderhub.rules.dir")
    String rulesDir;

    static String post(String channel, String body) {
        return given().contentType("application/json").header("Authorization", TOKEN)
                .body(body.getBytes(StandardCharsets.UTF_8)).post("/api/v1/intake/" + channel).then().statusCode(202)
                .extract().path("receiptId");
    }

    static JsonPath evaluatedOrder(String receiptId) {
        String hubOrderId = await().atMost(Duration.ofSeconds(30)).until(
                () -> given().get("/api/v1/receipts/" + receiptId).then().extract().jsonPath().getString("hubOrderId"),
                id -> id != null);
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> given().get("/api/v1/orders/" + hubOrderId).then().statusCode(200).extract().jsonPath(),
                o -> o.get("evaluation") != null);
    }

    static String taobao(long tid) throws Exception {
        return io.orderhub.support.Orders.taobao(tid, "WAIT_SELLER_SEND_GOODS", "2026-11-11 00:00:05");
    }

    @Test
    void aMappedOrderIsEvaluatedAndEveryDecisionIsRecorded() throws Exception {
        JsonPath order = evaluatedOrder(post("taobao", taobao(freshTid())));
        assertThat(order.getString("evaluation.state")).isIn("READY", "HELD");
        List<Map<String, Object>> decisions = order.getList("evaluation.decisions");
        assertThat(decisions).extracting(d -> d.get("rule")).contains("priority");
        assertThat(decisions).allSatisfy(d -> assertThat((String) d.get("version")).contains("@"));
        assertThat(order.getInt("evaluation.priority")).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void aRuleFileGoesLiveOnlyWhenValidKeepsItsVersionsAndRollsBack() throws Exception {
        Path file = Path.of(rulesDir, "priority.yaml");
        String original = Files.readString(file);
        String before = liveVersion("priority");
        try {
            Files.writeString(file, original + "\nnotAParameter: 1\n");
            await().atMost(Duration.ofSeconds(20)).until(() -> refused("priority") != null);
            assertThat(refused("priority")).contains("notAParameter");
            assertThat(liveVersion("priority")).isEqualTo(before);

            Files.writeString(file, original.replace("VIP: 3000", "VIP: 3500"));
            await().atMost(Duration.ofSeconds(20)).until(() -> !before.equals(liveVersion("priority")));
            String changed = liveVersion("priority");
            assertThat(refused("priority")).isNull();

            JsonPath back = given().header("Authorization", ADMIN).post("/api/v1/admin/rules/priority/rollback")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(back.getString("version")).isEqualTo(before);
            assertThat(back.getString("previous")).isEqualTo(changed);
            assertThat(liveVersion("priority")).isEqualTo(before);
            given().header("Authorization", ADMIN).post("/api/v1/admin/rules/nope/rollback").then().statusCode(404);
        } finally {
            Files.writeString(file, original);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> before.equals(liveVersion("priority")));
    }

    @Test
    void reevaluationAndTheReviewPoolAreForAdminsOnly() {
        given().post("/api/v1/admin/rules/reevaluate").then().statusCode(401);
        given().get("/api/v1/review").then().statusCode(401);
        JsonPath r = given().header("Authorization", ADMIN).post("/api/v1/admin/rules/reevaluate?state=READY&limit=5")
                .then().statusCode(200).extract().jsonPath();
        assertThat(r.getInt("reevaluated")).isBetween(0, 5);
        given().header("Authorization", ADMIN).get("/api/v1/review?state=NOPE").then().statusCode(400);
        given().header("Authorization", ADMIN).contentType("application/json").body("{\"by\":\"ops\"}")
                .post("/api/v1/review/00000000-0000-0000-0000-000000000000/approve").then().statusCode(404);
    }

    static long freshTid() {
        return java.util.concurrent.ThreadLocalRandom.current().nextLong(1_000_000_000_000L, 9_000_000_000_000L);
    }

    static String liveVersion(String rule) {
        return rule(rule).getString("live");
    }

    static String refused(String rule) {
        return rule(rule).getString("refused");
    }

    static JsonPath rule(String rule) {
        JsonPath all = given().header("Authorization", ADMIN).get("/api/v1/admin/rules").then().statusCode(200)
                .extract().jsonPath();
        return new JsonPath(all.prettify()).setRootPath("items.find { it.ruleId == '" + rule + "' }");
    }
}
