package io.orderhub.rules.risk;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.orderhub.archive.StoreUnavailableException;

/** {@link RiskStats} on {@code risk_order_stat}. */
@ApplicationScoped
public class JdbcRiskStats implements RiskStats {

    private static final String UPSERT = """
            INSERT INTO risk_order_stat (hub_order_id, shop_key, paid_fen, address_hash, at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (hub_order_id) DO UPDATE SET shop_key = excluded.shop_key, paid_fen = excluded.paid_fen,
                address_hash = excluded.address_hash, at = excluded.at""";
    private static final String DELETE = "DELETE FROM risk_order_stat WHERE hub_order_id = ?";
    private static final String MEDIAN = """
            SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY paid_fen), count(*) FROM (
              SELECT paid_fen FROM risk_order_stat WHERE shop_key = ? AND hub_order_id <> ? AND at <= ?
               ORDER BY at DESC LIMIT ?) s""";
    private static final String ADDRESS = """
            SELECT count(*) FROM risk_order_stat WHERE address_hash = ? AND at > ? AND at <= ?""";

    private final DataSource dataSource;

    public JdbcRiskStats(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Seen recordAndRead(String hubOrderId, String shopKey, long paidFen, String addressHash, Instant at,
            boolean cancelled, int sampleSize, Duration window) {
        Timestamp ts = Timestamp.from(at);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement w = c.prepareStatement(cancelled ? DELETE : UPSERT)) {
                w.setString(1, hubOrderId);
                if (!cancelled) {
                    w.setString(2, shopKey);
                    w.setLong(3, paidFen);
                    w.setString(4, addressHash);
                    w.setTimestamp(5, ts);
                }
                w.executeUpdate();
            }
            Double median = null;
            int samples;
            try (PreparedStatement q = c.prepareStatement(MEDIAN)) {
                q.setString(1, shopKey);
                q.setString(2, hubOrderId);
                q.setTimestamp(3, ts);
                q.setInt(4, sampleSize);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    double m = rs.getDouble(1);
                    median = rs.wasNull() ? null : m;
                    samples = rs.getInt(2);
                }
            }
            int toAddress = 0;
            if (addressHash != null) {
                try (PreparedStatement q = c.prepareStatement(ADDRESS)) {
                    q.setString(1, addressHash);
                    q.setTimestamp(2, Timestamp.from(at.minus(window)));
                    q.setTimestamp(3, ts);
                    try (ResultSet rs = q.executeQuery()) {
                        rs.next();
                        toAddress = rs.getInt(1);
                    }
                }
            }
            return new Seen(median, samples, toAddress);
        } catch (SQLException e) {
            throw new StoreUnavailableException("risk stats failed", e);
        }
    }
}
