package io.orderhub.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The senders' confirmations are group-committed: many threads confirming at once each get their own answer, every
 * confirmed command is SENT with its own response and one attempt more, and a confirmation for a command that is no
 * longer being sent (its lease ran out and another sender has it, or it is SENT already) changes nothing.
 */
@QuarkusTest
class OutboxConfirmationsTest {

    @Inject
    Outbox outbox;
    @Inject
    DataSource dataSource;

    @Test
    void concurrentConfirmationsAreEachRecordedOnceWithTheirOwnAnswer() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ids.add(sending("marks-" + run + "-" + i, i % 3 == 0 ? 2 : 0));
        }
        UUID stale = ids.get(59);
        // not SENDING any more: its lease ran out and it is back to PENDING
        assertThat(OutboxRows.update(dataSource,
                "UPDATE outbox_command SET state = 'PENDING' WHERE command_id = ?::uuid", stale.toString()))
                .isEqualTo(1);

        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (UUID id : ids) {
                Callable<Boolean> confirm = () -> outbox.sent(id, "{\"waybill\":\"" + id + "\"}");
                answers.add(senders.submit(confirm));
            }
            for (int i = 0; i < ids.size(); i++) {
                assertThat(answers.get(i).get()).as("answer for %s", i).isEqualTo(!ids.get(i).equals(stale));
            }
        } finally {
            senders.shutdownNow();
        }

        for (int i = 0; i < ids.size() - 1; i++) {
            UUID id = ids.get(i);
            assertThat(OutboxRows.one(dataSource, "SELECT state || '/' || attempts || '/' || (response->>'waybill') "
                    + "|| '/' || (sent_at IS NOT NULL) FROM outbox_command WHERE command_id = ?::uuid", id.toString()))
                    .as("command %s", i).isEqualTo("SENT/" + (i % 3 == 0 ? 3 : 1) + "/" + id + "/true");
        }
        assertThat(OutboxRows.one(dataSource,
                "SELECT state || '/' || attempts || '/' || (response IS NULL) FROM outbox_command WHERE command_id = ?::uuid",
                stale.toString())).isEqualTo("PENDING/0/true");

        // the same confirmation again (a sender repeating itself) is not a second attempt
        assertThat(outbox.sent(ids.get(0), "{\"waybill\":\"again\"}")).isFalse();
        assertThat(OutboxRows.one(dataSource,
                "SELECT attempts || '/' || (response->>'waybill') FROM outbox_command WHERE command_id = ?::uuid",
                ids.get(0).toString())).isEqualTo("3/" + ids.get(0));
        // out of the backlog other tests measure (this system has no transport: it would end in the failed store)
        OutboxRows.update(dataSource, "UPDATE outbox_command SET state = 'DISCARDED' WHERE command_id = ?::uuid",
                stale.toString());
    }

    /** A command being sent (lease an hour away, so the dispatcher leaves it alone) with earlier attempts. */
    private UUID sending(String key, int attempts) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO outbox_command (command_id, idempotency_key, order_version, system, command_type,
                                            priority, payload, state, attempts, next_attempt_at, created_at,
                                            updated_at)
                VALUES (?, ?, 1, 'marks-test', 'TEST', 0, '{}'::jsonb, 'SENDING', ?, now() + interval '1 hour',
                        now(), now())""")) {
            ps.setObject(1, id);
            ps.setString(2, key);
            ps.setInt(3, attempts);
            ps.executeUpdate();
        }
        return id;
    }
}
