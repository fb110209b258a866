package io.orderhub.execute;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.f4b6a3.uuid.UuidCreator;

/**
 * Writes an order's downstream commands into the outbox, inside the caller's transaction — the one that makes the
 * order READY or APPROVED — so an order is never ready without its commands, nor commands without a ready order. The
 * commands come from the evaluation's {@code commands} fact (the commands rule); each gets the idempotency key
 * {@code hubOrderId:type[#shipment]:version} and a payload from the system's downstream mapping. A command already
 * planned (same key) is left as it is.
 */
@ApplicationScoped
public class CommandPlanner {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private static final String LOAD = """
            SELECT h.order_json::text, e.order_version, e.state, e.tags::text, e.facts::text, e.priority
              FROM order_evaluation e JOIN hub_order h ON h.hub_order_id = e.hub_order_id
             WHERE e.hub_order_id = ?""";
    private static final String INSERT = """
            INSERT INTO outbox_command (command_id, idempotency_key, hub_order_id, order_version, system,
                                        command_type, priority, payload, degraded, state, next_attempt_at,
                                        created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, 'PENDING', now(), now(), now())
            ON CONFLICT (idempotency_key) DO NOTHING""";

    private final Instance<PayloadBuilder> builders;

    public CommandPlanner(Instance<PayloadBuilder> builders) {
        this.builders = builders;
    }

    /** Plans the commands of an order whose evaluation (in this transaction) is READY or APPROVED; returns how many. */
    public int plan(Connection c, UUID hubOrderId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LOAD)) {
            ps.setObject(1, hubOrderId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !("READY".equals(rs.getString(3)) || "APPROVED".equals(rs.getString(3)))) {
                    return 0;
                }
                ObjectNode order = (ObjectNode) JSON.readTree(rs.getString(1));
                order.put("hubOrderId", hubOrderId.toString());
                int version = rs.getInt(2);
                ObjectNode evaluation = JSON.createObjectNode();
                evaluation.put("state", rs.getString(3));
                evaluation.set("tags", JSON.readTree(rs.getString(4)));
                JsonNode facts = JSON.readTree(rs.getString(5));
                evaluation.set("facts", facts);
                return insert(c, hubOrderId, version, rs.getInt(6), order, evaluation, facts.path("commands"));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored order " + hubOrderId + " is not JSON", e);
        }
    }

    private int insert(Connection c, UUID hubOrderId, int version, int priority, ObjectNode order,
            ObjectNode evaluation, JsonNode commands) throws SQLException {
        int n = 0;
        try (PreparedStatement ins = c.prepareStatement(INSERT)) {
            for (JsonNode planned : commands) {
                String system = planned.path("system").asText();
                String type = planned.path("type").asText();
                JsonNode shipment = planned.path("shipmentIndex");
                String key = hubOrderId + ":" + type + (shipment.isInt() ? "#" + shipment.asInt() : "") + ":" + version;
                ObjectNode command = JSON.createObjectNode();
                command.put("system", system);
                command.put("type", type);
                command.put("idempotencyKey", key);
                command.put("degraded", false);
                command.set("shipmentIndex", shipment.isInt() ? shipment : null);
                JsonNode shipments = evaluation.path("facts").path("shipments");
                command.put("warehouse", shipment.isInt()
                        ? shipments.path(shipment.asInt()).path("warehouse")
                                .asText(null)
                        : null);
                ObjectNode input = JSON.createObjectNode();
                input.set("order", order);
                input.set("evaluation", evaluation);
                input.set("command", command);
                JsonNode payload = payload(system, input);
                ins.setObject(1, UuidCreator.getTimeOrderedEpoch());
                ins.setString(2, key);
                ins.setObject(3, hubOrderId);
                ins.setInt(4, version);
                ins.setString(5, system);
                ins.setString(6, type);
                ins.setInt(7, priority);
                ins.setString(8, payload.toString());
                ins.setBoolean(9, false);
                ins.addBatch();
                n++;
            }
            if (n > 0) {
                ins.executeBatch();
            }
        }
        return n;
    }

    /** The system's mapping builds the payload; a system without a mapping file receives the command input. */
    private JsonNode payload(String system, ObjectNode input) {
        for (PayloadBuilder b : builders) {
            if (b.has(system)) {
                return b.build(system, input);
            }
        }
        return input;
    }
}
