package io.orderhub.writeback;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.orderhub.connector.sandbox.SandboxGenerator;
import io.orderhub.connector.sandbox.SandboxShipment;
import io.orderhub.connector.sandbox.SandboxState;
import io.orderhub.status.StatusChange;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Write-back against the sandbox WeChat Channels platform over real HTTP: orders captured by the real intake (thin
 * push, fetched in full), a waybill row as the carrier command leaves it, the reaction called as the status backbone
 * calls it; then the dispatcher and the platform transport carry the ship call.
 */
@QuarkusTest
class WritebackFlowTest {

    static final String ADMIN = "Bearer orderhub-demo-admin-token";
    static final String SHOP = "test-wechat";

    @Inject
    SandboxGenerator generator;
    @Inject
    SandboxState sandbox;
    @Inject
    WritebackReaction reaction;
    @Inject
    DataSource dataSource;

    record Order(UUID hubOrderId, String platformOrderId) {
    }

    @AfterEach
    void noFaults() {
        sandbox.shipFault(null);
    }

    @Test
    void aShippedOrderIsWrittenBackOnceAndThePlatformShowsTheWaybill() throws Exception {
        Order o = captured();
        alone(o);
        String waybill = waybill(o, 0, "SF");

        react(o, waybill, "SF");
        await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(writeback(o, waybill)[0]));
        assertThat(sandbox.shipments(SHOP, o.platformOrderId())).extracting(SandboxShipment::waybillNo,
                SandboxShipment::carrierCode).contains(org.assertj.core.groups.Tuple.tuple(waybill, "SF"));
        JsonPath shown = given().queryParam("shop", SHOP).queryParam("order", o.platformOrderId())
                .get("/sandbox/control/shipments").then().statusCode(200).extract().jsonPath();
        assertThat(shown.getList("shipments.waybillNo", String.class)).contains(waybill);

        // the same change again (a duplicate event) plans nothing new
        int planned = writebacks(o);
        react(o, waybill, "SF");
        assertThat(writebacks(o)).isEqualTo(planned);
    }

    @Test
    void rejectionsLandInTheFailedStoreWithTheirClassAndReDriveAfterTheFix() throws Exception {
        Order wrongCarrier = captured();
        Order expired = captured();
        Order unknownCarrier = captured();
        alone(wrongCarrier);
        alone(expired);
        alone(unknownCarrier);

        sandbox.shipFault("WRONG_CARRIER_CODE");
        String w1 = waybill(wrongCarrier, 0, "ZTO");
        react(wrongCarrier, w1, "ZTO");
        await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(writeback(wrongCarrier, w1)[0]));
        assertThat(writeback(wrongCarrier, w1)[1]).isEqualTo("WRONG_CARRIER_CODE");

        sandbox.shipFault("AUTH_EXPIRED");
        String w2 = waybill(expired, 0, "YTO");
        react(expired, w2, "YTO");
        await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(writeback(expired, w2)[0]));
        assertThat(writeback(expired, w2)[1]).isEqualTo("AUTH_EXPIRED");

        // a carrier the carrier table has no code for is never guessed: rejected before any call
        String w3 = waybill(unknownCarrier, 0, "DBL");
        react(unknownCarrier, w3, "DBL");
        await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(writeback(unknownCarrier, w3)[0]));
        assertThat(writeback(unknownCarrier, w3)[1]).isEqualTo("WRONG_CARRIER_CODE");
        assertThat(sandbox.shipments(SHOP, unknownCarrier.platformOrderId())).extracting(SandboxShipment::waybillNo)
                .doesNotContain(w3);

        JsonPath failed = given().header("Authorization", ADMIN)
                .get("/api/v1/admin/commands?state=FAILED&system=platform-writeback").then().statusCode(200)
                .extract().jsonPath();
        assertThat(failed.getList("items.errorClass", String.class)).contains("WRONG_CARRIER_CODE", "AUTH_EXPIRED");

        sandbox.shipFault(null); // the platform's side is fixed (carrier enabled, shop re-authorised)
        redrive(wrongCarrier, w1);
        redrive(expired, w2);
        await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(writeback(wrongCarrier, w1)[0])
                && "SENT".equals(writeback(expired, w2)[0]));
        assertThat(sandbox.shipments(SHOP, expired.platformOrderId())).extracting(SandboxShipment::waybillNo)
                .contains(w2);
    }

    @Test
    void aMergedShipmentWritesBackEveryPlatformOrderOfTheGroupWithItsOwnIds() throws Exception {
        Order master = captured();
        Order member = captured();
        group(master, member);
        String waybill = waybill(master, 0, "STO"); // one parcel for the whole group, on the master's carrier command

        react(master, waybill, "STO");
        await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(writeback(master, waybill)[0])
                && "SENT".equals(writeback(member, waybill)[0]));
        assertThat(sandbox.shipments(SHOP, master.platformOrderId())).extracting(SandboxShipment::waybillNo)
                .contains(waybill);
        assertThat(sandbox.shipments(SHOP, member.platformOrderId())).extracting(SandboxShipment::waybillNo)
                .contains(waybill);

        // the member's own SHIPPED change (same parcel) finds its command already planned
        int planned = writebacks(member);
        react(member, waybill, "STO");
        assertThat(writebacks(member)).isEqualTo(planned);
    }

    @Test
    void theDailyCheckReSendsWhatThePlatformLost() throws Exception {
        Order kept = captured();
        Order lost = captured();
        alone(kept);
        alone(lost);
        String w1 = waybill(kept, 0, "EMS");
        String w2 = waybill(lost, 0, "YUNDA");
        react(kept, w1, "EMS");
        react(lost, w2, "YUNDA");
        await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(writeback(kept, w1)[0])
                && "SENT".equals(writeback(lost, w2)[0]));
        assertThat(sandbox.forgetShipments(SHOP, lost.platformOrderId())).isEqualTo(1);

        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        JsonPath run = given().header("Authorization", ADMIN).queryParam("day", today)
                .post("/api/v1/admin/connectors/" + SHOP + "/writeback-check").then().statusCode(200).extract()
                .jsonPath();
        assertThat(run.getString("state")).isEqualTo("RESENT");
        assertThat(run.getList("differences.platformOrderId", String.class)).containsExactly(lost.platformOrderId());
        assertThat(run.getList("differences.platformShows", String.class)).containsExactly("NOT_SHIPPED");
        assertThat(run.getInt("matched")).isGreaterThanOrEqualTo(1);

        await().atMost(Duration.ofSeconds(30)).until(() -> sandbox.shipments(SHOP, lost.platformOrderId()).stream()
                .anyMatch(s -> s.waybillNo().equals(w2)));
        assertThat(count("SELECT count(*) FROM outbox_command WHERE hub_order_id = ? AND idempotency_key LIKE ?",
                lost.hubOrderId(), "%:" + w2 + ":resend:" + today)).isEqualTo(1);
        // the kept parcel was not sent again: the sandbox would have answered "already shipped", nothing planned
        assertThat(count("SELECT count(*) FROM outbox_command WHERE hub_order_id = ? AND idempotency_key LIKE ?",
                kept.hubOrderId(), "%:resend:%")).isZero();

        JsonPath again = given().header("Authorization", ADMIN).queryParam("day", today)
                .post("/api/v1/admin/connectors/" + SHOP + "/writeback-check").then().statusCode(200).extract()
                .jsonPath();
        assertThat(again.getString("state")).isEqualTo("MATCHED");
        JsonPath record = given().header("Authorization", ADMIN).queryParam("shop", SHOP)
                .get("/api/v1/admin/writeback-checks").then().statusCode(200).extract().jsonPath();
        assertThat(record.getString("items[0].state")).isEqualTo("MATCHED");
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    /** A new sandbox order, pushed thin and fetched in full by the real intake. */
    Order captured() {
        String id = generator.generate(SHOP, 1, Instant.now(), Duration.ZERO, true).orderIds().get(0);
        UUID hub = await().atMost(Duration.ofSeconds(30)).until(() -> hubOrderId(id), h -> h != null);
        // evaluated first, so the rules' own facts are in place before the test names the order's group
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM order_evaluation WHERE hub_order_id = ?", hub) == 1);
        return new Order(hub, id);
    }

    UUID hubOrderId(String platformOrderId) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT hub_order_id FROM hub_order WHERE channel = 'wechat_channels' AND platform_order_id = ?")) {
            ps.setString(1, platformOrderId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1, UUID.class) : null;
            }
        }
    }

    /** The shipmentGroup fact as the merge rule writes it (the sandbox's orders share one receiver). */
    void group(Order... orders) throws Exception {
        StringBuilder members = new StringBuilder("[");
        for (Order o : orders) {
            members.append(members.length() > 1 ? "," : "").append("{\"hubOrderId\":\"").append(o.hubOrderId())
                    .append("\",\"channel\":\"wechat_channels\",\"shopId\":\"").append(SHOP)
                    .append("\",\"platformOrderId\":\"").append(o.platformOrderId()).append("\"}");
        }
        String fact = "{\"groupId\":\"" + UUID.randomUUID() + "\",\"members\":" + members + "]}";
        for (Order o : orders) {
            update("""
                    UPDATE order_evaluation SET facts = facts || jsonb_build_object('shipmentGroup', ?::jsonb)
                     WHERE hub_order_id = ?""", fact, o.hubOrderId());
        }
    }

    void alone(Order o) throws Exception {
        group(o);
    }

    /** A waybill as the dispatcher records it from a carrier answer: tied to a sent carrier command. */
    String waybill(Order o, int shipment, String carrier) throws Exception {
        String no = carrier + (System.nanoTime() % 1_000_000_000_000L);
        UUID command = UUID.randomUUID();
        update("""
                INSERT INTO outbox_command (command_id, idempotency_key, hub_order_id, order_version, system,
                       command_type, priority, payload, state, next_attempt_at, created_at, sent_at, updated_at)
                VALUES (?, ?, ?, 1, 'carrier', 'CARRIER_WAYBILL', 0,
                        jsonb_build_object('param_waybill_cloud_print_apply_new_request',
                                           jsonb_build_object('cp_code', ?::text)),
                        'SENT', now(), now(), now(), now())""",
                command, "test-carrier:" + command, o.hubOrderId(), carrier);
        update("""
                INSERT INTO waybill (waybill_no, hub_order_id, shipment_index, command_id, lines, created_at)
                SELECT ?, ?, ?, ?, order_json->'lines', now() FROM hub_order WHERE hub_order_id = ?""",
                no, o.hubOrderId(), shipment, command, o.hubOrderId());
        return no;
    }

    /** What the status backbone does: the reaction inside the transaction that stored the change. */
    void react(Order o, String waybill, String carrier) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            reaction.onChange(c, new StatusChange(o.hubOrderId(), "ALLOCATED", "SHIPPED", "carrier", "NONE", "NONE",
                    "carrier", "sandbox-carrier", waybill, carrier, Instant.now()));
            c.commit();
        }
    }

    /** (state, error class) of the order's write-back of that waybill. */
    String[] writeback(Order o, String waybill) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT state, error_class FROM outbox_command
                 WHERE hub_order_id = ? AND system = 'platform-writeback' AND idempotency_key LIKE ?""")) {
            ps.setObject(1, o.hubOrderId());
            ps.setString(2, "%:SHIP:%:" + waybill);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new String[]{rs.getString(1), rs.getString(2)} : new String[]{null, null};
            }
        }
    }

    void redrive(Order o, String waybill) throws Exception {
        String id;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT command_id::text FROM outbox_command
                 WHERE hub_order_id = ? AND system = 'platform-writeback' AND idempotency_key LIKE ?""")) {
            ps.setObject(1, o.hubOrderId());
            ps.setString(2, "%:SHIP:%:" + waybill);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getString(1);
            }
        }
        given().header("Authorization", ADMIN).post("/api/v1/admin/commands/" + id + "/redrive").then()
                .statusCode(200);
    }

    int count(String sql, Object... params) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    void update(String sql, Object... params) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    int writebacks(Order o) throws Exception {
        return count("SELECT count(*) FROM outbox_command WHERE hub_order_id = ? AND system = 'platform-writeback'",
                o.hubOrderId());
    }
}
