package io.orderhub.execute;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.orderhub.execute.sandbox.DownstreamControl;
import io.orderhub.execute.sandbox.DownstreamSandbox;
import io.orderhub.execute.sandbox.DownstreamSystem;
import io.orderhub.support.ReadyOrders;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * READY orders to the sandbox ERP, WMS, carrier and finance over HTTP, exactly once in effect: under retries, after a
 * sender dies between the system's confirmation and its own mark, and while the ERP is down (its circuit opens, the
 * other systems keep flowing, every ERP order arrives once afterwards). Waybills feed loading scans; WMS outbound
 * orders close into picking waves.
 */
@QuarkusTest
class ExecutionFlowTest {

    static final String ADMIN = "Bearer orderhub-demo-admin-token";
    static final String SKU = "TX324A0212";

    @Inject
    DownstreamSandbox downstream;
    @Inject
    DataSource dataSource;

    @AfterEach
    void healthy() {
        for (DownstreamSystem s : DownstreamSystem.values()) {
            downstream.control(s, DownstreamControl.NONE);
        }
    }

    static String readyOrder() throws Exception {
        return ReadyOrders.readyOrder("exec-");
    }

    /** A READY Taobao order through the real intake, bought by {@code buyerNick} (a returning customer...). */
    static String readyOrder(String buyerNick) throws Exception {
        return ReadyOrders.readyOrderBoughtBy(buyerNick);
    }

    /** (key, system, state, attempts) of the order's commands. */
    List<String[]> commands(String hubOrderId) {
        return ReadyOrders.commands(dataSource, hubOrderId);
    }

    boolean allSent(String hubOrderId) {
        List<String[]> c = commands(hubOrderId);
        return !c.isEmpty() && c.stream().allMatch(r -> "SENT".equals(r[2]));
    }

    String key(String hubOrderId, String system) {
        return commands(hubOrderId).stream().filter(r -> r[1].equals(system)).findFirst().orElseThrow()[0];
    }

    @Test
    void aReadyOrderReachesEverySystemOnceAndItsWaybillFeedsTheLoadingScan() throws Exception {
        String id = readyOrder();
        await().atMost(Duration.ofSeconds(30)).until(() -> allSent(id));
        for (String[] c : commands(id)) {
            DownstreamSystem.fromCode(c[1]).filter(s -> Set.of(DownstreamSystem.CARRIER, DownstreamSystem.FINANCE)
                    .contains(s)).ifPresent(s -> assertThat(downstream.created(s, c[0])).as(c[0]).isEqualTo(1));
        }
        String waybill = await().atMost(Duration.ofSeconds(10)).until(() -> waybillOf(id), w -> w != null);
        JsonPath scan = given().header("Authorization", ADMIN).contentType("application/json")
                .body("{\"waybillNo\":\"" + waybill + "\",\"scannedBy\":\"driver-wang\",\"items\":[{\"sku\":\""
                        + SKU + "\",\"quantity\":2}]}")
                .post("/api/v1/loading/scans").then().statusCode(201).extract().jsonPath();
        assertThat(scan.getString("differences[0].kind")).isEqualTo("QUANTITY");
        assertThat(scan.getInt("differences[0].expected")).isEqualTo(1);
        JsonPath alerts = given().header("Authorization", ADMIN).queryParam("kind", "LOADING_MISMATCH")
                .get("/api/v1/alerts").then().statusCode(200).extract().jsonPath();
        assertThat(alerts.getList("items.subject", String.class)).anyMatch(s -> s.contains(waybill));
        given().header("Authorization", ADMIN).contentType("application/json")
                .body("{\"waybillNo\":\"" + waybill + "\",\"scannedBy\":\"driver-wang\",\"items\":[{\"sku\":\""
                        + SKU + "\",\"quantity\":1}]}")
                .post("/api/v1/loading/scans").then().statusCode(201).body("differences.size()",
                        org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void retriesAndADeadSenderStillCreateEachRecordOnce() throws Exception {
        downstream.control(DownstreamSystem.FINANCE, new DownstreamControl(false, 0, 2, Set.of(), 0, 1));
        String id = readyOrder();
        await().atMost(Duration.ofSeconds(30)).until(() -> allSent(id));
        String finance = key(id, "finance");
        assertThat(commands(id).stream().filter(r -> r[1].equals("finance")).findFirst().orElseThrow()[3])
                .isEqualTo("3");
        // a sender that died after the system confirmed but before its own mark: the lease lapses, the command
        // goes again with the same key, and the system answers it without a second record
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE outbox_command SET state = 'SENDING', next_attempt_at = now() WHERE idempotency_key = ?")) {
            ps.setString(1, finance);
            ps.executeUpdate();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> downstream.sent(DownstreamSystem.FINANCE, finance) == 2
                && allSent(id));
        assertThat(downstream.created(DownstreamSystem.FINANCE, finance)).isEqualTo(1);
    }

    @Test
    void whileTheErpIsDownTheOthersFlowAndEveryErpOrderArrivesOnceAfterwards() throws Exception {
        downstream.control(DownstreamSystem.ERP, new DownstreamControl(true, 0, 0, Set.of(), 0, 1));
        List<String> ids = new ArrayList<>(List.of(readyOrder(), readyOrder()));
        await().atMost(Duration.ofSeconds(30)).until(() -> "OPEN".equals(given().header("Authorization", ADMIN)
                .get("/api/v1/admin/commands?state=PENDING").then().statusCode(200).extract().jsonPath()
                .getString("circuits.erp")));
        // while the ERP's circuit is open, a new order still reaches every other system
        ids.add(readyOrder());
        await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream().allMatch(id -> commands(id).stream()
                .filter(r -> !r[1].equals("erp")).allMatch(r -> "SENT".equals(r[2]))));
        assertThat(ids).allMatch(id -> commands(id).stream().filter(r -> r[1].equals("erp"))
                .noneMatch(r -> "SENT".equals(r[2])));

        downstream.control(DownstreamSystem.ERP, DownstreamControl.NONE);
        // commands that ran out of attempts while the ERP was down wait in the failed store: re-drive them
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            redriveFailed("erp");
            return ids.stream().allMatch(this::allSent);
        });
        for (String id : ids) {
            String erp = key(id, "erp");
            assertThat(downstream.created(DownstreamSystem.ERP, erp)).as(erp).isEqualTo(1);
        }
    }

    @Test
    void wmsOutboundOrdersCloseIntoAPickingWave() throws Exception {
        List<String> ids = List.of(readyOrder(), readyOrder());
        await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream().allMatch(this::allSent));
        String wave = await().atMost(Duration.ofSeconds(30)).until(() -> waveOf(ids.get(0)), w -> w != null);
        assertThat(wave).startsWith("W").contains("-WH-SH-");
        await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(state("wave:" + wave)));
    }

    void redriveFailed(String system) {
        List<Map<String, Object>> failed = given().header("Authorization", ADMIN)
                .get("/api/v1/admin/commands?state=FAILED&system=" + system).then().statusCode(200).extract()
                .jsonPath().getList("items");
        for (Map<String, Object> f : failed) {
            given().header("Authorization", ADMIN).post("/api/v1/admin/commands/" + f.get("commandId") + "/redrive");
        }
    }

    String waybillOf(String hubOrderId) {
        return one("SELECT waybill_no FROM waybill WHERE hub_order_id = ?::uuid", hubOrderId);
    }

    String waveOf(String hubOrderId) {
        return one("SELECT w.wave_no FROM wave w JOIN wave_member m ON m.wave_id = w.wave_id"
                + " WHERE m.hub_order_id = ?::uuid", hubOrderId);
    }

    String state(String key) {
        return one("SELECT state FROM outbox_command WHERE idempotency_key = ?", key);
    }

    String one(String sql, String param) {
        return ReadyOrders.one(dataSource, sql, param);
    }
}
