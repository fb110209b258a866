package io.orderhub.execute;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.orderhub.archive.GroupCommitter;
import io.orderhub.archive.StoreUnavailableException;

/**
 * The outbox table: claims due commands in priority order under {@code FOR UPDATE SKIP LOCKED} (several dispatchers
 * and pods share the work), marks them sent only after the downstream confirmed, reschedules or fails them, and
 * serves the failed-command store's list, re-drive and discard.
 */
@ApplicationScoped
public class Outbox {

    private static final String CLAIM = """
            UPDATE outbox_command o SET state = 'SENDING', next_attempt_at = now() + ?::interval, updated_at = now()
             WHERE o.command_id IN (SELECT command_id FROM outbox_command
                                     WHERE state IN ('PENDING', 'SENDING') AND next_attempt_at <= now()
                                     ORDER BY priority DESC, created_at LIMIT ? FOR UPDATE SKIP LOCKED)
            RETURNING o.command_id, o.idempotency_key, o.hub_order_id, o.system, o.command_type, o.priority,
                      o.payload::text, o.attempts, o.created_at, o.built""";
    private static final String BUILT = """
            UPDATE outbox_command SET payload = ?::jsonb, built = true, updated_at = now() WHERE command_id = ?""";
    private static final String RETRY = """
            UPDATE outbox_command SET state = 'PENDING', attempts = attempts + ?, next_attempt_at = ?, last_error = ?,
                   error_class = ?, updated_at = now()
             WHERE command_id = ? AND state = 'SENDING'""";
    private static final String FAIL = """
            UPDATE outbox_command SET state = 'FAILED', attempts = attempts + 1, last_error = ?, error_class = ?,
                   updated_at = now()
             WHERE command_id = ? AND state = 'SENDING'""";
    private static final String REDRIVE = """
            UPDATE outbox_command SET state = 'PENDING', attempts = 0, next_attempt_at = now(), updated_at = now()
             WHERE command_id = ? AND state = 'FAILED'""";
    private static final String DISCARD = """
            UPDATE outbox_command SET state = 'DISCARDED', last_error = coalesce(last_error, '') || ' | discarded by '
                   || ? || ': ' || ?, updated_at = now()
             WHERE command_id = ? AND state = 'FAILED'""";
    private static final String LIST = """
            SELECT command_id, idempotency_key, hub_order_id, system, command_type, state, attempts, last_error,
                   error_class, payload::text, created_at, updated_at
              FROM outbox_command WHERE state = ? AND (?::text IS NULL OR system = ?)
             ORDER BY updated_at DESC LIMIT ?""";
    private static final String BY_ORDER = """
            SELECT command_id, idempotency_key, hub_order_id, system, command_type, state, attempts, last_error,
                   error_class, NULL, created_at, updated_at
              FROM outbox_command WHERE hub_order_id = ? ORDER BY created_at""";
    private static final String BACKLOG = "SELECT count(*) FROM outbox_command WHERE state IN ('PENDING', 'SENDING')";

    /** The confirmations of one group commit: one statement, one transaction, one WAL flush for all of them. */
    private static final String SENT_MANY = """
            UPDATE outbox_command o SET state = 'SENT', attempts = o.attempts + 1, response = m.response::jsonb,
                   sent_at = now(), last_error = NULL, error_class = NULL, updated_at = now()
              FROM unnest(?::uuid[], ?::text[]) AS m(command_id, response)
             WHERE o.command_id = m.command_id AND o.state = 'SENDING'
            RETURNING o.command_id""";

    private record Confirmation(UUID commandId, String responseJson) {
    }

    private final DataSource dataSource;
    // the senders' confirmations are group-committed: one commit each meant four commits (and WAL flushes) per order
    // on the dispatch side alone; a sender still waits for its own row to be SENT (as before), it just shares the
    // commit with the confirmations that arrived meanwhile
    private final GroupCommitter<Confirmation, Boolean> confirmations;

    public Outbox(DataSource dataSource) {
        this.dataSource = dataSource;
        this.confirmations = new GroupCommitter<>("outbox-sent", 10_000, 256, 1, this::markSent);
    }

    @PreDestroy
    void close() {
        confirmations.close();
    }

    public List<Command> claim(int limit, Duration lease) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(CLAIM)) {
            ps.setString(1, lease.toMillis() + " milliseconds");
            ps.setInt(2, limit);
            List<Command> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Command(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
                            rs.getString(4), rs.getString(5), rs.getInt(6), rs.getString(7), rs.getInt(8),
                            rs.getTimestamp(9).toInstant(), rs.getBoolean(10)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreUnavailableException("outbox claim failed", e);
        }
    }

    /**
     * Marks the command SENT with the downstream's answer, once it is committed; false when it was not SENDING any
     * more (its lease ran out and another sender has it: the idempotency key makes that repeat harmless).
     */
    public boolean sent(UUID commandId, String responseJson) {
        try {
            return confirmations.submit(new Confirmation(commandId, responseJson)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while marking " + commandId + " sent", e);
        } catch (TimeoutException e) {
            throw new StoreUnavailableException("marking " + commandId + " sent timed out", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StoreUnavailableException s
                    ? s
                    : new StoreUnavailableException("marking " + commandId + " sent failed", e.getCause());
        }
    }

    private List<Boolean> markSent(List<Confirmation> batch) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SENT_MANY)) {
            ps.setArray(1, c.createArrayOf("uuid", batch.stream().map(Confirmation::commandId).toArray()));
            ps.setArray(2, c.createArrayOf("text", batch.stream().map(Confirmation::responseJson).toArray()));
            Set<UUID> marked = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    marked.add(rs.getObject(1, UUID.class));
                }
            }
            return batch.stream().map(b -> marked.contains(b.commandId())).toList();
        }
    }

    /** A command planned without a payload (its mapping failed then) got one now. */
    public void built(UUID commandId, String payload) {
        update(BUILT, payload, commandId);
    }

    /** Back to PENDING at {@code next}; {@code countAttempt} false when the command was never sent (open circuit). */
    public void retry(UUID commandId, Instant next, String error, String errorClass, boolean countAttempt) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(RETRY)) {
            ps.setInt(1, countAttempt ? 1 : 0);
            ps.setTimestamp(2, Timestamp.from(next));
            ps.setString(3, error);
            ps.setString(4, errorClass);
            ps.setObject(5, commandId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("outbox retry failed", e);
        }
    }

    public void failed(UUID commandId, String error, String errorClass) {
        update(FAIL, error, errorClass, commandId);
    }

    public boolean redrive(UUID commandId) {
        return update(REDRIVE, commandId) == 1;
    }

    public boolean discard(UUID commandId, String by, String reason) {
        return update(DISCARD, by, reason, commandId) == 1;
    }

    public long backlog() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(BACKLOG);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new StoreUnavailableException("outbox count failed", e);
        }
    }

    public List<Map<String, Object>> list(String state, String system, int limit) {
        return rows(LIST, state, system, system, limit);
    }

    public List<Map<String, Object>> forOrder(UUID hubOrderId) {
        return rows(BY_ORDER, hubOrderId);
    }

    private List<Map<String, Object>> rows(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<Map<String, Object>> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("commandId", rs.getObject(1, UUID.class).toString());
                    m.put("idempotencyKey", rs.getString(2));
                    UUID order = rs.getObject(3, UUID.class);
                    m.put("hubOrderId", order == null ? null : order.toString());
                    m.put("system", rs.getString(4));
                    m.put("type", rs.getString(5));
                    m.put("state", rs.getString(6));
                    m.put("attempts", rs.getInt(7));
                    m.put("lastError", rs.getString(8));
                    m.put("errorClass", rs.getString(9));
                    if (rs.getString(10) != null) {
                        m.put("payload", CommandPlanner.JSON.readTree(rs.getString(10)));
                    }
                    m.put("createdAt", rs.getTimestamp(11).toInstant().toString());
                    m.put("updatedAt", rs.getTimestamp(12).toInstant().toString());
                    out.add(m);
                }
            }
            return out;
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new StoreUnavailableException("outbox read failed", e);
        }
    }

    private int update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("outbox update failed", e);
        }
    }
}
