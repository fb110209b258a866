package io.orderhub.status;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.orderhub.support.Orders;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * One order through every source, in the messy order real systems produce: the hub dispatches it to the sandbox ERP,
 * WMS and carrier; the carrier's pickup scan arrives before the WMS's outbound; the platform's updates come through
 * intake, one of them late and out of date; Kuaidi100 repeats the whole route with every push; the WMS sends its
 * outbound twice; the ERP reports through the generic format. The answer must follow the most trusted source, never go
 * back, keep every source's view and an honest history, open and resolve the write-back conflict, and tell the
 * reactions exactly the two changes that happened.
 */
@QuarkusTest
class StatusScenarioTest {

    static final String TOKEN = "Bearer orderhub-demo-token";
    /** The order's own time: the fixture's modification time, 2026-11-11 00:00:05 China time. */
    static final Instant T = Instant.parse("2026-11-10T16:00:05Z");

    @Inject
    DataSource dataSource;
    @Inject
    RecordingReaction reactions;
    @Inject
    io.orderhub.execute.sandbox.DownstreamEvents sandboxEvents;

    static void platform(long tid, String status, Instant modified) throws Exception {
        String china = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .withZone(StatusFormats.CHINA).format(modified);
        given().contentType("application/json").header("Authorization", TOKEN)
                .body(Orders.taobao(tid, status, china, "scenario-" + tid).getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/intake/taobao").then().statusCode(202);
    }

    static JsonPath emit(String system, String kind, String waybill, Instant at) {
        JsonPath sent = given().post("/sandbox/downstream/control/" + system + "/events?kind=" + kind + "&waybill="
                + waybill + "&at=" + at).then().statusCode(200).extract().jsonPath();
        assertThat(sent.getInt("hubStatus")).as(sent.prettify()).isEqualTo(202);
        return new JsonPath(sent.getString("hubAnswer"));
    }

    static JsonPath status(String id) {
        return given().get("/api/v1/orders/" + id + "/status").then().statusCode(200).extract().jsonPath();
    }

    String waybillOf(String hubOrderId) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c
                        .prepareStatement("SELECT waybill_no FROM waybill WHERE hub_order_id = ?::uuid")) {
            ps.setString(1, hubOrderId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    @Test
    void oneOrderThroughEverySourceInARealisticMessyOrder() throws Exception {
        io.orderhub.support.ReadyOrders.stockForOneMore();
        long tid = ThreadLocalRandom.current().nextLong(1_000_000_000_000L, 9_000_000_000_000L);
        platform(tid, "WAIT_SELLER_SEND_GOODS", T);
        String id = await().atMost(Duration.ofSeconds(30)).until(() -> given().get(
                "/api/v1/orders?channel=taobao&platformOrderId=" + tid).then().extract().jsonPath()
                .getString("items[0].hubOrderId"), h -> h != null);
        // dispatched to the sandbox systems; the carrier's e-waybill answer gives the waybill
        String waybill = await().atMost(Duration.ofSeconds(60)).until(() -> waybillOf(id), w -> w != null);
        assertThat(status(id).getString("answer")).isEqualTo("PAID");

        // 1. the carrier's pickup scan (T+2h) arrives before the WMS's outbound (T+1h)
        assertThat(emit("carrier", "PICKUP", waybill, T.plusSeconds(2 * 3600)).getString("events[0].outcome"))
                .isEqualTo("APPLIED");
        assertThat(status(id).getString("answerSource")).isEqualTo("carrier");
        // the platform still says paid: past the write-back grace, a conflict for customer service
        assertThat(status(id).getList("conflicts.findAll { it.open }.rule"))
                .containsExactly("carrier-moving-platform-unshipped");
        emit("wms", "OUTBOUND", waybill, T.plusSeconds(3600));
        // 2. the platform shows it shipped (T+3h); a late, older platform push (T+30min) arrives after it
        platform(tid, "WAIT_BUYER_CONFIRM_GOODS", T.plusSeconds(3 * 3600));
        await().atMost(Duration.ofSeconds(30)).until(() -> "SHIPPED".equals(status(id).getString(
                "sources.platform.status")));
        platform(tid, "WAIT_SELLER_SEND_GOODS", T.plusSeconds(1800));
        await().atMost(Duration.ofSeconds(30)).until(() -> status(id).getList(
                "history.findAll { it.source == 'platform' && it.outcome == 'STALE' }").size() == 1);
        // 3. the ERP reports through the generic format; the WMS repeats its outbound
        given().contentType("application/json").header("Authorization", "Bearer orderhub-demo-erp-token")
                .body("{\"orderId\":\"" + tid + "\",\"status\":\"SHIPPED\",\"time\":\"" + T.plusSeconds(4 * 3600)
                        + "\"}")
                .post("/api/v1/status/erp/erp-main").then().statusCode(202);
        JsonPath repeated = emit("wms", "OUTBOUND", waybill, T.plusSeconds(3600));
        assertThat(repeated.getBoolean("events[0].duplicate")).isTrue();
        // 4. in transit, then delivered: Kuaidi100 repeats the whole route each time
        JsonPath transit = emit("carrier", "IN_TRANSIT", waybill, T.plusSeconds(5 * 3600));
        assertThat(transit.getList("events.duplicate")).containsExactly(true, false);
        emit("carrier", "DELIVERED", waybill, T.plusSeconds(24 * 3600));
        // 5. the buyer confirms on the platform
        platform(tid, "TRADE_FINISHED", T.plusSeconds(30 * 3600));
        await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETED".equals(status(id).getString(
                "sources.platform.status")));

        JsonPath s = status(id);
        assertThat(s.getString("answer")).isEqualTo("COMPLETED");
        assertThat(s.getString("answerSource")).isEqualTo("carrier");
        assertThat(s.getString("waybillNo")).isEqualTo(waybill);
        Map<String, Map<String, Object>> sources = s.getMap("sources");
        assertThat(sources).containsOnlyKeys("platform", "erp", "wms", "carrier");
        assertThat(sources.get("carrier")).containsEntry("status", "COMPLETED").containsEntry("phase", "DELIVERED")
                .containsEntry("system", "kuaidi100");
        assertThat(sources.get("wms")).containsEntry("status", "SHIPPED").containsEntry("system", "sandbox-wms");
        assertThat(sources.get("erp")).containsEntry("status", "SHIPPED");
        assertThat(sources.get("platform")).containsEntry("status", "COMPLETED").containsEntry("code",
                "TRADE_FINISHED");
        assertThat(s.getList("conflicts.findAll { it.open }")).as("the write-back conflict resolved itself").isEmpty();
        assertThat(s.getList("conflicts.rule")).containsExactly("carrier-moving-platform-unshipped");

        List<Map<String, Object>> history = s.getList("history");
        assertThat(history).extracting(h -> h.get("source") + ":" + h.get("status") + ":" + h.get("outcome"))
                .as("in each event's own time, the late ones where they belong").containsExactly(
                        "platform:PAID:APPLIED", // T
                        "platform:PAID:STALE", // T+30min, arrived after T+3h
                        "wms:SHIPPED:APPLIED", // T+1h, arrived after the pickup
                        "carrier:SHIPPED:APPLIED", // T+2h pickup
                        "platform:SHIPPED:APPLIED", // T+3h
                        "erp:SHIPPED:APPLIED", // T+4h
                        "carrier:SHIPPED:APPLIED", // T+5h in transit
                        "carrier:COMPLETED:APPLIED", // T+24h delivered
                        "platform:COMPLETED:APPLIED"); // T+30h
        assertThat(reactions.changes(id)).extracting(ch -> ch.previousAnswer() + "→" + ch.answer())
                .containsExactly("null→PAID", "PAID→SHIPPED", "SHIPPED→COMPLETED");
    }

    @Test
    void theSandboxPlaysAWaybillsLifeByItselfForTheDemo() throws Exception {
        String id = io.orderhub.support.ReadyOrders.readyOrder("demo-loop-");
        String waybill = await().atMost(Duration.ofSeconds(60)).until(() -> waybillOf(id), w -> w != null);
        // what the timer route does every second in the embedded demo (orderhub.execute.sandbox-events-every), with
        // every step already due: outbound, pickup, transit, delivery — one step per waybill per tick
        for (int step = 0; step < 4; step++) {
            assertThat(sandboxEvents.autoEvents(Duration.ZERO)).isPositive();
        }
        JsonPath s = status(id);
        assertThat(s.getString("answer")).isEqualTo("COMPLETED");
        assertThat(s.getString("answerSource")).isEqualTo("carrier");
        assertThat(s.getString("sources.wms.status")).isEqualTo("SHIPPED");
        assertThat(s.getString("sources.carrier.phase")).isEqualTo("DELIVERED");
        assertThat(s.getString("waybillNo")).isEqualTo(waybill);
    }
}
