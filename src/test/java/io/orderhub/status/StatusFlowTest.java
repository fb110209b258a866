package io.orderhub.status;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.orderhub.support.Fixtures;
import io.orderhub.support.Orders;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * Status pushes from real carrier formats (the captured Kuaidi100 push, SF's documented route push) and the generic
 * ERP/WMS format, against orders taken in by the real intake: translation, the trust order, out-of-order, duplicate,
 * stale and illegal events, parked codes replayed after a table fix, conflicts with hints, silent carriers, and the
 * reactions told of each change.
 */
@QuarkusTest
class StatusFlowTest {

    static final String TOKEN = "Bearer orderhub-demo-token";
    static final String ADMIN = "Bearer orderhub-demo-admin-token";
    static final String WMS = "Bearer orderhub-sandbox-wms-token";
    static final String ERP = "Bearer orderhub-demo-erp-token";
    static final String SALT = "orderhub-sandbox-kuaidi100-salt";

    @Inject
    DataSource dataSource;
    @Inject
    StatusSweeps sweeps;
    @Inject
    RecordingReaction reactions;
    @ConfigProperty(name = "orderhub.mapping.dir")
    String mappingDir;

    /** A paid Taobao order through the real intake; returns its hub id. */
    static String paidOrder() throws Exception {
        long tid = ThreadLocalRandom.current().nextLong(1_000_000_000_000L, 9_000_000_000_000L);
        String receipt = given().contentType("application/json").header("Authorization", TOKEN)
                .body(Orders.taobao(tid, "WAIT_SELLER_SEND_GOODS", "2026-11-11 00:00:05", "status-" + tid)
                        .getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/intake/taobao").then().statusCode(202).extract().path("receiptId");
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> given().get("/api/v1/receipts/" + receipt).then().extract().jsonPath().getString("hubOrderId"),
                h -> h != null);
    }

    static JsonPath status(String id) {
        return given().get("/api/v1/orders/" + id + "/status").then().statusCode(200).extract().jsonPath();
    }

    static ValidatableResponse wms(String auth, String body) {
        return given().contentType("application/json").header("Authorization", auth).body(body)
                .post("/api/v1/status/wms/sandbox-wms").then();
    }

    static String event(String ref, String refValue, String code, Instant at) {
        return "{\"" + ref + "\":\"" + refValue + "\",\"status\":\"" + code + "\",\"time\":\"" + at + "\"}";
    }

    /** Registers a waybill of the carrier for an order, as the e-waybill answer would (one of its commands). */
    void waybill(String hubOrderId, String waybillNo) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            String commandId;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT command_id FROM outbox_command WHERE hub_order_id = ?::uuid LIMIT 1")) {
                ps.setString(1, hubOrderId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        commandId = rs.getString(1);
                    } else {
                        commandId = null;
                    }
                }
            }
            if (commandId == null) {
                commandId = java.util.UUID.randomUUID().toString();
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO outbox_command (command_id, idempotency_key, hub_order_id, order_version, system,
                               command_type, priority, payload, state, next_attempt_at, created_at, updated_at)
                        VALUES (?::uuid, ?, ?::uuid, 1, 'carrier-test', 'TEST', 0, '{"cp_code":"YTO"}'::jsonb, 'SENT',
                                now(), now(), now())""")) {
                    ps.setString(1, commandId);
                    ps.setString(2, "test:" + commandId);
                    ps.setString(3, hubOrderId);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO waybill (waybill_no, hub_order_id, shipment_index, command_id, lines, created_at)
                    VALUES (?, ?::uuid, 0, ?::uuid, '[]'::jsonb, now())
                    ON CONFLICT (waybill_no) DO UPDATE SET hub_order_id = excluded.hub_order_id,
                           command_id = excluded.command_id""")) {
                ps.setString(1, waybillNo);
                ps.setString(2, hubOrderId);
                ps.setString(3, commandId);
                ps.executeUpdate();
            }
        }
    }

    @Test
    void theCapturedKuaidi100PushMovesTheOrderToShippedFromTheCarrier() throws Exception {
        String id = paidOrder();
        assertThat(status(id).getString("answer")).isEqualTo("PAID");
        assertThat(status(id).getString("answerSource")).isEqualTo("platform");
        waybill(id, "YT6074326614455");
        String param = new String(Fixtures.bytes("kuaidi100__poll_push_param_yuantong_2023_masked.json"),
                StandardCharsets.UTF_8);

        // a wrong signature is refused and stores nothing
        given().contentType("application/x-www-form-urlencoded")
                .body("param=" + URLEncoder.encode(param, StandardCharsets.UTF_8) + "&sign=0123456789ABCDEF")
                .post("/api/v1/status/carrier/kuaidi100").then().statusCode(401)
                .body("error", equalTo("bad_signature"));
        assertThat(status(id).getList("history.findAll { it.source == 'carrier' }")).isEmpty();

        String form = "param=" + URLEncoder.encode(param, StandardCharsets.UTF_8) + "&sign="
                + StatusFormats.md5Upper(param + SALT);
        JsonPath reply = given().contentType("application/x-www-form-urlencoded").body(form)
                .post("/api/v1/status/carrier/kuaidi100").then().statusCode(202).extract().jsonPath();
        assertThat(reply.getBoolean("result")).as("Kuaidi100's own acknowledgement").isTrue();
        assertThat(reply.getString("returnCode")).isEqualTo("200");
        assertThat(reply.getString("eventId")).isNotBlank();
        assertThat(reply.getString("events[0].outcome")).isEqualTo("APPLIED");

        JsonPath s = status(id);
        assertThat(s.getString("answer")).isEqualTo("SHIPPED");
        assertThat(s.getString("answerSource")).isEqualTo("carrier");
        assertThat(s.getString("waybillNo")).isEqualTo("YT6074326614455");
        assertThat(s.getString("sources.carrier.phase")).isEqualTo("PICKED_UP");
        assertThat(s.getString("sources.platform.status")).as("the platform keeps its own view").isEqualTo("PAID");
        assertThat(s.getString("history.find { it.source == 'carrier' }.note")).contains("已接单");
        // customer service finds the order by its waybill number
        assertThat(given().queryParam("q", "YT6074326614455").get("/api/v1/orders").then().statusCode(200).extract()
                .jsonPath().getList("items.hubOrderId", String.class)).contains(id);
        // the reactions were told, in the transaction that stored it, with the waybill and carrier
        assertThat(reactions.changes(id)).anySatisfy(ch -> {
            assertThat(ch.previousAnswer()).isEqualTo("PAID");
            assertThat(ch.answer()).isEqualTo("SHIPPED");
            assertThat(ch.answerSource()).isEqualTo("carrier");
            assertThat(ch.waybillNo()).isEqualTo("YT6074326614455");
        });

        // Kuaidi100 sends the route again (every push carries the whole history): nothing is applied twice
        JsonPath again = given().contentType("application/x-www-form-urlencoded").body(form)
                .post("/api/v1/status/carrier/kuaidi100").then().statusCode(202).extract().jsonPath();
        assertThat(again.getBoolean("events[0].duplicate")).isTrue();
        assertThat(again.getString("eventId")).isEqualTo(reply.getString("eventId"));
        assertThat(status(id).getList("history.findAll { it.source == 'carrier' }")).hasSize(1);
    }

    @Test
    void sfsRoutePushIsReadFromJsonAndTheSameRoutesAsXmlAreDuplicates() throws Exception {
        String id = paidOrder();
        waybill(id, "SF7444400031887");
        given().contentType("application/json").body(Fixtures.bytes("sf__RoutePushService_push_docsample.json"))
                .post("/api/v1/status/carrier/sf").then().statusCode(401).body("error", equalTo("unauthorized"));
        JsonPath reply = given().contentType("application/json")
                .body(Fixtures.bytes("sf__RoutePushService_push_docsample.json"))
                .post("/api/v1/status/carrier/sf?token=orderhub-demo-sf-token").then().statusCode(202).extract()
                .jsonPath();
        assertThat(reply.getString("return_code")).as("SF's own acknowledgement").isEqualTo("0000");
        assertThat(reply.getList("events.outcome")).containsExactly("APPLIED", "APPLIED");
        JsonPath s = status(id);
        assertThat(s.getString("answer")).isEqualTo("SHIPPED");
        assertThat(s.getString("sources.carrier.system")).isEqualTo("sf");
        assertThat(s.getString("sources.carrier.code")).isEqualTo("31");
        assertThat(s.getString("sources.carrier.phase")).isEqualTo("IN_TRANSIT");

        String xml = new String(Fixtures.bytes("sf__RoutePushService_push_docsample.xml"), StandardCharsets.UTF_8);
        JsonPath fromXml = given().contentType("application/x-www-form-urlencoded")
                .body("content=" + URLEncoder.encode(xml, StandardCharsets.UTF_8))
                .post("/api/v1/status/carrier/sf?token=orderhub-demo-sf-token").then().statusCode(202).extract()
                .jsonPath();
        assertThat(fromXml.getList("events.duplicate")).containsExactly(true, true);
        assertThat(status(id).getList("history.findAll { it.source == 'carrier' }")).hasSize(2);
    }

    @Test
    void theMostTrustedSourceAnswersAndNothingMovesBackwards() throws Exception {
        String id = paidOrder();
        Instant t0 = Instant.parse("2026-11-11T02:00:00Z");
        given().contentType("application/json").header("Authorization", ERP)
                .body(event("hubOrderId", id, "RECEIVED", t0)).post("/api/v1/status/erp/erp-main").then()
                .statusCode(202);
        assertThat(status(id).getString("answerSource")).isEqualTo("erp");

        wms(WMS, event("hubOrderId", id, "DELIVERED", t0.plusSeconds(3600))).statusCode(202);
        // the ERP catches up later with an older state of its own: applied to the ERP's view, the answer stays
        given().contentType("application/json").header("Authorization", ERP)
                .body(event("hubOrderId", id, "AUDITED", t0.plusSeconds(600))).post("/api/v1/status/erp/erp-main")
                .then().statusCode(202).body("events[0].outcome", equalTo("APPLIED"));
        // an ERP event older than the ERP's view: history, not a move
        given().contentType("application/json").header("Authorization", ERP)
                .body(event("hubOrderId", id, "RECEIVED", t0.plusSeconds(300))).post("/api/v1/status/erp/erp-main")
                .then().statusCode(202);
        // the WMS going back from shipped to picking: refused and recorded
        JsonPath refused = wms(WMS, event("hubOrderId", id, "PICK", t0.plusSeconds(7200))).statusCode(202).extract()
                .jsonPath();
        assertThat(refused.getString("events[0].outcome")).isEqualTo("REFUSED");
        assertThat(refused.getString("events[0].reason")).contains("SHIPPED → ALLOCATED");

        JsonPath s = status(id);
        assertThat(s.getString("answer")).isEqualTo("SHIPPED");
        assertThat(s.getString("answerSource")).isEqualTo("wms");
        assertThat(s.getString("sources.erp.status")).isEqualTo("ALLOCATED");
        assertThat(s.getString("sources.wms.status")).isEqualTo("SHIPPED");
        assertThat(s.getString("sources.platform.status")).isEqualTo("PAID");
        List<Map<String, Object>> history = s.getList("history");
        assertThat(history).extracting(h -> h.get("source") + ":" + h.get("code") + ":" + h.get("outcome"))
                .as("in event time, stale and refused ones included").containsSubsequence(
                        "erp:RECEIVED:APPLIED", "erp:RECEIVED:STALE", "erp:AUDITED:APPLIED", "wms:DELIVERED:APPLIED",
                        "wms:PICK:REFUSED");
        // the platform's own later update (intake) keeps the platform's view only
        assertThat(s.getString("sources.platform.code")).isEqualTo("WAIT_SELLER_SEND_GOODS");
    }

    @Test
    void anUnknownCodeIsParkedAndAppliesOnReplayOnceTheTableKnowsIt() throws Exception {
        String id = paidOrder();
        JsonPath parked = wms(WMS, event("hubOrderId", id, "HANDED_TO_DRIVER", Instant.now())).statusCode(202)
                .extract().jsonPath();
        assertThat(parked.getString("events[0].outcome")).isEqualTo("PARKED");
        assertThat(parked.getString("events[0].reason")).startsWith("unknown_code");
        assertThat(status(id).getString("answer")).as("not guessed").isEqualTo("PAID");
        // an event for an order the hub does not know is parked too
        wms(WMS, event("hubOrderId", java.util.UUID.randomUUID().toString(), "DELIVERED", Instant.now()))
                .statusCode(202).body("events[0].reason", startsWith("unknown_order"));
        given().header("Authorization", ADMIN).get("/api/v1/admin/status/parked").then().statusCode(200)
                .body("items.find { it.code == 'HANDED_TO_DRIVER' }.reason", notNullValue());

        Path table = Path.of(mappingDir, "status", "generic-wms.yaml");
        String before = Files.readString(table);
        try {
            Files.writeString(table, "  HANDED_TO_DRIVER: {status: SHIPPED, phase: OUTBOUND}\n",
                    StandardOpenOption.APPEND);
            // the table is read again when it changes (checked at most once a second)
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                given().header("Authorization", ADMIN).post("/api/v1/admin/status/parked/replay").then()
                        .statusCode(200);
                return "SHIPPED".equals(status(id).getString("answer"));
            });
        } finally {
            Files.writeString(table, before);
        }
        assertThat(status(id).getString("history.find { it.code == 'HANDED_TO_DRIVER' }.outcome"))
                .isEqualTo("APPLIED");
    }

    @Test
    void aWmsShipmentTheCarrierNeverPicksUpBecomesAConflictWithAHintAndClearsWhenItScans() throws Exception {
        String id = paidOrder();
        // shipped five hours ago by the WMS's clock, no carrier scan since: past the 4 h grace at once
        wms(WMS, event("hubOrderId", id, "DELIVERED", Instant.now().minus(5, ChronoUnit.HOURS))).statusCode(202);
        JsonPath s = status(id);
        assertThat(s.getList("conflicts")).hasSize(1);
        assertThat(s.getString("conflicts[0].rule")).isEqualTo("wms-shipped-no-pickup");
        assertThat(s.getList("conflicts[0].between")).containsExactly("wms", "carrier");
        assertThat(s.getString("conflicts[0].hint")).contains("call the outlet");
        assertThat(s.getBoolean("conflicts[0].open")).isTrue();
        String alertId = s.getString("conflicts[0].alertId");
        given().header("Authorization", ADMIN).get("/api/v1/alerts?kind=STATUS_CONFLICT").then().statusCode(200)
                .body("items.find { it.alertId == '" + alertId + "' }.kind", equalTo("STATUS_CONFLICT"));

        // a second order shipped an hour ago: not yet a conflict; once the grace has run out the sweep opens it
        String other = paidOrder();
        wms(WMS, event("hubOrderId", other, "DELIVERED", Instant.now().minus(1, ChronoUnit.HOURS)))
                .statusCode(202);
        assertThat(status(other).getList("conflicts")).isEmpty();
        shiftTime(other, Duration.ofHours(4));
        sweeps.conflicts();
        assertThat(status(other).getString("conflicts[0].rule")).isEqualTo("wms-shipped-no-pickup");

        // the carrier scans: the disagreement is over, the conflict resolves itself
        waybill(id, "SF-CONFLICT-" + id.substring(0, 8));
        given().contentType("application/json").header("Authorization", "Bearer orderhub-demo-sf-token")
                .body("{\"Body\":{\"WaybillRoute\":[{\"mailno\":\"SF-CONFLICT-" + id.substring(0, 8)
                        + "\",\"acceptTime\":\"" + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                                .withZone(StatusFormats.CHINA).format(Instant.now())
                        + "\",\"opCode\":\"50\",\"remark\":\"顺丰速运 已收取快件\",\"id\":\"c-" + id + "\"}]}}")
                .post("/api/v1/status/carrier/sf").then().statusCode(202);
        JsonPath after = status(id);
        assertThat(after.getString("answerSource")).isEqualTo("carrier");
        assertThat(after.getBoolean("conflicts[0].open")).isFalse();
        assertThat(after.getString("conflicts[0].resolvedAt")).isNotNull();
    }

    @Test
    void aCarrierSilentForTwoDaysRaisesOneAlertToTheWarehousePerSilence() throws Exception {
        String id = paidOrder();
        String waybillNo = "SF-SILENT-" + id.substring(0, 8);
        waybill(id, waybillNo);
        Instant threeDaysAgo = Instant.now().minus(3, ChronoUnit.DAYS);
        given().contentType("application/json").header("Authorization", "Bearer orderhub-demo-sf-token")
                .body("{\"Body\":{\"WaybillRoute\":[{\"mailno\":\"" + waybillNo + "\",\"acceptTime\":\""
                        + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                                .withZone(StatusFormats.CHINA).format(threeDaysAgo)
                        + "\",\"opCode\":\"31\",\"remark\":\"快件到达\",\"id\":\"s-" + id + "\"}]}}")
                .post("/api/v1/status/carrier/sf").then().statusCode(202);
        assertThat(status(id).getString("answer")).isEqualTo("SHIPPED");
        sweeps.silentCarriers();
        sweeps.silentCarriers();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*), sum(occurrences), min(detail ->> 'audience') FROM alert "
                                + "WHERE kind = 'NO_CARRIER_UPDATE' AND detail ->> 'hubOrderId' = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
                assertThat(rs.getInt(2)).as("not raised again for the same silence").isEqualTo(1);
                assertThat(rs.getString(3)).isEqualTo("warehouse");
            }
        }
    }

    @Test
    void badPushesGetAClearErrorAndStoreNothing() throws Exception {
        given().contentType("application/json").body("{}").post("/api/v1/status/robot/kuaidi100").then()
                .statusCode(404).body("error", equalTo("unknown_source_kind"));
        given().contentType("application/json").body("{}").post("/api/v1/status/wms/nobody").then().statusCode(404)
                .body("error", equalTo("unknown_system"));
        wms("Bearer wrong", "{}").statusCode(401).body("error", equalTo("unauthorized"));
        given().contentType("text/plain").header("Authorization", WMS).body("x").post("/api/v1/status/wms/sandbox-wms")
                .then().statusCode(415).body("error", equalTo("unsupported_media_type"));
        wms(WMS, "{not json").statusCode(400).body("error", equalTo("malformed_payload"));
        wms(WMS, "{\"orderCode\":\"x\",\"status\":\"DELIVERED\"}").statusCode(400).body("message",
                containsString("time"));
    }

    /** Moves an order's views and its conflict check back in time, as if {@code by} had passed. */
    void shiftTime(String hubOrderId, Duration by) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE order_status_source SET at = at - ?::interval WHERE hub_order_id = ?::uuid")) {
                ps.setString(1, by.toSeconds() + " seconds");
                ps.setString(2, hubOrderId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE order_status SET conflict_check_at = conflict_check_at - ?::interval WHERE hub_order_id = ?::uuid")) {
                ps.setString(1, by.toSeconds() + " seconds");
                ps.setString(2, hubOrderId);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
        }
    }
}
