package io.orderhub.connector;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.orderhub.archive.StoreUnavailableException;

/**
 * The durable queue of thin notices waiting for their full order ({@code platform_fetch}), and the notice receipts'
 * state while they wait (FETCHING). Claims push {@code next_attempt_at} forward by a lease under
 * {@code FOR UPDATE SKIP LOCKED}, so pods share the work and a crashed worker's claims come back by themselves.
 */
@ApplicationScoped
public class FetchQueue {

    /** A claimed fetch. */
    public record Task(UUID receiptId, String channel, String shopKey, String platformOrderId, int attempts) {
    }

    private static final String MARK_FETCHING = """
            INSERT INTO receipt_state (receipt_id, state, processed_at) VALUES (?, 'FETCHING', now())
            ON CONFLICT (receipt_id) DO UPDATE SET state = 'FETCHING', reason = NULL, hub_order_id = NULL,
                processed_at = now(), attempts = receipt_state.attempts + 1
             WHERE receipt_state.state = 'PARKED'""";
    private static final String ENQUEUE = """
            INSERT INTO platform_fetch (receipt_id, channel, shop_key, platform_order_id, state, attempts,
                                        next_attempt_at, created_at, updated_at)
            VALUES (?, ?, ?, ?, 'PENDING', 0, now(), now(), now())
            ON CONFLICT (receipt_id) DO UPDATE SET state = 'PENDING', attempts = 0, next_attempt_at = now(),
                last_error = NULL, updated_at = now()""";
    private static final String CLAIM = """
            UPDATE platform_fetch f SET next_attempt_at = now() + ?::interval, updated_at = now()
             WHERE f.receipt_id IN (SELECT receipt_id FROM platform_fetch
                                     WHERE state = 'PENDING' AND next_attempt_at <= now()
                                     ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)
            RETURNING f.receipt_id, f.channel, f.shop_key, f.platform_order_id, f.attempts""";
    private static final String RETRY = """
            UPDATE platform_fetch SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, updated_at = now()
             WHERE receipt_id = ? AND state = 'PENDING'""";
    private static final String DONE = """
            UPDATE platform_fetch SET state = 'DONE', attempts = attempts + 1, full_receipt_id = ?, last_error = NULL,
                   updated_at = now()
             WHERE receipt_id = ? AND state = 'PENDING'""";
    private static final String FAILED = """
            UPDATE platform_fetch SET state = 'FAILED', attempts = attempts + 1, last_error = ?, updated_at = now()
             WHERE receipt_id = ? AND state = 'PENDING'""";
    private static final String SETTLE = """
            UPDATE receipt_state SET state = ?, hub_order_id = ?, reason = ?, processed_at = now()
             WHERE receipt_id = ? AND state = 'FETCHING'""";
    private static final String VIEW = """
            SELECT state, attempts, next_attempt_at, last_error, full_receipt_id, platform_order_id
              FROM platform_fetch WHERE receipt_id = ?""";
    private static final String COUNT = "SELECT state, count(*) FROM platform_fetch GROUP BY state";

    private final DataSource dataSource;

    public FetchQueue(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Marks the notice receipt FETCHING and queues its fetch, in one transaction; false when the receipt was already
     * processed (a second delivery of the same receipt to the validation layer).
     */
    public boolean enqueue(UUID receiptId, String channel, String shopKey, String platformOrderId) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement mark = c.prepareStatement(MARK_FETCHING);
                    PreparedStatement enq = c.prepareStatement(ENQUEUE)) {
                mark.setObject(1, receiptId);
                if (mark.executeUpdate() == 0) {
                    c.rollback();
                    return false;
                }
                enq.setObject(1, receiptId);
                enq.setString(2, channel);
                enq.setString(3, shopKey);
                enq.setString(4, platformOrderId);
                enq.executeUpdate();
                c.commit();
                return true;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("fetch enqueue failed", e);
        }
    }

    public List<Task> claim(int limit, Duration lease) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(CLAIM)) {
            ps.setString(1, lease.toMillis() + " milliseconds");
            ps.setInt(2, limit);
            List<Task> tasks = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tasks.add(new Task(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getInt(5)));
                }
            }
            return tasks;
        } catch (SQLException e) {
            throw new StoreUnavailableException("fetch claim failed", e);
        }
    }

    public void retry(UUID receiptId, Instant next, String error) {
        update(RETRY, ps -> {
            ps.setTimestamp(1, Timestamp.from(next));
            ps.setString(2, error);
            ps.setObject(3, receiptId);
        });
    }

    /** The full order is stored and processed: the notice receipt takes the full receipt's outcome. */
    public void done(UUID receiptId, UUID fullReceiptId, String state, String hubOrderId, String reason) {
        transaction(c -> {
            try (PreparedStatement d = c.prepareStatement(DONE); PreparedStatement s = c.prepareStatement(SETTLE)) {
                d.setObject(1, fullReceiptId);
                d.setObject(2, receiptId);
                d.executeUpdate();
                s.setString(1, state);
                s.setString(2, hubOrderId);
                s.setString(3, reason);
                s.setObject(4, receiptId);
                s.executeUpdate();
            }
        });
    }

    /** Given up: the notice receipt is PARKED with the reason and can be replayed once the cause is fixed. */
    public void failed(UUID receiptId, String reason) {
        transaction(c -> {
            try (PreparedStatement f = c.prepareStatement(FAILED); PreparedStatement s = c.prepareStatement(SETTLE)) {
                f.setString(1, reason);
                f.setObject(2, receiptId);
                f.executeUpdate();
                s.setString(1, "PARKED");
                s.setString(2, null);
                s.setString(3, reason);
                s.setObject(4, receiptId);
                s.executeUpdate();
            }
        });
    }

    /** The fetch behind a notice receipt, for the receipts API. */
    public Optional<Map<String, Object>> view(UUID receiptId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(VIEW)) {
            ps.setObject(1, receiptId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("state", rs.getString(1));
                v.put("platformOrderId", rs.getString(6));
                v.put("attempts", rs.getInt(2));
                v.put("nextAttemptAt", "PENDING".equals(rs.getString(1))
                        ? rs.getTimestamp(3).toInstant().toString()
                        : null);
                v.put("lastError", rs.getString(4));
                UUID full = rs.getObject(5, UUID.class);
                v.put("fullReceiptId", full == null ? null : full.toString());
                return Optional.of(v);
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("fetch lookup failed", e);
        }
    }

    /** Fetches by state (PENDING, DONE, FAILED), for metrics. */
    public Map<String, Long> counts() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(COUNT);
                ResultSet rs = ps.executeQuery()) {
            Map<String, Long> counts = new LinkedHashMap<>();
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
            return counts;
        } catch (SQLException e) {
            throw new StoreUnavailableException("fetch count failed", e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private interface Work {
        void run(Connection c) throws SQLException;
    }

    private void update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("fetch update failed", e);
        }
    }

    private void transaction(Work work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("fetch update failed", e);
        }
    }
}
