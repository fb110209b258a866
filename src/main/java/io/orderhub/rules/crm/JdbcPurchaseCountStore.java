package io.orderhub.rules.crm;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.orderhub.archive.StoreUnavailableException;

/**
 * {@link PurchaseCountStore} on {@code rule_purchase_count}. One transaction per order under a per-buyer advisory
 * lock, so two orders of one buyer evaluated at once cannot both see the other's quantity missing.
 */
@ApplicationScoped
public class JdbcPurchaseCountStore implements PurchaseCountStore {

    private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext(?))";
    private static final String DELETE = "DELETE FROM rule_purchase_count WHERE hub_order_id = ?";
    private static final String INSERT = """
            INSERT INTO rule_purchase_count (hub_order_id, sku, buyer_hash, quantity, at, cancelled)
            VALUES (?, ?, ?, ?, ?, ?)""";
    private static final String COUNT = """
            SELECT coalesce(sum(quantity), 0) FROM rule_purchase_count
             WHERE buyer_hash = ? AND sku = ? AND NOT cancelled AND at > ? AND at <= ?""";

    private final DataSource dataSource;

    public JdbcPurchaseCountStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<Integer> recordAndCount(String hubOrderId, String buyerHash, Map<String, Integer> quantityBySku,
            Instant at, boolean cancelled, List<Window> windows) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Integer> counts = run(c, hubOrderId, buyerHash, quantityBySku, at, cancelled, windows);
                c.commit();
                return counts;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("purchase count store failed", e);
        }
    }

    private static List<Integer> run(Connection c, String hubOrderId, String buyerHash, Map<String, Integer> qty,
            Instant at, boolean cancelled, List<Window> windows) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement(LOCK);
                PreparedStatement del = c.prepareStatement(DELETE);
                PreparedStatement ins = c.prepareStatement(INSERT)) {
            lock.setString(1, buyerHash);
            lock.execute();
            del.setString(1, hubOrderId);
            del.executeUpdate();
            for (Map.Entry<String, Integer> e : qty.entrySet()) {
                ins.setString(1, hubOrderId);
                ins.setString(2, e.getKey());
                ins.setString(3, buyerHash);
                ins.setInt(4, e.getValue());
                ins.setTimestamp(5, Timestamp.from(at));
                ins.setBoolean(6, cancelled);
                ins.addBatch();
            }
            ins.executeBatch();
        }
        List<Integer> counts = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement(COUNT)) {
            for (Window w : windows) {
                q.setString(1, buyerHash);
                q.setString(2, w.sku());
                q.setTimestamp(3, Timestamp.from(at.minus(w.period())));
                q.setTimestamp(4, Timestamp.from(at));
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    counts.add(rs.getInt(1));
                }
            }
        }
        return counts;
    }
}
