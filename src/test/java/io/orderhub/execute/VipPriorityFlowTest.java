package io.orderhub.execute;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.orderhub.execute.sandbox.DownstreamControl;
import io.orderhub.execute.sandbox.DownstreamSandbox;
import io.orderhub.execute.sandbox.DownstreamSystem;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A VIP order that arrives behind 10,000 regular commands is sent within seconds: the backlog is planted in the outbox
 * (copies of a real ERP push) with the sandbox ERP answering in a second, so it cannot drain; the VIP customer's order
 * comes through the real intake and rules, and its ERP push goes out while almost all of the backlog still waits.
 */
@QuarkusTest
@TestProfile(ExecuteTransportsProfile.class)
class VipPriorityFlowTest {

    static final int BACKLOG = 10_000;

    @Inject
    DownstreamSandbox downstream;
    @Inject
    DataSource dataSource;

    @Test
    void aVipOrderBehindTenThousandRegularCommandsIsSentBeforeThem() throws Exception {
        String regular = ExecutionFlowTest.readyOrder();
        await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(erp(regular, "state")));
        String prefix = "vip-backlog-" + UUID.randomUUID() + ":";
        downstream.control(DownstreamSystem.ERP, new DownstreamControl(false, 0, 0, Set.of(), 1000, 42));
        try {
            assertThat(update("""
                    INSERT INTO outbox_command (command_id, idempotency_key, hub_order_id, order_version, system,
                                                command_type, priority, payload, state, next_attempt_at, created_at,
                                                updated_at)
                    SELECT gen_random_uuid(), ? || g, NULL, 1, 'erp', 'erp.order', 1000, o.payload, 'PENDING', now(),
                           now() - interval '1 hour' + g * interval '1 millisecond', now()
                      FROM generate_series(1, 10000) g,
                           (SELECT payload FROM outbox_command WHERE hub_order_id = ?::uuid AND system = 'erp') o""",
                    prefix, regular)).isEqualTo(BACKLOG);

            String nick = "vip-" + UUID.randomUUID();
            given().header("Authorization", ExecutionFlowTest.ADMIN).contentType("application/json")
                    .body("[{\"customerId\":\"C-" + nick + "\",\"segment\":\"VIP\",\"earlierOrders\":4,"
                            + "\"channel\":\"taobao\",\"buyerId\":\"" + nick + "\"}]")
                    .post("/api/v1/admin/customers").then().statusCode(200);
            String vip = ExecutionFlowTest.readyOrder(nick);
            assertThat(Integer.parseInt(erp(vip, "priority::text"))).as("a VIP order's priority").isGreaterThan(3000);

            await().atMost(Duration.ofSeconds(60)).until(() -> "SENT".equals(erp(vip, "state")));
            long sentBefore = count("""
                    SELECT count(*) FROM outbox_command b
                     WHERE b.idempotency_key LIKE ? || '%' AND b.state = 'SENT'
                       AND b.sent_at < (SELECT sent_at FROM outbox_command WHERE hub_order_id = ?::uuid
                                                                             AND system = 'erp')""", prefix, vip);
            assertThat(sentBefore).as("backlog commands sent before the VIP's").isLessThan(BACKLOG / 20);
            assertThat(
                    count("SELECT count(*) FROM outbox_command WHERE idempotency_key LIKE ? || '%' AND state = 'SENT'",
                            prefix))
                    .as("backlog commands sent by then").isLessThan(BACKLOG / 10);
        } finally {
            // the backlog was only there to be overtaken: given up, and the ERP fast again for the tests after
            update("UPDATE outbox_command SET state = 'DISCARDED' WHERE idempotency_key LIKE ? || '%'"
                    + " AND state IN ('PENDING', 'SENDING')", prefix);
            downstream.control(DownstreamSystem.ERP, DownstreamControl.NONE);
        }
    }

    String erp(String hubOrderId, String column) {
        return OutboxRows.one(dataSource,
                "SELECT " + column + " FROM outbox_command WHERE hub_order_id = ?::uuid AND system = 'erp'",
                hubOrderId);
    }

    long count(String sql, String... params) {
        return Long.parseLong(OutboxRows.one(dataSource, sql, params));
    }

    int update(String sql, String... params) {
        return OutboxRows.update(dataSource, sql, params);
    }
}
