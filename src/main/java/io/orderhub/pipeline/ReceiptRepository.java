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
