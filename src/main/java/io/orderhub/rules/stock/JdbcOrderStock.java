package io.orderhub.rules.stock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import io.orderhub.archive.StoreUnavailableException;

/** One order's reservation inside its open transaction (see {@link JdbcStockLedger#withOrder}). */
final class JdbcOrderStock implements StockLedger.OrderStock {

    private static final String ROWS = """
            SELECT line_id, source_line_id, warehouse, sku, quantity FROM stock_reservation
             WHERE hub_order_id = ? ORDER BY line_id, warehouse""";
    private static final String EXPIRES = "SELECT min(hold_expires_at) FROM stock_reservation WHERE hub_order_id = ?";
    private static final String CLOSED = """
            SELECT cause FROM stock_release WHERE hub_order_id = ? AND cause IN ('CANCELLED', 'REJECTED') LIMIT 1""";
    private static final String LOCK = """
            SELECT warehouse, sku, on_hand - reserved FROM stock WHERE sku = ANY(?)
             ORDER BY sku, warehouse FOR UPDATE""";
    private static final String TAKE = """
            UPDATE stock SET reserved = reserved + ?, updated_at = ?
             WHERE sku = ? AND warehouse = ? AND on_hand - reserved >= ?""";
    private static final String GIVE_BACK = """
            UPDATE stock SET reserved = reserved - ?, updated_at = ? WHERE sku = ? AND warehouse = ?""";
    private static final String DELETE = "DELETE FROM stock_reservation WHERE hub_order_id = ?";
    private static final String INSERT = """
            INSERT INTO stock_reservation (hub_order_id, line_id, warehouse, sku, quantity, source_line_id,
                                           hold_expires_at, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String KEEP = """
            UPDATE stock_reservation SET hold_expires_at = CASE WHEN ?::timestamptz IS NULL THEN NULL
                                                                ELSE coalesce(hold_expires_at, ?) END
             WHERE hub_order_id = ?""";
    private static final String LOG_RELEASE = """
            INSERT INTO stock_release (hub_order_id, cause, released, released_at)
            SELECT ?, ?, coalesce(jsonb_agg(jsonb_build_object('lineId', line_id, 'warehouse', warehouse,
                       'sku', sku, 'quantity', quantity) ORDER BY line_id, warehouse), '[]'::jsonb), ?
              FROM stock_reservation WHERE hub_order_id = ?""";

    private final Connection c;
    private final String hubOrderId;

    JdbcOrderStock(Connection c, String hubOrderId) {
        this.c = c;
        this.hubOrderId = hubOrderId;
    }

    @Override
    public List<StockLedger.Reserved> reservation() {
        try (PreparedStatement ps = c.prepareStatement(ROWS)) {
            ps.setString(1, hubOrderId);
            List<StockLedger.Reserved> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new StockLedger.Reserved(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getLong(5)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public Optional<Instant> holdExpiresAt() {
        try (PreparedStatement ps = c.prepareStatement(EXPIRES)) {
            ps.setString(1, hubOrderId);
            try (ResultSet rs = ps.executeQuery()) {
                Timestamp t = rs.next() ? rs.getTimestamp(1) : null;
                return Optional.ofNullable(t).map(Timestamp::toInstant);
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public Optional<String> closedBy() {
        try (PreparedStatement ps = c.prepareStatement(CLOSED)) {
            ps.setString(1, hubOrderId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public Map<String, Map<String, Long>> lockAvailable(Collection<String> skus) {
        List<StockLedger.Reserved> own = reservation();
        TreeSet<String> all = new TreeSet<>(skus);
        own.forEach(r -> all.add(r.sku()));
        Map<String, Map<String, Long>> available = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(LOCK)) {
            ps.setArray(1, c.createArrayOf("text", all.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    available.computeIfAbsent(rs.getString(1), w -> new TreeMap<>()).put(rs.getString(2),
                            rs.getLong(3));
                }
            }
        } catch (SQLException e) {
            throw failed(e);
        }
        own.forEach(r -> available.get(r.warehouse()).merge(r.sku(), r.quantity(), Long::sum));
        return available;
    }

    @Override
    public void replace(List<StockLedger.Reserved> rows, Instant holdExpiresAt, Instant now) {
        // net change per (sku, warehouse), applied in that order: the same lock order as lockAvailable
        Map<String, Map<String, Long>> delta = new TreeMap<>();
        reservation().forEach(r -> add(delta, r, -r.quantity()));
        rows.forEach(r -> add(delta, r, r.quantity()));
        try (PreparedStatement take = c.prepareStatement(TAKE);
                PreparedStatement giveBack = c.prepareStatement(GIVE_BACK);
                PreparedStatement delete = c.prepareStatement(DELETE);
                PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (var sku : delta.entrySet()) {
                for (var wh : sku.getValue().entrySet()) {
                    move(take, giveBack, sku.getKey(), wh.getKey(), wh.getValue(), now);
                }
            }
            delete.setString(1, hubOrderId);
            delete.executeUpdate();
            for (StockLedger.Reserved r : rows) {
                insert.setString(1, hubOrderId);
                insert.setString(2, r.lineId());
                insert.setString(3, r.warehouse());
                insert.setString(4, r.sku());
                insert.setLong(5, r.quantity());
                insert.setString(6, r.sourceLineId());
                insert.setTimestamp(7, holdExpiresAt == null ? null : Timestamp.from(holdExpiresAt));
                insert.setTimestamp(8, Timestamp.from(now));
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static void add(Map<String, Map<String, Long>> delta, StockLedger.Reserved r, long q) {
        delta.computeIfAbsent(r.sku(), s -> new TreeMap<>()).merge(r.warehouse(), q, Long::sum);
    }

    private static void move(PreparedStatement take, PreparedStatement giveBack, String sku, String warehouse, long q,
            Instant now) throws SQLException {
        if (q > 0) {
            take.setLong(1, q);
            take.setTimestamp(2, Timestamp.from(now));
            take.setString(3, sku);
            take.setString(4, warehouse);
            take.setLong(5, q);
            if (take.executeUpdate() != 1) {
                throw new IllegalStateException("not enough " + sku + " at " + warehouse + " to reserve " + q);
            }
        } else if (q < 0) {
            giveBack.setLong(1, -q);
            giveBack.setTimestamp(2, Timestamp.from(now));
            giveBack.setString(3, sku);
            giveBack.setString(4, warehouse);
            giveBack.executeUpdate();
        }
    }

    @Override
    public void keep(Instant holdExpiresAt) {
        try (PreparedStatement ps = c.prepareStatement(KEEP)) {
            Timestamp t = holdExpiresAt == null ? null : Timestamp.from(holdExpiresAt);
            ps.setTimestamp(1, t);
            ps.setTimestamp(2, t);
            ps.setString(3, hubOrderId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public List<StockLedger.Reserved> release(String cause, Instant now) {
        List<StockLedger.Reserved> held = reservation();
        if (!held.isEmpty() || "CANCELLED".equals(cause) || "REJECTED".equals(cause)) {
            try (PreparedStatement ps = c.prepareStatement(LOG_RELEASE)) {
                ps.setString(1, hubOrderId);
                ps.setString(2, cause);
                ps.setTimestamp(3, Timestamp.from(now));
                ps.setString(4, hubOrderId);
                ps.executeUpdate();
            } catch (SQLException e) {
                throw failed(e);
            }
        }
        replace(List.of(), null, now);
        return held;
    }

    private static StoreUnavailableException failed(SQLException e) {
        return new StoreUnavailableException("stock reservation failed", e);
    }
}
