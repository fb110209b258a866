package io.orderhub.execute;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.orderhub.execute.sandbox.DownstreamControl;
import io.orderhub.execute.sandbox.DownstreamSandbox;
import io.orderhub.execute.sandbox.DownstreamSystem;
import io.orderhub.support.Orders;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Degradation (熔断降级) end to end with low marks: the ERP is down, its commands pile up past the degrade mark, new
 * orders' commands go out without non-core fields and the orders are tagged DEGRADED; once the ERP is back and the
 * backlog is under the resume mark, the deferred fields follow as update commands the ERP applies to the same order.
 */
@QuarkusTest
@TestProfile(DegradationFlowTest.LowMarks.class)
class DegradationFlowTest {

    public static class LowMarks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // ERP commands keep retrying (never to the failed store) so they stay in the backlog while it is down
            return Map.of("orderhub.execute.degrade-above", "3", "orderhub.execute.resume-below", "1",
                    "orderhub.execute.max-attempts", "1000", "orderhub.execute.backoff-max", "500ms");
        }
    }

    static final String TOKEN = "Bearer orderhub-demo-token";
    static final String ADMIN = "Bearer orderhub-demo-admin-token";

    @Inject
    DownstreamSandbox downstream;
    @Inject
    DegradationSwitch degradation;
    @Inject
    DataSource dataSource;

    static String order() throws Exception {
        long tid = ThreadLocalRandom.current().nextLong(1_000_000_000_000L, 9_000_000_000_000L);
        String receipt = given().contentType("application/json").header("Authorization", TOKEN)
                .body(Orders.taobao(tid, "WAIT_SELLER_SEND_GOODS", "2026-11-11 00:00:05", "degrade-" + tid)
                        .getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/intake/taobao").then().statusCode(202).extract().path("receiptId");
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> given().get("/api/v1/receipts/" + receipt).then().extract().jsonPath().getString("hubOrderId"),
                h -> h != null);
    }

    List<String> tags(String hubOrderId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/api/v1/orders/" + hubOrderId)
                .then().statusCode(200).extract().jsonPath().getList("evaluation.tags", String.class),
                t -> t != null);
    }

    @Test
    void pastTheMarkPayloadsAreDegradedAndTheDeferredFieldsFollowOnceTheBacklogDrains() throws Exception {
        given().header("Authorization", ADMIN).contentType("application/json")
                .body("[{\"code\":\"WH-SH\",\"province\":\"上海市\",\"shipsWithin24h\":true}]")
                .put("/api/v1/admin/warehouses").then().statusCode(200);
        given().header("Authorization", ADMIN).contentType("application/json")
                .body("[{\"warehouse\":\"WH-SH\",\"sku\":\"TX324A0212\",\"onHand\":1000}]")
                .put("/api/v1/admin/stock").then().statusCode(200);
        downstream.control(DownstreamSystem.ERP, new DownstreamControl(true, 0, 0, Set.of(), 0, 1));
        List<String> before = new ArrayList<>();
        while (!degradation.degraded() && before.size() < 20) {
            before.add(order());
            tags(before.get(before.size() - 1));
        }
        await().atMost(Duration.ofSeconds(20)).until(degradation::degraded);

        String degradedOrder = order();
        assertThat(tags(degradedOrder)).contains("DEGRADED");
        assertThat(rows("SELECT degraded::text FROM outbox_command WHERE hub_order_id = ?::uuid", degradedOrder))
                .isNotEmpty().containsOnly("true");
        assertThat(tags(before.get(0))).doesNotContain("DEGRADED");

        downstream.control(DownstreamSystem.ERP, DownstreamControl.NONE);
        await().atMost(Duration.ofSeconds(60)).until(() -> !degradation.degraded());
        String update = await().atMost(Duration.ofSeconds(60)).until(() -> rows(
                "SELECT idempotency_key FROM outbox_command WHERE hub_order_id = ?::uuid"
                        + " AND command_type = 'ERP_SALES_ORDER_UPDATE' AND state = 'SENT'",
                degradedOrder), r -> r.size() == 1).get(0);
        // the ERP applied the deferred fields to the order it already had: an update, not a second order
        assertThat(downstream.book(DownstreamSystem.ERP).key(update).orElseThrow().updated()).isEqualTo(1);
        assertThat(downstream.book(DownstreamSystem.ERP).key(update).orElseThrow().created()).isZero();
    }

    List<String> rows(String sql, String param) {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
