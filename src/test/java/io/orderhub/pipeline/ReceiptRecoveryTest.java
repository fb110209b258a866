package io.orderhub.pipeline;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A receipt that reached the archive but never the in-memory queue — the window a crash between the commit and the
 * hand-off leaves — is found by the recovery sweep and processed.
 */
@QuarkusTest
class ReceiptRecoveryTest {

    @Inject
    DataSource dataSource;

    @Test
    void storedButNeverHandedOffIsProcessed() throws Exception {
        UUID receiptId = UUID.randomUUID();
        byte[] body = ("{\"recovered\":\"" + receiptId + "\"}").getBytes(StandardCharsets.UTF_8);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO raw_receipt (receipt_id, channel, shop_key, received_at, content_type, headers, body,"
                                + " body_sha256, body_size, auth_kind) VALUES (?, 'pos', 'demo-pos', now(),"
                                + " 'application/json', '{}'::jsonb, ?, ?, ?, 'token')")) {
            ps.setObject(1, receiptId);
            ps.setBytes(2, body);
            ps.setBytes(3, MessageDigest.getInstance("SHA-256").digest(body));
            ps.setInt(4, body.length);
            ps.executeUpdate();
        }
        given().get("/api/v1/receipts/" + receiptId).then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/v1/receipts/" + receiptId)
                .then().statusCode(200).body("state", equalTo("PARKED")).body("reason", notNullValue()));
    }
}
