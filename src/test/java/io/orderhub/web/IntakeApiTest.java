package io.orderhub.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.orderhub.support.Fixtures;
import io.orderhub.support.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The intake contract of API.md over real HTTP against the real store: every error code, each push signature
 * scheme with a genuine and a tampered request, duplicates, durability of what was acknowledged.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class IntakeApiTest {

    static final String DEMO_TOKEN = "Bearer orderhub-demo-token";
    static final String TAOBAO = "taobao__trade_fullinfo_get_response_jdp_rds_captured.json";

    @Inject
    DataSource dataSource;

    /** A real payload made unique per call, so each test writes new rows even against a shared external store. */
    static String unique(String fixture) {
        return "{\"_test\":\"" + UUID.randomUUID() + "\"," + Fixtures.text(fixture).trim().substring(1);
    }

    static Response post(String channel, String body, String contentType, String authorization) {
        var spec = given().contentType(contentType).body(body.getBytes(StandardCharsets.UTF_8));
        if (authorization != null) {
            spec = spec.header("Authorization", authorization);
        }
        return spec.when().post("/api/v1/intake/" + channel);
    }

    @Test
    void acceptsAndStoresTheBytesAsReceivedBeforeAnswering() throws Exception {
        String body = unique(TAOBAO);
        String receiptId = post("taobao", body, "application/json", DEMO_TOKEN).then().statusCode(202)
                .body("duplicate", is(false)).body("receiptId", notNullValue()).extract().path("receiptId");

        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT channel, shop_key, body, body_sha256, content_type,"
                        + " headers::text, auth_kind, body_size FROM raw_receipt WHERE receipt_id = ?")) {
            ps.setObject(1, UUID.fromString(receiptId));
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("archived before the 202").isTrue();
                byte[] stored = rs.getBytes("body");
                assertThat(stored).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
                assertThat(rs.getBytes("body_sha256")).isEqualTo(MessageDigest.getInstance("SHA-256").digest(stored));
                assertThat(rs.getString("channel")).isEqualTo("taobao");
                assertThat(rs.getString("shop_key")).isEqualTo("demo-taobao");
                assertThat(rs.getString("content_type")).startsWith("application/json");
                assertThat(rs.getString("auth_kind")).isEqualTo("token");
                assertThat(rs.getInt("body_size")).isEqualTo(stored.length);
                assertThat(rs.getString(6)).doesNotContainIgnoringCase("authorization")
                        .doesNotContain("orderhub-demo-token");
            }
        }
    }

    @Test
    void aFormBodyIsArchivedAsTheBytesReceived() throws Exception {
        // relays and some platforms post url-encoded forms; the archive must keep exactly what was sent
        String body = "msg=" + java.net.URLEncoder.encode("{\"tid\":" + System.nanoTime() + "}",
                java.nio.charset.StandardCharsets.UTF_8) + "&kind=order&sign=AB%2BCD";
        String receiptId = given().contentType("application/x-www-form-urlencoded").header("Authorization", DEMO_TOKEN)
                .body(body).post("/api/v1/intake/taobao").then().statusCode(202).extract().path("receiptId");
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT body FROM raw_receipt WHERE receipt_id = ?")) {
            ps.setObject(1, UUID.fromString(receiptId));
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(new String(rs.getBytes(1), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(body);
            }
        }
    }

    @Test
    void receiptIsProcessedOnceAndVisibleThroughTheApi() {
        String receiptId = post("jd", unique("jd__pop_order_orderInfo_captured.json"), "application/json", DEMO_TOKEN)
                .then().statusCode(202).extract().path("receiptId");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/v1/receipts/" + receiptId)
                .then().statusCode(200).body("channel", equalTo("jd"))
                .body("state", org.hamcrest.Matchers.not(equalTo("ACCEPTED"))));
        assertThat(count("SELECT count(*) FROM receipt_state WHERE receipt_id = '" + receiptId + "'")).isEqualTo(1);
    }

    @Test
    void duplicateDeliveryAnswersTheFirstReceiptAndIsNotStoredAgain() {
        String body = unique(TAOBAO);
        String first = post("taobao", body, "application/json", DEMO_TOKEN).then().statusCode(202)
                .body("duplicate", is(false)).extract().path("receiptId");
        post("taobao", body, "application/json", DEMO_TOKEN).then().statusCode(202).body("duplicate", is(true))
                .body("receiptId", equalTo(first));
        // the same bytes on another channel are another order stream
        post("jd", body, "application/json", DEMO_TOKEN).then().statusCode(202).body("duplicate", is(false));
        assertThat(count("SELECT count(*) FROM raw_receipt WHERE receipt_id = '" + first + "'")).isEqualTo(1);
    }

    @Test
    void unknownChannelIs404() {
        post("amazon", unique(TAOBAO), "application/json", DEMO_TOKEN).then().statusCode(404)
                .body("error", equalTo("unknown_channel")).body("message", notNullValue());
    }

    @Test
    void missingOrWrongTokenIs401Unauthorized() {
        post("taobao", unique(TAOBAO), "application/json", null).then().statusCode(401)
                .body("error", equalTo("unauthorized"));
        post("taobao", unique(TAOBAO), "application/json", "Bearer not-a-token").then().statusCode(401)
                .body("error", equalTo("unauthorized"));
        // a valid token of another channel's shop does not open this channel
        post("taobao", unique(TAOBAO), "application/json", "Bearer orderhub-limited-token").then().statusCode(401)
                .body("error", equalTo("unauthorized"));
    }

    @Test
    void unsupportedMediaTypeIs415() {
        post("taobao", unique(TAOBAO), "application/pdf", DEMO_TOKEN).then().statusCode(415)
                .body("error", equalTo("unsupported_media_type"));
    }

    @Test
    void bodyOverTheLimitIs413AndNotArchived() {
        long before = count("SELECT count(*) FROM raw_receipt");
        char[] filler = new char[1024 * 1024];
        Arrays.fill(filler, 'x');
        String body = "{\"pad\":\"" + new String(filler) + "\"}";
        post("taobao", body, "application/json", DEMO_TOKEN).then().statusCode(413)
                .body("error", equalTo("payload_too_large"));
        assertThat(count("SELECT count(*) FROM raw_receipt WHERE body_size > 1048576")).isZero();
        assertThat(count("SELECT count(*) FROM raw_receipt")).isGreaterThanOrEqualTo(before);
    }

    @Test
    void malformedPayloadIs400() {
        post("taobao", "{\"trade\": {\"tid\": 1,", "application/json", DEMO_TOKEN).then().statusCode(400)
                .body("error", equalTo("malformed_payload"));
        post("pos", "<order><id>1</order>", "application/xml", DEMO_TOKEN).then().statusCode(400)
                .body("error", equalTo("malformed_payload"));
        // XML with a DTD is refused: no entity expansion on the intake path
        post("pos", "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>", "application/xml",
                DEMO_TOKEN).then().statusCode(400).body("error", equalTo("malformed_payload"));
    }

    @Test
    void rateLimitIs429WithRetryAfterAndSparesOtherShops() {
        Response last = null;
        for (int i = 0; i < 50; i++) {
            last = post("pos", "{\"n\":\"" + UUID.randomUUID() + "\"}", "application/json",
                    "Bearer orderhub-limited-token");
            if (last.statusCode() == 429) {
                break;
            }
            assertThat(last.statusCode()).isEqualTo(202);
        }
        assertThat(last.statusCode()).as("the 3/s shop is limited within 50 requests").isEqualTo(429);
        assertThat(last.jsonPath().getString("error")).isEqualTo("rate_limited");
        assertThat(Integer.parseInt(last.header("Retry-After"))).isPositive();
        // another shop on the same channel is unaffected
        post("pos", "{\"n\":\"" + UUID.randomUUID() + "\"}", "application/json", DEMO_TOKEN).then().statusCode(202);
    }

    @Test
    void douyinSignedPushIsAcceptedAndTamperedOneIs401() throws Exception {
        String body = Fixtures.text("douyin_doudian__push_TradePaid.json");
        String sign = md5Hex("demo-douyin-app-key" + body + "demo-douyin-app-secret");
        given().contentType("application/json").header("app-id", "demo-douyin-app-key").header("event-sign", sign)
                .body(body.getBytes(StandardCharsets.UTF_8)).post("/api/v1/intake/douyin").then().statusCode(202);
        given().contentType("application/json").header("app-id", "demo-douyin-app-key").header("event-sign", sign)
                .body(body.replace("\"order_status\": 2", "\"order_status\": 3").getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/intake/douyin").then().statusCode(401).body("error", equalTo("bad_signature"));
    }

    @Test
    void youzanSignedPushIsAcceptedAndTamperedOneIs401() throws Exception {
        String fixture = Fixtures.text("youzan__push_trade_TradeSuccess.json");
        JsonNode envelope = new ObjectMapper().readTree(fixture);
        String msg = envelope.get("msg").asText();
        String sign = md5Hex(envelope.get("client_id").asText() + msg + "test-youzan-client-secret");
        // the fixture's sign was made with the real shop's secret; re-sign it with the test shop's, bytes otherwise
        // as captured
        String signed = fixture.replace(envelope.get("sign").asText(), sign);
        given().contentType("application/json").body(signed.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/intake/youzan").then().statusCode(202);
        given().contentType("application/json").body(fixture.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/intake/youzan").then().statusCode(401).body("error", equalTo("bad_signature"));
        String tamperedMsg = signed.replace(msg, msg.replace("%22", "%27"));
        given().contentType("application/json").body(tamperedMsg.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/intake/youzan").then().statusCode(401).body("error", equalTo("bad_signature"));
    }

    @Test
    void wechatSignedEventIsAcceptedAndStaleOrTamperedIs401() throws Exception {
        String body = Fixtures.text("wechat_channels__event_channels_ec_order_pay.json");
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        String nonce = "1672463";
        String signature = sha1Sorted("demo-wechat-token", timestamp, nonce);
        given().contentType("application/json").queryParam("signature", signature)
                .queryParam("timestamp", timestamp).queryParam("nonce", nonce)
                .body(body.getBytes(StandardCharsets.UTF_8)).post("/api/v1/intake/wechat_channels").then()
                .statusCode(202);
        given().contentType("application/json").queryParam("signature", signature)
                .queryParam("timestamp", timestamp).queryParam("nonce", "other")
                .body(body.getBytes(StandardCharsets.UTF_8)).post("/api/v1/intake/wechat_channels").then()
                .statusCode(401).body("error", equalTo("bad_signature"));
        String stale = Long.toString(Instant.now().minus(Duration.ofHours(1)).getEpochSecond());
        given().contentType("application/json")
                .queryParam("signature", sha1Sorted("demo-wechat-token", stale, nonce)).queryParam("timestamp", stale)
                .queryParam("nonce", nonce).body(body.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/intake/wechat_channels").then().statusCode(401).body("error", equalTo("bad_signature"));
    }

    @Test
    void shopifySignedWebhookIsAcceptedAndTamperedOneIs401() throws Exception {
        byte[] body = Fixtures.bytes("shopify__webhook_orders_create_captured_devstore.json");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("demo-shopify-webhook-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String hmac = Base64.getEncoder().encodeToString(mac.doFinal(body));
        given().contentType("application/json").header("X-Shopify-Hmac-Sha256", hmac)
                .header("X-Shopify-Shop-Domain", "orderhub-demo.myshopify.com").body(body)
                .post("/api/v1/intake/shopify").then().statusCode(202);
        byte[] tampered = body.clone();
        tampered[tampered.length / 2] ^= 1;
        given().contentType("application/json").header("X-Shopify-Hmac-Sha256", hmac)
                .header("X-Shopify-Shop-Domain", "orderhub-demo.myshopify.com").body(tampered)
                .post("/api/v1/intake/shopify").then().statusCode(401).body("error", equalTo("bad_signature"));
    }

    @Test
    void unknownReceiptIs404() {
        given().get("/api/v1/receipts/" + UUID.randomUUID()).then().statusCode(404)
                .body("error", equalTo("receipt_not_found"));
        given().get("/api/v1/receipts/not-a-uuid").then().statusCode(404).body("error", equalTo("receipt_not_found"));
    }

    @Test
    void theArchiveIsAppendOnly() {
        post("taobao", unique(TAOBAO), "application/json", DEMO_TOKEN).then().statusCode(202);
        assertThatThrownBy(() -> execute("UPDATE raw_receipt SET channel = channel")).isInstanceOf(SQLException.class)
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> execute("DELETE FROM raw_receipt")).isInstanceOf(SQLException.class)
                .hasMessageContaining("append-only");
    }

    private long count(String sql) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.executeUpdate();
        }
    }

    static String md5Hex(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    static String sha1Sorted(String... parts) throws Exception {
        String[] sorted = parts.clone();
        Arrays.sort(sorted);
        return HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-1").digest(String.join("", sorted).getBytes(StandardCharsets.UTF_8)));
    }
}
