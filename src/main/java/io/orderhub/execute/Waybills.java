package io.orderhub.execute;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import io.orderhub.archive.StoreUnavailableException;

/**
 * The waybill numbers carriers handed out, each tied to its order and shipment with the shipment's lines: what
 * loading scans and carrier status events are matched on.
 */
@ApplicationScoped
public class Waybills {

    /** A waybill with the lines its parcel should hold. */
    public record Waybill(String waybillNo, UUID hubOrderId, int shipmentIndex, JsonNode lines) {
    }

    private static final String RECORD = """
            INSERT INTO waybill (waybill_no, hub_order_id, shipment_index, command_id, lines, created_at)
            SELECT ?, o.hub_order_id, ?, o.command_id, ?::jsonb, now() FROM outbox_command o WHERE o.command_id = ?
            ON CONFLICT (waybill_no) DO NOTHING""";
    private static final String SHIPMENT_LINES = """
            SELECT coalesce(e.facts->'shipments'->?->'lines', h.order_json->'lines')::text
              FROM hub_order h LEFT JOIN order_evaluation e ON e.hub_order_id = h.hub_order_id
             WHERE h.hub_order_id = ?""";
    private static final String FIND = """
            SELECT waybill_no, hub_order_id, shipment_index, lines::text FROM waybill WHERE waybill_no = ?""";

    private final DataSource dataSource;

    public Waybills(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records the waybill a carrier answered for a command (idempotent: a repeat answer is the same waybill). */
    public void record(Command command, String waybillNo) {
        int shipment = shipmentOf(command.idempotencyKey());
        try (Connection c = dataSource.getConnection()) {
            String lines;
            try (PreparedStatement ps = c.prepareStatement(SHIPMENT_LINES)) {
                ps.setInt(1, shipment);
                ps.setObject(2, command.hubOrderId());
                try (ResultSet rs = ps.executeQuery()) {
                    lines = rs.next() && rs.getString(1) != null ? rs.getString(1) : "[]";
                }
            }
            try (PreparedStatement ps = c.prepareStatement(RECORD)) {
                ps.setString(1, waybillNo);
                ps.setInt(2, shipment);
                ps.setString(3, lines);
                ps.setObject(4, command.commandId());
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("waybill record failed", e);
        }
    }

    public Optional<Waybill> find(String waybillNo) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FIND)) {
            ps.setString(1, waybillNo);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                JsonNode lines = CommandPlanner.JSON.readTree(rs.getString(4));
                return Optional.of(new Waybill(rs.getString(1), rs.getObject(2, UUID.class), rs.getInt(3),
                        lines.isArray() ? lines : CommandPlanner.JSON.createArrayNode()));
            }
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new StoreUnavailableException("waybill lookup failed", e);
        }
    }

    static int shipmentOf(String key) {
        int hash = key.indexOf('#');
        if (hash < 0) {
            return 0;
        }
        int colon = key.indexOf(':', hash);
        return Integer.parseInt(key.substring(hash + 1, colon < 0 ? key.length() : colon));
    }

    static ArrayNode empty() {
        return CommandPlanner.JSON.createArrayNode();
    }
}
