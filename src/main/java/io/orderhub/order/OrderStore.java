package io.orderhub.order;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.f4b6a3.uuid.UuidCreator;

import io.orderhub.archive.StoreUnavailableException;
import io.orderhub.pipeline.RawReceipt;
import io.orderhub.util.Hashing;

/**
 * Stores mapped canonical orders: one order per (channel, shopId, platformOrderId) with a stable hub order id, every
 * version in its history, and the current version chosen by the platform's own modification time — a late, older
 * version never overwrites a newer one. The receipt's outcome is written in the same transaction, so a receipt is
 * applied exactly once in effect however often it is processed.
 */
@ApplicationScoped
public class OrderStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String CLAIM_NEW = """
            INSERT INTO hub_order (hub_order_id, channel, shop_id, platform_order_id, version, platform_updated_at,
                                   order_json, content_sha256, mapping_version, receipt_id, created_at, updated_at)
            VALUES (?, ?, ?, ?, 1, ?, ?::jsonb, ?, ?, ?, now(), now())
            ON CONFLICT (channel, shop_id, platform_order_id) DO NOTHING""";
    private static final String LOCK = """
            SELECT hub_order_id, version, platform_updated_at, content_sha256 FROM hub_order
             WHERE channel = ? AND shop_id = ? AND platform_order_id = ? FOR UPDATE""";
    private static final String LAST_VERSION = "SELECT max(version) FROM hub_order_version WHERE hub_order_id = ?";
    private static final String SAME_VERSION = """
            SELECT 1 FROM hub_order_version WHERE hub_order_id = ? AND platform_updated_at = ? AND content_sha256 = ?""";
    private static final String MAKE_CURRENT = """
            UPDATE hub_order SET version = ?, platform_updated_at = ?, order_json = ?::jsonb, content_sha256 = ?,
                                 mapping_version = ?, receipt_id = ?, updated_at = now()
             WHERE hub_order_id = ?""";
    private static final String ADD_VERSION = """
            INSERT INTO hub_order_version (hub_order_id, version, platform_updated_at, applied, order_json,
                                           content_sha256, mapping_version, receipt_id, stored_at)
            VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?, now())""";
    /** First outcome of a receipt, or the outcome of a replayed PARKED one; anything else was processed already. */
    static final String RECORD_STATE = """
            INSERT INTO receipt_state AS s (receipt_id, state, hub_order_id, reason, processed_at)
            VALUES (?, ?, ?, ?, now())
            ON CONFLICT (receipt_id) DO UPDATE
               SET state = excluded.state, hub_order_id = excluded.hub_order_id, reason = excluded.reason,
                   processed_at = excluded.processed_at, attempts = s.attempts + 1
             WHERE s.state = 'PARKED'""";

    private final DataSource dataSource;

    private final List<OrderVersionListener> listeners;

    public OrderStore(DataSource dataSource, jakarta.enterprise.inject.Instance<OrderVersionListener> listeners) {
        this.dataSource = dataSource;
        this.listeners = listeners.stream().toList();
    }

    /** Applies one mapped order taken from {@code receipt}; see {@link ApplyOutcome} for the outcomes. */
    public ApplyOutcome apply(RawReceipt receipt, ObjectNode order, String mappingVersion) {
        Instant updatedAt = order.hasNonNull("updatedAt")
                ? Instant.parse(order.get("updatedAt").asText())
                : receipt.receivedAt(); // a platform without modification times: arrival order stands in
        String json = write(order);
        byte[] sha = Hashing.sha256(json);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                ApplyOutcome outcome = apply(c, receipt, order, json, sha, updatedAt, mappingVersion);
                if ("MAPPED".equals(outcome.state()) || "SUPERSEDED".equals(outcome.state())) {
                    for (OrderVersionListener l : listeners) {
                        l.onVersion(c, outcome.hubOrderId(), outcome.version(), order, updatedAt,
                                "MAPPED".equals(outcome.state()));
                    }
                }
                if (!recordState(c, receipt.receiptId(), outcome.state(), outcome.hubOrderId().toString())) {
                    c.rollback();
                    return new ApplyOutcome(ApplyOutcome.ALREADY_PROCESSED, outcome.hubOrderId(), 0);
                }
                c.commit();
                return outcome;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("order store write failed", e);
        }
    }

    /** Records a PARKED outcome (first time, or again after a replay that failed); false if already processed. */
    public boolean park(UUID receiptId, String reason) {
        try (Connection c = dataSource.getConnection()) {
            return recordState(c, receiptId, "PARKED", null, reason);
        } catch (SQLException e) {
            throw new StoreUnavailableException("receipt state write failed", e);
        }
    }

    private ApplyOutcome apply(Connection c, RawReceipt receipt, ObjectNode order, String json, byte[] sha,
            Instant updatedAt, String mappingVersion) throws SQLException {
        String channel = order.get("channel").asText();
        String shopId = order.get("shopId").asText();
        String platformOrderId = order.get("platformOrderId").asText();
        UUID fresh = UuidCreator.getTimeOrderedEpoch();
        try (PreparedStatement ps = c.prepareStatement(CLAIM_NEW)) {
            ps.setObject(1, fresh);
            ps.setString(2, channel);
            ps.setString(3, shopId);
            ps.setString(4, platformOrderId);
            ps.setTimestamp(5, Timestamp.from(updatedAt));
            ps.setString(6, json);
            ps.setBytes(7, sha);
            ps.setString(8, mappingVersion);
            ps.setObject(9, receipt.receiptId());
            if (ps.executeUpdate() == 1) {
                addVersion(c, fresh, 1, updatedAt, true, json, sha, mappingVersion, receipt.receiptId());
                return new ApplyOutcome("MAPPED", fresh, 1);
            }
        }
        UUID hubOrderId;
        Instant currentAt;
        try (PreparedStatement ps = c.prepareStatement(LOCK)) {
            ps.setString(1, channel);
            ps.setString(2, shopId);
            ps.setString(3, platformOrderId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                hubOrderId = rs.getObject(1, UUID.class);
                currentAt = rs.getTimestamp(3).toInstant();
                if (currentAt.equals(updatedAt) && Arrays.equals(rs.getBytes(4), sha)) {
                    return new ApplyOutcome("DUPLICATE", hubOrderId, rs.getInt(2));
                }
            }
        }
        if (sameVersionStored(c, hubOrderId, updatedAt, sha)) {
            return new ApplyOutcome("DUPLICATE", hubOrderId, 0);
        }
        int version = lastVersion(c, hubOrderId) + 1;
        // equal times with different content: the later arrival wins, as the platform's own resend would
        boolean current = !updatedAt.isBefore(currentAt);
        addVersion(c, hubOrderId, version, updatedAt, current, json, sha, mappingVersion, receipt.receiptId());
        if (!current) {
            return new ApplyOutcome("SUPERSEDED", hubOrderId, version);
        }
        try (PreparedStatement ps = c.prepareStatement(MAKE_CURRENT)) {
            ps.setInt(1, version);
            ps.setTimestamp(2, Timestamp.from(updatedAt));
            ps.setString(3, json);
            ps.setBytes(4, sha);
            ps.setString(5, mappingVersion);
            ps.setObject(6, receipt.receiptId());
            ps.setObject(7, hubOrderId);
            ps.executeUpdate();
        }
        return new ApplyOutcome("MAPPED", hubOrderId, version);
    }

    private static boolean sameVersionStored(Connection c, UUID hubOrderId, Instant at, byte[] sha)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SAME_VERSION)) {
            ps.setObject(1, hubOrderId);
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setBytes(3, sha);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static int lastVersion(Connection c, UUID hubOrderId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LAST_VERSION)) {
            ps.setObject(1, hubOrderId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void addVersion(Connection c, UUID hubOrderId, int version, Instant at, boolean applied,
            String json, byte[] sha, String mappingVersion, UUID receiptId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ADD_VERSION)) {
            ps.setObject(1, hubOrderId);
            ps.setInt(2, version);
            ps.setTimestamp(3, Timestamp.from(at));
            ps.setBoolean(4, applied);
            ps.setString(5, json);
            ps.setBytes(6, sha);
            ps.setString(7, mappingVersion);
            ps.setObject(8, receiptId);
            ps.executeUpdate();
        }
    }

    private static boolean recordState(Connection c, UUID receiptId, String state, String hubOrderId)
            throws SQLException {
        return recordState(c, receiptId, state, hubOrderId, null);
    }

    private static boolean recordState(Connection c, UUID receiptId, String state, String hubOrderId, String reason)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(RECORD_STATE)) {
            ps.setObject(1, receiptId);
            ps.setString(2, state);
            ps.setString(3, hubOrderId);
            ps.setString(4, reason);
            return ps.executeUpdate() == 1;
        }
    }

    private static String write(ObjectNode order) {
        try {
            return JSON.writeValueAsString(order);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
