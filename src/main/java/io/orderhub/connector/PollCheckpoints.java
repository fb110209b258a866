package io.orderhub.connector;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.orderhub.archive.StoreUnavailableException;

/**
 * Per-shop polling checkpoints with a lease, so one pod at a time polls a shop (cluster mode) and a dead pod's lease
 * simply lapses. The checkpoint ({@code window_end}) moves only through {@link #advance}, after a whole window is
 * stored, and only while the caller still holds the lease.
 */
@ApplicationScoped
public class PollCheckpoints {

    /** The checkpoint as the lease holder found it: {@code windowEnd} null for a shop never polled. */
    public record Lease(String shopKey, String owner, Instant windowEnd) {
    }

    private static final String ACQUIRE = """
            INSERT INTO poll_checkpoint (shop_key, channel, lease_owner, lease_until, updated_at)
            VALUES (?, ?, ?, now() + ?::interval, now())
            ON CONFLICT (shop_key) DO UPDATE SET lease_owner = excluded.lease_owner,
                   lease_until = excluded.lease_until, updated_at = now()
             WHERE (poll_checkpoint.lease_until IS NULL OR poll_checkpoint.lease_until < now())
               AND (poll_checkpoint.last_run_at IS NULL OR poll_checkpoint.last_run_at <= now() - ?::interval)
            RETURNING window_end""";
    private static final String ADVANCE = """
            UPDATE poll_checkpoint SET window_end = ?, last_window_start = ?, last_window_end = ?, last_listed = ?,
                   last_fetched = ?, last_error = NULL, lease_until = now() + ?::interval, updated_at = now()
             WHERE shop_key = ? AND lease_owner = ? AND lease_until >= now()""";
    private static final String RELEASE = """
            UPDATE poll_checkpoint SET lease_owner = NULL, lease_until = NULL, last_run_at = now(), last_error = ?,
                   updated_at = now()
             WHERE shop_key = ? AND lease_owner = ?""";
    private static final String VIEW = """
            SELECT window_end, lease_owner, lease_until, last_run_at, last_window_start, last_window_end, last_listed,
                   last_fetched, last_error FROM poll_checkpoint WHERE shop_key = ?""";

    private final DataSource dataSource;

    public PollCheckpoints(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Takes the shop's lease when nobody holds it and the last run is at least {@code interval} ago. */
    public Optional<Lease> acquire(String shopKey, String channel, String owner, Duration lease, Duration interval) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(ACQUIRE)) {
            ps.setString(1, shopKey);
            ps.setString(2, channel);
            ps.setString(3, owner);
            ps.setString(4, lease.toMillis() + " milliseconds");
            ps.setString(5, interval.toMillis() + " milliseconds");
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp end = rs.getTimestamp(1);
                return Optional.of(new Lease(shopKey, owner, end == null ? null : end.toInstant()));
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("poll lease failed", e);
        }
    }

    /** Moves the checkpoint to {@code end} and renews the lease; false when the lease was lost (stop polling). */
    public boolean advance(Lease lease, Instant start, Instant end, int listed, int fetched, Duration renew) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(ADVANCE)) {
            ps.setTimestamp(1, Timestamp.from(end));
            ps.setTimestamp(2, Timestamp.from(start));
            ps.setTimestamp(3, Timestamp.from(end));
            ps.setInt(4, listed);
            ps.setInt(5, fetched);
            ps.setString(6, renew.toMillis() + " milliseconds");
            ps.setString(7, lease.shopKey());
            ps.setString(8, lease.owner());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreUnavailableException("poll checkpoint failed", e);
        }
    }

    public void release(Lease lease, String error) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(RELEASE)) {
            ps.setString(1, error);
            ps.setString(2, lease.shopKey());
            ps.setString(3, lease.owner());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("poll lease release failed", e);
        }
    }

    public Optional<Map<String, Object>> view(String shopKey) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(VIEW)) {
            ps.setString(1, shopKey);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("checkpoint", text(rs.getTimestamp(1)));
                v.put("leaseOwner", rs.getString(2));
                v.put("leaseUntil", text(rs.getTimestamp(3)));
                v.put("lastRunAt", text(rs.getTimestamp(4)));
                v.put("lastWindowStart", text(rs.getTimestamp(5)));
                v.put("lastWindowEnd", text(rs.getTimestamp(6)));
                v.put("lastListed", rs.getObject(7));
                v.put("lastFetched", rs.getObject(8));
                v.put("lastError", rs.getString(9));
                return Optional.of(v);
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("poll checkpoint read failed", e);
        }
    }

    private static String text(Timestamp t) {
        return t == null ? null : t.toInstant().toString();
    }
}
