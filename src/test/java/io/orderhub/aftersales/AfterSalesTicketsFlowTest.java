package io.orderhub.aftersales;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.alert.AlertSinksProfile;
import io.orderhub.alert.WebhookReceivers;
import io.orderhub.status.StatusChange;
import io.orderhub.support.Orders;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * After-sales tickets end to end: opened by API and scored, queued P0 first then oldest, claimed and resolved by
 * people; a P0 ticket alerts customer service without the buyer's words; the status reaction opens one ticket per
 * after-sales episode from the order's buyer remark, inside the caller's transaction; the keyword lists hot-reload.
 */
@QuarkusTest
@TestProfile(AlertSinksProfile.class)
class AfterSalesTicketsFlowTest {

    static final String ADMIN = "Bearer orderhub-demo-admin-token";
    static final String TOKEN = "Bearer orderhub-demo-token";
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AfterSalesTicketReaction reaction;
    @Inject
    DataSource dataSource;
    @Inject
    WebhookReceivers receivers;
    @Inject
    UrgencyScorer scorer;
    @ConfigProperty(name = "orderhub.rules.dir")
    String rulesDir;

    static JsonPath open(String platformOrderId, String text) {
        return given().header("Authorization", ADMIN).contentType("application/json")
                .body("{\"channel\":\"taobao\",\"platformOrderId\":\"" + platformOrderId + "\",\"text\":\"" + text
                        + "\",\"source\":\"wangwang\"}")
                .post("/api/v1/aftersales/tickets").then().statusCode(201).extract().jsonPath();
    }

    @Test
    void ticketsAreScoredQueuedClaimedAndResolvedByPeople() {
        String po = "AS-" + UUID.randomUUID();
        JsonPath p3 = open(po, "包装很好，就是想问下赠品");
        JsonPath p1 = open(po, "杯子破损了，要退货");
        JsonPath p0 = open(po, "你们是骗子！已经打了１２３１５投诉，联系我13812345678");
        assertThat(p0.getString("urgency")).isEqualTo("P0");
        assertThat(p0.getList("matchedKeywords")).contains("骗子", "12315", "投诉");
        assertThat(p0.getString("source")).isEqualTo("api:wangwang");
        assertThat(p0.getString("hubOrderId")).isNull();
        assertThat(p1.getString("urgency")).isEqualTo("P1");
        assertThat(p3.getString("urgency")).isEqualTo("P3");

        List<String> queue = given().header("Authorization", ADMIN).get("/api/v1/aftersales/tickets?state=OPEN")
                .then().statusCode(200).extract().jsonPath()
                .getList("items.findAll { it.platformOrderId == '" + po + "' }.ticketId");
        assertThat(queue).containsExactly(p0.getString("ticketId"), p1.getString("ticketId"),
                p3.getString("ticketId"));

        String id = p0.getString("ticketId");
        given().header("Authorization", ADMIN).contentType("application/json").body("{\"assignee\":\"cs-wang\"}")
                .post("/api/v1/aftersales/tickets/" + id + "/claim").then().statusCode(200)
                .body("state", org.hamcrest.Matchers.equalTo("CLAIMED"))
                .body("assignee", org.hamcrest.Matchers.equalTo("cs-wang"));
        given().header("Authorization", ADMIN).contentType("application/json").body("{\"assignee\":\"cs-zhao\"}")
                .post("/api/v1/aftersales/tickets/" + id + "/claim").then().statusCode(409);
        given().header("Authorization", ADMIN).contentType("application/json")
                .body("{\"note\":\"called the buyer, refund approved on the platform\"}")
                .post("/api/v1/aftersales/tickets/" + id + "/resolve").then().statusCode(200)
                .body("state", org.hamcrest.Matchers.equalTo("RESOLVED"));
        given().header("Authorization", ADMIN).contentType("application/json").body("{\"note\":\"again\"}")
                .post("/api/v1/aftersales/tickets/" + id + "/resolve").then().statusCode(409);
        given().header("Authorization", ADMIN).contentType("application/json").body("{\"note\":\"x\"}")
                .post("/api/v1/aftersales/tickets/" + UUID.randomUUID() + "/resolve").then().statusCode(404);
        given().header("Authorization", ADMIN).contentType("application/json").body("{\"text\":\"投诉\"}")
                .post("/api/v1/aftersales/tickets").then().statusCode(400);
        given().header("Authorization", ADMIN).contentType("application/json")
                .body("{\"channel\":\"taobao\",\"platformOrderId\":\"" + po + "\",\"text\":\"" + "退".repeat(20_001)
                        + "\"}")
                .post("/api/v1/aftersales/tickets").then().statusCode(400);
        given().header("Authorization", ADMIN).contentType("application/json")
                .body("{\"hubOrderId\":\"" + UUID.randomUUID() + "\",\"text\":\"退款\"}")
                .post("/api/v1/aftersales/tickets").then().statusCode(404);
        given().contentType("application/json").body("{}").post("/api/v1/aftersales/tickets").then().statusCode(401);
        given().header("Authorization", ADMIN).get("/api/v1/aftersales/tickets?state=DONE").then().statusCode(400);

        // P0: customer service hears of it, without the buyer's words (a phone number among them)
        await().atMost(Duration.ofSeconds(20)).until(() -> !receivers.received("cs", id).isEmpty());
        String sent = receivers.received("cs", id).get(0).body().toString();
        assertThat(sent).contains("AFTERSALES_P0", po, "骗子").doesNotContain("13812345678", "联系我");
        assertThat(receivers.received("cs", p1.getString("ticketId"))).isEmpty();
    }

    @Test
    void aRefundRequestOpensOneTicketPerEpisodeFromTheBuyerRemark() throws Exception {
        UUID order = order("东西坏了，不给退款我就投诉");
        Instant t1 = Instant.parse("2026-11-12T01:00:00Z");
        // rolled back with its caller: nothing stays
        react(order, "NONE", "REFUND_REQUESTED", t1, false);
        assertThat(tickets(order)).isEmpty();

        react(order, null, "REFUND_REQUESTED", t1, true); // the order's first status already asks for a refund
        react(order, "NONE", "REFUND_REQUESTED", t1, true); // the same event again
        react(order, "REFUND_REQUESTED", "RETURN_REQUESTED", t1.plusSeconds(60), true); // same episode
        react(order, "RETURN_REQUESTED", "RETURNED", t1.plusSeconds(120), true);
        assertThat(tickets(order)).containsExactly("P0|status:REFUND_REQUESTED|[\"投诉\", \"退款\", \"坏了\"]");
        react(order, "RETURNED", "RETURN_REQUESTED", t1.plusSeconds(3600), true); // a new episode
        assertThat(tickets(order)).hasSize(2).last().asString().startsWith("P0|status:RETURN_REQUESTED");
        JsonPath alerts = given().header("Authorization", ADMIN).queryParam("kind", "AFTERSALES_P0")
                .get("/api/v1/alerts").then().statusCode(200).extract().jsonPath();
        assertThat(alerts.getList("items.detail.hubOrderId", String.class)).contains(order.toString());
    }

    @Test
    void keywordListsHotReload() throws Exception {
        assertThat(scorer.score("要去黑猫平台说道说道").urgency()).isEqualTo("P3");
        Path file = Path.of(rulesDir, "aftersales-urgency.yaml");
        String yaml = Files.readString(file);
        try {
            Files.writeString(file, yaml.replace("[\"投诉\",", "[\"黑猫\", \"投诉\","));
            await().atMost(Duration.ofSeconds(20)).until(() -> scorer.score("要去黑猫平台说道说道").urgency(),
                    "P0"::equals);
        } finally {
            Files.writeString(file, yaml);
            await().atMost(Duration.ofSeconds(20)).until(() -> scorer.score("要去黑猫平台说道说道").urgency(),
                    "P3"::equals);
        }
    }

    void react(UUID order, String before, String after, Instant at, boolean commit) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            reaction.onChange(c, new StatusChange(order, "PAID", "PAID", "platform", before, after, "platform",
                    "taobao", null, null, at));
            if (commit) {
                c.commit();
            } else {
                c.rollback();
            }
        }
    }

    List<String> tickets(UUID order) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT urgency || '|' || source || '|' || "
                        + "matched_keywords::text FROM aftersales_ticket WHERE hub_order_id = ? ORDER BY created_at")) {
            ps.setObject(1, order);
            List<String> out = new java.util.ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    /** An order through the real intake whose buyer left a remark (taobao buyer_message → remarks.buyer). */
    static UUID order(String remark) throws Exception {
        long tid = ThreadLocalRandom.current().nextLong(1_000_000_000_000L, 9_000_000_000_000L);
        ObjectNode root = (ObjectNode) JSON.readTree(Orders.taobao(tid, "WAIT_SELLER_SEND_GOODS",
                "2026-11-11 00:00:05", "aftersales-" + tid));
        ((ObjectNode) root.path("trade_fullinfo_get_response").path("trade")).put("buyer_message", remark);
        String receipt = given().contentType("application/json").header("Authorization", TOKEN)
                .body(JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8)).post("/api/v1/intake/taobao")
                .then().statusCode(202).extract().path("receiptId");
        String id = await().atMost(Duration.ofSeconds(30)).until(
                () -> given().get("/api/v1/receipts/" + receipt).then().extract().jsonPath().getString("hubOrderId"),
                h -> h != null);
        return UUID.fromString(id);
    }
}
