package io.orderhub.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.orderhub.execute.sandbox.DownstreamControl;
import io.orderhub.execute.sandbox.DownstreamSandbox;
import io.orderhub.execute.sandbox.DownstreamSystem;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * E-waybills in batches (Cainiao's cainiao.waybill.ii.get with several trade_order_info_dtos): five READY orders'
 * carrier commands go out in one call; the sandbox refuses two items, and only those two come again (counted per item
 * by the sandbox) until the carrier serves them; every command ends SENT once, with its own waybill.
 */
@QuarkusTest
@TestProfile(ExecuteTransportsProfile.class)
class BatchFlowTest {

    static final int ORDERS = 5;

    @Inject
    DownstreamSandbox downstream;
    @Inject
    DataSource dataSource;
    @Inject
    CamelContext camel;

    @AfterEach
    void healthy() throws Exception {
        downstream.control(DownstreamSystem.CARRIER, DownstreamControl.NONE);
        camel.getRouteController().startRoute("execute-feed");
    }

    @Test
    void aBatchThatPartlySucceedsRetriesOnlyTheRefusedItems() throws Exception {
        downstream.reset(DownstreamSystem.CARRIER);
        // held back so that the five orders' carrier commands are claimed, and batched, together
        camel.getRouteController().stopRoute("execute-feed");
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            keys.add(carrierKey(ExecutionFlowTest.readyOrder()));
        }
        List<String> refused = keys.subList(0, 2);
        List<String> served = keys.subList(2, ORDERS);
        downstream.control(DownstreamSystem.CARRIER, new DownstreamControl(false, 0, 0, Set.copyOf(refused), 0, 42));
        camel.getRouteController().startRoute("execute-feed");

        await().atMost(Duration.ofSeconds(30)).until(() -> served.stream().allMatch(k -> "SENT".equals(state(k)))
                && refused.stream().allMatch(k -> attempts(k) >= 2));
        for (String k : served) {
            assertThat(downstream.sent(DownstreamSystem.CARRIER, k)).as(k).isEqualTo(1);
            assertThat(downstream.created(DownstreamSystem.CARRIER, k)).as(k).isEqualTo(1);
            assertThat(attempts(k)).as(k).isEqualTo(1);
        }
        int arrivals = 0;
        for (String k : refused) {
            assertThat(state(k)).as(k).isIn("PENDING", "SENDING");
            assertThat(downstream.sent(DownstreamSystem.CARRIER, k)).as(k).isGreaterThanOrEqualTo(2);
            assertThat(downstream.created(DownstreamSystem.CARRIER, k)).as(k).isZero();
        }
        for (String k : keys) {
            arrivals += downstream.sent(DownstreamSystem.CARRIER, k);
        }
        long calls = ((Number) downstream.stats(DownstreamSystem.CARRIER).get("received")).longValue();
        assertThat(calls).as("the five items went out in one call").isLessThanOrEqualTo(arrivals - (ORDERS - 1));

        downstream.control(DownstreamSystem.CARRIER, DownstreamControl.NONE);
        await().atMost(Duration.ofSeconds(30)).until(() -> keys.stream().allMatch(k -> "SENT".equals(state(k))));
        for (String k : keys) {
            assertThat(downstream.created(DownstreamSystem.CARRIER, k)).as(k).isEqualTo(1);
            assertThat(waybills(k)).as("the item's own waybill is kept: " + k).isEqualTo(1);
        }
        for (String k : served) {
            assertThat(downstream.sent(DownstreamSystem.CARRIER, k)).as(k).isEqualTo(1);
        }
    }

    String carrierKey(String hubOrderId) {
        return query("SELECT idempotency_key FROM outbox_command WHERE hub_order_id = ?::uuid AND system = 'carrier'",
                hubOrderId);
    }

    String state(String key) {
        return query("SELECT state FROM outbox_command WHERE idempotency_key = ?", key);
    }

    int attempts(String key) {
        return Integer.parseInt(query("SELECT attempts::text FROM outbox_command WHERE idempotency_key = ?", key));
    }

    int waybills(String key) {
        return Integer.parseInt(query("""
                SELECT count(*)::text FROM waybill w JOIN outbox_command o ON o.command_id = w.command_id
                 WHERE o.idempotency_key = ?""", key));
    }

    String query(String sql, String param) {
        return OutboxRows.one(dataSource, sql, param);
    }
}
