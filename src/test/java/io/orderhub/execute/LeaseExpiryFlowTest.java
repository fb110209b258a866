package io.orderhub.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderhub.execute.sandbox.DownstreamControl;
import io.orderhub.execute.sandbox.DownstreamSandbox;
import io.orderhub.execute.sandbox.DownstreamSystem;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A slow system makes commands wait in the priority queue longer than their lease (3 s in tests). Such a command
 * may already have been claimed again (by this pod's next claim, or by another pod), so its stale copy is not sent:
 * every command still reaches the system exactly once, instead of once per claim. Before this, the ERP below received
 * about a third of these commands twice.
 */
@QuarkusTest
class LeaseExpiryFlowTest {

    static final int COMMANDS = 120;

    @Inject
    DownstreamSandbox downstream;
    @Inject
    DataSource dataSource;
    @Inject
    MeterRegistry registry;

    @Test
    void aCommandWhoseLeaseRanOutInTheQueueIsSentOnceFromItsNewClaim() throws Exception {
        String order = ExecutionFlowTest.readyOrder();
        await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(OutboxRows.one(dataSource,
                "SELECT state FROM outbox_command WHERE hub_order_id = ?::uuid AND system = 'erp'", order)));
        double expiredBefore = expired();
        String prefix = "lease-" + UUID.randomUUID() + ":";
        // 8 senders at 0.4 s per answer: 20 commands a second, so the last ones wait about 6 s in the queue
        downstream.control(DownstreamSystem.ERP, new DownstreamControl(false, 0, 0, Set.of(), 400, 42));
        try {
            assertThat(OutboxRows.update(dataSource, """
                    INSERT INTO outbox_command (command_id, idempotency_key, hub_order_id, order_version, system,
                                                command_type, priority, payload, state, next_attempt_at, created_at,
                                                updated_at)
                    SELECT gen_random_uuid(), ? || g, NULL, 1, 'erp', 'erp.order', 1000, o.payload, 'PENDING', now(),
                           now() - interval '1 hour' + g * interval '1 millisecond', now()
                      FROM generate_series(1, %d) g,
                           (SELECT payload FROM outbox_command WHERE hub_order_id = ?::uuid AND system = 'erp') o"""
                    .formatted(COMMANDS), prefix, order)).isEqualTo(COMMANDS);

            await().atMost(Duration.ofSeconds(60)).until(() -> "%d".formatted(COMMANDS).equals(OutboxRows.one(
                    dataSource, "SELECT count(*) FROM outbox_command WHERE idempotency_key LIKE ? || '%' "
                            + "AND state = 'SENT'",
                    prefix)));
        } finally {
            downstream.control(DownstreamSystem.ERP, DownstreamControl.NONE);
        }
        for (int g = 1; g <= COMMANDS; g++) {
            assertThat(downstream.sent(DownstreamSystem.ERP, prefix + g)).as("arrivals of command %d", g).isEqualTo(1);
        }
        assertThat(expired() - expiredBefore).as("stale copies left unsent").isPositive();
    }

    private double expired() {
        var counter = registry.find("orderhub.execute.lease.expired").counter();
        return counter == null ? 0 : counter.count();
    }
}
