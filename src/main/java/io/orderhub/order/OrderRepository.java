package io.orderhub.order;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.archive.StoreUnavailableException;

/** Reads canonical orders: the current version with its history of platform statuses. */
@ApplicationScoped
public class OrderRepository {

    /** One stored version as the order view lists it. */
    public record VersionView(int version, String platformUpdatedAt, boolean applied, String status,
            String platformStatus, String mappingVersion, UUID receiptId) {
    }

    /** The current version of an order and its history. */
    public record OrderView(UUID hubOrderId, int version, String mappingVersion, ObjectNode order,
            List<VersionView> history) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BY_ID = """
            SELECT hub_order_id, version, mapping_version, order_json::text FROM hub_order WHERE hub_order_id = ?""";
    private static final String BY_PLATFORM_ID = """
            SELECT hub_order_id FROM hub_order WHERE channel = ? AND platform_order_id = ? ORDER BY shop_id""";
    /**
     * Any id customer service has at hand: a platform order id (any channel), a waybill number (issued by the
     * carrier, or reported by a carrier or WMS), or the last four digits of the receiver's phone with the receiver's
     * name (masked phones keep their last four).
     */
    private static final String BY_ANY_ID = """
            SELECT hub_order_id FROM hub_order WHERE platform_order_id = ?
            UNION SELECT hub_order_id FROM waybill WHERE waybill_no = ?
            UNION SELECT hub_order_id FROM order_status WHERE waybill_no = ?
            LIMIT 50""";
    private static final String BY_RECEIVER = """
            SELECT hub_order_id FROM hub_order
             WHERE order_json -> 'receiver' ->> 'name' = ? AND right(order_json -> 'receiver' ->> 'phone', 4) = ?
             ORDER BY created_at DESC LIMIT 50""";
    private static final String HISTORY = """
            SELECT version, platform_updated_at, applied, order_json->>'status', order_json->>'platformStatus',
                   mapping_version, receipt_id
              FROM hub_order_version WHERE hub_order_id = ? ORDER BY platform_updated_at, version""";

    private final DataSource dataSource;

    public OrderRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<OrderView> find(UUID hubOrderId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(BY_ID)) {
            ps.setObject(1, hubOrderId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new OrderView(hubOrderId, rs.getInt(2), rs.getString(3),
                        (ObjectNode) JSON.readTree(rs.getString(4)), history(c, hubOrderId)));
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new StoreUnavailableException("order lookup failed", e);
        }
    }

    /** Orders with this platform order id on a channel (one per shop). */
    public List<OrderView> byPlatformOrderId(String channel, String platformOrderId) {
        List<UUID> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(BY_PLATFORM_ID)) {
            ps.setString(1, channel);
            ps.setString(2, platformOrderId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("order search failed", e);
        }
        return ids.stream().map(this::find).flatMap(Optional::stream).toList();
    }

    /** {@code GET /api/v1/orders?q=}: the orders an id, a waybill or "phone last 4 + name" names (at most 50). */
    public List<OrderView> search(String q) {
        String text = q.trim();
        try {
            return find(UUID.fromString(text)).stream().toList();
        } catch (IllegalArgumentException notHubId) {
            // one of the other ids
        }
        List<UUID> ids = new ArrayList<>();
        java.util.regex.Matcher receiver = java.util.regex.Pattern
                .compile("^(?:(\\d{4})\\s*(\\S.*)|(.*\\S)\\s*(\\d{4}))$").matcher(text);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(BY_ANY_ID)) {
                ps.setString(1, text);
                ps.setString(2, text);
                ps.setString(3, text);
                collect(ps, ids);
            }
            if (receiver.matches()) {
                String digits = receiver.group(1) != null ? receiver.group(1) : receiver.group(4);
                String name = (receiver.group(2) != null ? receiver.group(2) : receiver.group(3)).trim();
                try (PreparedStatement ps = c.prepareStatement(BY_RECEIVER)) {
                    ps.setString(1, name);
                    ps.setString(2, digits);
                    collect(ps, ids);
                }
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("order search failed", e);
        }
        return ids.stream().distinct().map(this::find).flatMap(Optional::stream).toList();
    }

    private static void collect(PreparedStatement ps, List<UUID> ids) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getObject(1, UUID.class));
            }
        }
    }

    private static List<VersionView> history(Connection c, UUID hubOrderId) throws SQLException {
        List<VersionView> versions = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(HISTORY)) {
            ps.setObject(1, hubOrderId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    versions.add(new VersionView(rs.getInt(1), rs.getTimestamp(2).toInstant().toString(),
                            rs.getBoolean(3), rs.getString(4), rs.getString(5), rs.getString(6),
                            rs.getObject(7, UUID.class)));
                }
            }
        }
        return versions;
    }
}
