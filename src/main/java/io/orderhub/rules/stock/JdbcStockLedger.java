package io.orderhub.rules.stock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.orderhub.archive.StoreUnavailableException;

/**
 * The stock ledger in PostgreSQL: an order's transaction first takes a transaction-level advisory lock on the order
 * (two evaluations of one order run one after the other), then locks the stock rows it needs in (sku, warehouse)
 * order, so concurrent orders never deadlock and never take the same unit.
 */
@ApplicationScoped
public class JdbcStockLedger implements StockLedger {

    private static final String ORDER_LOCK = "SELECT pg_advisory_xact_lock(7007, hashtext(?))";
    private static final String WAREHOUSES = "SELECT code, province, ships_within_24h FROM warehouse ORDER BY code";
    private static final String TOTALS = """
            SELECT sku, sum(on_hand - reserved) FROM stock WHERE sku = ANY(?) GROUP BY sku""";
    private static final String EXPIRED = """
            SELECT hub_order_id FROM stock_reservation WHERE hold_expires_at < ?
             GROUP BY hub_order_id ORDER BY min(hold_expires_at) LIMIT ?""";
    private static final String SETTLED = "UPDATE stock_reservation SET hold_expires_at = NULL WHERE hub_order_id = ?";

    private final DataSource dataSource;

    public JdbcStockLedger(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<Warehouse> warehouses() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(WAREHOUSES);
                ResultSet rs = ps.executeQuery()) {
            List<Warehouse> all = new ArrayList<>();
            while (rs.next()) {
                all.add(new Warehouse(rs.getString(1), rs.getString(2), rs.getBoolean(3)));
            }
            return all;
        } catch (SQLException e) {
            throw new StoreUnavailableException("warehouse lookup failed", e);
        }
    }

    @Override
    public Map<String, Long> availableTotals(Collection<String> skus) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(TOTALS)) {
            ps.setArray(1, c.createArrayOf("text", skus.toArray()));
            Map<String, Long> totals = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    totals.put(rs.getString(1), rs.getLong(2));
                }
            }
            return totals;
        } catch (SQLException e) {
            throw new StoreUnavailableException("stock lookup failed", e);
        }
    }

    @Override
    public <T> T withOrder(String hubOrderId, Function<OrderStock, T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement lock = c.prepareStatement(ORDER_LOCK)) {
                    lock.setString(1, hubOrderId);
                    lock.execute();
                }
                T result = work.apply(new JdbcOrderStock(c, hubOrderId));
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("stock reservation failed", e);
        }
    }

    @Override
    public List<String> expiredHolds(Instant now, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(EXPIRED)) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setInt(2, limit);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new StoreUnavailableException("reservation sweep failed", e);
        }
    }

    @Override
    public void settled(String hubOrderId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SETTLED)) {
            ps.setString(1, hubOrderId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("reservation update failed", e);
        }
    }
}
