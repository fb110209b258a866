package io.orderhub.rules.stock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.orderhub.archive.StoreUnavailableException;

/** Stock counts and warehouses as the merchant loads them (admin API and CSV), and the stock view. */
@ApplicationScoped
public class StockCatalog {

    /** The merchant's count of one SKU in one warehouse. */
    public record Count(String warehouse, String sku, long onHand) {
    }

    private static final String UPSERT_WAREHOUSE = """
            INSERT INTO warehouse (code, province, ships_within_24h, updated_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (code) DO UPDATE SET province = excluded.province,
                ships_within_24h = excluded.ships_within_24h, updated_at = excluded.updated_at""";
    // reserved is never touched here: it belongs to the orders holding it
    private static final String UPSERT_STOCK = """
            INSERT INTO stock (sku, warehouse, on_hand, reserved, updated_at) VALUES (?, ?, ?, 0, ?)
            ON CONFLICT (sku, warehouse) DO UPDATE SET on_hand = excluded.on_hand, updated_at = excluded.updated_at""";
    private static final String VIEW = """
            SELECT s.warehouse, s.sku, s.on_hand, s.reserved, w.province, w.ships_within_24h
              FROM stock s JOIN warehouse w ON w.code = s.warehouse""";

    private final DataSource dataSource;

    public StockCatalog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public int upsertWarehouses(List<StockLedger.Warehouse> warehouses) {
        Timestamp now = Timestamp.from(Instant.now());
        return batch(UPSERT_WAREHOUSE, warehouses, (ps, w) -> {
            ps.setString(1, w.code());
            ps.setString(2, w.province());
            ps.setBoolean(3, w.shipsWithin24h());
            ps.setTimestamp(4, now);
        });
    }

    /** Sets on-hand counts, all or none, in (sku, warehouse) order: the lock order of reservations. */
    public int upsertStock(List<Count> counts) {
        Timestamp now = Timestamp.from(Instant.now());
        List<Count> sorted = counts.stream()
                .sorted(Comparator.comparing(Count::sku).thenComparing(Count::warehouse)).toList();
        return batch(UPSERT_STOCK, sorted, (ps, c) -> {
            ps.setString(1, c.sku());
            ps.setString(2, c.warehouse());
            ps.setLong(3, c.onHand());
            ps.setTimestamp(4, now);
        });
    }

    /** Stock rows (one SKU, or all up to {@code limit}) with reserved and available units. */
    public List<Map<String, Object>> view(String sku, int limit) {
        String sql = VIEW + (sku == null ? "" : " WHERE s.sku = ?") + " ORDER BY s.sku, s.warehouse LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (sku != null) {
                ps.setString(i++, sku);
            }
            ps.setInt(i, limit);
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("warehouse", rs.getString(1));
                    m.put("sku", rs.getString(2));
                    m.put("onHand", rs.getLong(3));
                    m.put("reserved", rs.getLong(4));
                    m.put("available", rs.getLong(3) - rs.getLong(4));
                    m.put("province", rs.getString(5));
                    m.put("shipsWithin24h", rs.getBoolean(6));
                    rows.add(m);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new StoreUnavailableException("stock lookup failed", e);
        }
    }

    private interface Binder<T> {
        void bind(PreparedStatement ps, T item) throws SQLException;
    }

    private <T> int batch(String sql, List<T> items, Binder<T> binder) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (T item : items) {
                    binder.bind(ps, item);
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
                return items.size();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("stock update failed", e);
        }
    }
}
