package io.orderhub.pipeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.orderhub.archive.StoreUnavailableException;

/** Reads receipts: one by id for the API, and those still waiting for the validation layer for recovery. */
@ApplicationScoped
public class ReceiptRepository {

    /** A receipt as the API shows it. */
    public record ReceiptView(UUID receiptId, String channel, Instant receivedAt, String state, String hubOrderId,
            String reason) {
    }

    /** A stored receipt the validation layer has not processed yet. */
    public record Pending(long seq, UUID receiptId) {
    }

    private static final String FIND = """
            SELECT r.receipt_id, r.channel, r.received_at, COALESCE(s.state, 'ACCEPTED'), s.hub_order_id, s.reason
              FROM raw_receipt r LEFT JOIN receipt_state s ON s.receipt_id = r.receipt_id
             WHERE r.receipt_id = ?""";

    private static final String PENDING = """
            SELECT r.seq, r.receipt_id FROM raw_receipt r
             WHERE r.seq > ? AND NOT EXISTS (SELECT 1 FROM receipt_state s WHERE s.receipt_id = r.receipt_id)
             ORDER BY r.seq LIMIT ?""";

    private static final String MAX_SEQ = "SELECT coalesce(max(seq), 0) FROM raw_receipt";

    private static final String LOAD = """
            SELECT receipt_id, channel, shop_key, received_at, content_type, body FROM raw_receipt WHERE receipt_id = ?""";

    private static final String PARKED = """
            SELECT r.receipt_id FROM raw_receipt r JOIN receipt_state s ON s.receipt_id = r.receipt_id
             WHERE s.state = 'PARKED' AND r.channel = ? AND r.received_at >= ? AND r.received_at < ?
             ORDER BY r.seq LIMIT ?""";

    private final DataSource dataSource;

    public ReceiptRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<ReceiptView> find(UUID receiptId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FIND)) {
            ps.setObject(1, receiptId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ReceiptView(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getString(5), rs.getString(6)));
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("receipt lookup failed", e);
        }
    }

    /** The stored payload of a receipt, for the validation layer. */
    public Optional<RawReceipt> load(UUID receiptId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(LOAD)) {
            ps.setObject(1, receiptId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new RawReceipt(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getBytes(6)));
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("receipt load failed", e);
        }
    }

    /** PARKED receipts of a channel received in [from, to), oldest first, for bulk replay. */
    public List<UUID> parked(String channel, Instant from, Instant to, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(PARKED)) {
            ps.setString(1, channel);
            ps.setTimestamp(2, java.sql.Timestamp.from(from));
            ps.setTimestamp(3, java.sql.Timestamp.from(to));
            ps.setInt(4, limit);
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new StoreUnavailableException("parked receipt scan failed", e);
        }
    }

    /** The highest sequence number taken so far (visible or not yet committed ones below it may still appear). */
    public long maxSeq() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(MAX_SEQ);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new StoreUnavailableException("receipt sequence read failed", e);
        }
    }

    /** Unprocessed receipts after {@code afterSeq}, oldest first. */
    public List<Pending> pending(long afterSeq, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(PENDING)) {
            ps.setLong(1, afterSeq);
            ps.setInt(2, limit);
            List<Pending> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Pending(rs.getLong(1), rs.getObject(2, UUID.class)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new StoreUnavailableException("pending receipt scan failed", e);
        }
    }
}
