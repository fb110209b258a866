package io.orderhub.rules.crm;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.orderhub.archive.StoreUnavailableException;

/** {@link FingerprintStore} on {@code rule_order_fingerprint}. */
@ApplicationScoped
public class JdbcFingerprintStore implements FingerprintStore {

    private static final String UPSERT = """
            INSERT INTO rule_order_fingerprint (hub_order_id, fingerprint, at, cancelled) VALUES (?, ?, ?, ?)
            ON CONFLICT (hub_order_id) DO UPDATE SET fingerprint = excluded.fingerprint, at = excluded.at,
                cancelled = excluded.cancelled""";
    private static final String EARLIER = """
            SELECT hub_order_id FROM rule_order_fingerprint
             WHERE fingerprint = ? AND hub_order_id <> ? AND NOT cancelled AND at >= ?
               AND (at < ? OR (at = ? AND hub_order_id < ?))
             ORDER BY at, hub_order_id LIMIT 20""";

    private final DataSource dataSource;

    public JdbcFingerprintStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<String> recordAndFindEarlier(String hubOrderId, String fingerprint, Instant at, boolean cancelled,
            Duration window) {
        Timestamp ts = Timestamp.from(at);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement up = c.prepareStatement(UPSERT)) {
                up.setString(1, hubOrderId);
                up.setString(2, fingerprint);
                up.setTimestamp(3, ts);
                up.setBoolean(4, cancelled);
                up.executeUpdate();
            }
            List<String> earlier = new ArrayList<>();
            if (cancelled) {
                return earlier;
            }
            try (PreparedStatement q = c.prepareStatement(EARLIER)) {
                q.setString(1, fingerprint);
                q.setString(2, hubOrderId);
                q.setTimestamp(3, Timestamp.from(at.minus(window)));
                q.setTimestamp(4, ts);
                q.setTimestamp(5, ts);
                q.setString(6, hubOrderId);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        earlier.add(rs.getString(1));
                    }
                }
            }
            return earlier;
        } catch (SQLException e) {
            throw new StoreUnavailableException("fingerprint store failed", e);
        }
    }
}
