package io.orderhub.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Alerts reach DingTalk, WeCom and a JSON webhook through the outbox: exact bodies, DingTalk's fresh signature, one
 * message per alert episode (a repeat of an open alert is not sent, a re-raise after acknowledgement is), and a sink
 * that is down or refusing is retried until it takes the message.
 */
@QuarkusTest
@TestProfile(AlertSinksProfile.class)
class AlertSinksFlowTest {

    static final String ADMIN = "Bearer orderhub-demo-admin-token";

    @Inject
    AlertStore alerts;
    @Inject
    WebhookReceivers receivers;
    @Inject
    DataSource dataSource;

    static String unique(String what) {
        return what + " " + UUID.randomUUID();
    }

    /** (state, attempts) of an alert's deliveries, one per episode and sink. */
    List<String[]> deliveries(UUID alertId) throws Exception {
        List<String[]> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT system, state, attempts FROM outbox_command"
                        + " WHERE idempotency_key LIKE ? ORDER BY created_at")) {
            ps.setString(1, "alert:" + alertId + ":%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new String[]{rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
        }
        return rows;
    }

    boolean allSent(UUID alertId) throws Exception {
        List<String[]> d = deliveries(alertId);
        return !d.isEmpty() && d.stream().allMatch(r -> "SENT".equals(r[1]));
    }

    @Test
    void dingTalkGetsSignedMarkdownOncePerEpisode() throws Exception {
        String subject = unique("carrier silent");
        long before = System.currentTimeMillis();
        UUID id = alerts.raise("TEST_DING", "test-ding:" + subject, "WARNING", subject, Map.of("waybillNo", "SF1"));
        await().atMost(Duration.ofSeconds(20)).until(() -> allSent(id));
        List<WebhookReceivers.Received> got = receivers.received("ding", subject);
        assertThat(got).hasSize(1);
        WebhookReceivers.Received r = got.get(0);
        assertThat(r.body().fieldNames()).toIterable().containsExactly("msgtype", "markdown");
        assertThat(r.body().path("markdown").path("title").asText()).isEqualTo("OrderHub WARNING TEST_DING");
        assertThat(r.body().path("markdown").path("text").asText()).startsWith("### OrderHub WARNING TEST_DING\n\n**"
                + subject + "**\n\n- waybillNo: SF1\n");
        assertThat(r.query()).containsEntry("access_token", "test-ding-token");
        long ts = Long.parseLong(r.query().get("timestamp"));
        assertThat(ts).isBetween(before, System.currentTimeMillis());
        // recomputed here (javax.crypto directly), compared with what DingTalk would decode from the URL
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(AlertSinksProfile.DING_SECRET.getBytes("UTF-8"), "HmacSHA256"));
        String expected = java.util.Base64.getEncoder()
                .encodeToString(mac.doFinal((ts + "\n" + AlertSinksProfile.DING_SECRET).getBytes("UTF-8")));
        assertThat(r.query().get("sign")).isEqualTo(expected);

        // a repeat while open: counted, not sent
        assertThat(alerts.raise("TEST_DING", "test-ding:" + subject, "WARNING", subject, Map.of("waybillNo", "SF1")))
                .isEqualTo(id);
        assertThat(deliveries(id)).hasSize(1);
        // acknowledged, then raised again: a new episode, sent again
        given().header("Authorization", ADMIN).post("/api/v1/alerts/" + id + "/ack?by=ops-li").then().statusCode(200);
        alerts.raise("TEST_DING", "test-ding:" + subject, "WARNING", subject, Map.of("waybillNo", "SF1"));
        assertThat(deliveries(id)).hasSize(2);
        await().atMost(Duration.ofSeconds(20)).until(() -> allSent(id));
        assertThat(receivers.received("ding", subject)).hasSize(2);
    }

    @Test
    void weComIsRetriedThroughOutageAndRefusalThenDelivered() throws Exception {
        String subject = unique("status conflict");
        receivers.fail("cs", 1, 2);
        UUID id = alerts.raise("STATUS_CONFLICT", "test-conflict:" + subject, "WARNING", subject, Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> allSent(id));
        assertThat(deliveries(id)).hasSize(1);
        assertThat(deliveries(id).get(0)).containsExactly("alert-cs", "SENT", "4");
        List<WebhookReceivers.Received> got = receivers.received("cs", subject);
        assertThat(got).hasSize(4);
        JsonNode body = got.get(3).body();
        assertThat(body.fieldNames()).toIterable().containsExactly("msgtype", "markdown");
        assertThat(body.path("markdown").fieldNames()).toIterable().containsExactly("content");
        assertThat(body.path("markdown").path("content").asText()).contains("OrderHub WARNING STATUS_CONFLICT",
                subject);
        assertThat(got.get(3).query()).containsEntry("key", "test-wecom-key").doesNotContainKey("sign");
        // the DingTalk sink does not take STATUS_CONFLICT
        assertThat(receivers.received("ding", subject)).isEmpty();
    }

    @Test
    void genericWebhookGetsTheAlertAsJsonFromItsSeverityOn() throws Exception {
        String warning = unique("hook warning");
        UUID quiet = alerts.raise("TEST_HOOK", "test-hook:" + warning, "WARNING", warning, Map.of());
        assertThat(deliveries(quiet)).isEmpty();
        String critical = unique("hook critical");
        UUID id = alerts.raise("TEST_HOOK", "test-hook:" + critical, "CRITICAL", critical, Map.of("shop", "demo"));
        await().atMost(Duration.ofSeconds(20)).until(() -> allSent(id));
        JsonNode body = receivers.received("hook", critical).get(0).body();
        assertThat(body.path("alertId").asText()).isEqualTo(id.toString());
        assertThat(body.path("kind").asText()).isEqualTo("TEST_HOOK");
        assertThat(body.path("severity").asText()).isEqualTo("CRITICAL");
        assertThat(body.path("subject").asText()).isEqualTo(critical);
        assertThat(body.path("detail").path("shop").asText()).isEqualTo("demo");
        assertThat(body.has("raisedAt")).isTrue();
    }

    @Test
    void theSinksApiShowsRoutingWithoutUrlsOrSecrets() {
        String json = given().header("Authorization", ADMIN).get("/api/v1/alerts/sinks").then().statusCode(200)
                .extract().asString();
        assertThat(json).contains("\"ding\"", "\"signed\":true", "customer-service").doesNotContain("test-ding-token",
                AlertSinksProfile.DING_SECRET, "test-wecom-key");
        given().get("/api/v1/alerts/sinks").then().statusCode(401);
    }
}
