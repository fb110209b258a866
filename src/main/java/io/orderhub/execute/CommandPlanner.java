package io.orderhub.execute;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
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
 * planned (same key) is left as it is. While execution is degraded, payloads leave out non-core fields and the order
 * is tagged DEGRADED; {@link #backfill} later sends those fields as update commands.
 */
@ApplicationScoped
public class CommandPlanner {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    /** A stored order with its evaluation, as command inputs need it. */
    private record Source(UUID hubOrderId, int version, int priority, ObjectNode order, ObjectNode evaluation) {
    }

    private static final String LOAD = """
            SELECT h.order_json::text, coalesce(e.order_version, h.version), coalesce(e.state, 'NONE'),
                   coalesce(e.tags, '[]'::jsonb)::text, coalesce(e.facts, '{}'::jsonb)::text, coalesce(e.priority, 0)
              FROM hub_order h LEFT JOIN order_evaluation e ON e.hub_order_id = h.hub_order_id
             WHERE h.hub_order_id = ?""";
    private static final String INSERT = """
            INSERT INTO outbox_command (command_id, idempotency_key, hub_order_id, order_version, system,
                                        command_type, priority, payload, degraded, state, next_attempt_at,
                                        backfill_of, warehouse, built, last_error, error_class, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, now(), ?, ?, ?, ?, ?, now(), now())
            ON CONFLICT (idempotency_key) DO NOTHING""";
    private static final String TAG_DEGRADED = """
            UPDATE order_evaluation SET tags = tags || '["DEGRADED"]'::jsonb
             WHERE hub_order_id = ? AND NOT tags @> '["DEGRADED"]'::jsonb""";
    private static final String TO_BACKFILL = """
            SELECT o.command_id, o.hub_order_id, o.system, o.command_type, o.idempotency_key, o.payload::text
              FROM outbox_command o
             WHERE o.degraded AND o.state = 'SENT' AND o.backfill_of IS NULL AND o.system = ANY (?)
               AND NOT EXISTS (SELECT 1 FROM outbox_command b WHERE b.backfill_of = o.command_id)
             ORDER BY o.created_at LIMIT ?""";

    private final Instance<PayloadBuilder> builders;
    private final DegradationSwitch degradation;

    public CommandPlanner(Instance<PayloadBuilder> builders, DegradationSwitch degradation) {
        this.builders = builders;
        this.degradation = degradation;
    }

    /** Plans the commands of an order whose evaluation (in this transaction) is READY or APPROVED; returns how many. */
    public int plan(Connection c, UUID hubOrderId) throws SQLException {
        Optional<Source> source = load(c, hubOrderId);
        if (source.isEmpty()) {
            return 0;
        }
        String state = source.get().evaluation().path("state").asText();
        if (!"READY".equals(state) && !"APPROVED".equals(state)) {
            return 0;
        }
        boolean degraded = degradation.degraded();
        int n = 0;
        // all of the order's commands in one round trip (a JDBC batch): at promotion rates the outbox insert is the
        // validation layer's most frequent statement
        try (PreparedStatement ins = c.prepareStatement(INSERT)) {
            for (JsonNode planned : source.get().evaluation().path("facts").path("commands")) {
                JsonNode shipment = planned.path("shipmentIndex");
                bind(ins, source.get(), planned.path("system").asText(), planned.path("type").asText(),
                        shipment.isInt() ? shipment.asInt() : null, degraded, null, "", null);
                ins.addBatch();
            }
            for (int count : ins.executeBatch()) {
                n += Math.max(count, 0);
            }
        }
        if (degraded && n > 0) {
            try (PreparedStatement tag = c.prepareStatement(TAG_DEGRADED)) {
                tag.setObject(1, hubOrderId);
                tag.executeUpdate();
            }
        }
        return n;
    }

    /**
     * A command that is not the commands rule's but a reaction to what happened to the order later (a platform
     * write-back once shipped, a WMS cancel on a refund...), planned in the caller's transaction. The system's mapping
     * receives {@code {order, evaluation, command, extra}}; the idempotency key is
     * {@code hubOrderId:type:version:keyPart}, so the same reaction to the same event is planned once. Returns 1 when
     * planned, 0 when already there (or the order is unknown).
     */
    public int planReaction(Connection c, UUID hubOrderId, String system, String type, String keyPart,
            JsonNode extra) throws SQLException {
        Optional<Source> source = load(c, hubOrderId);
        if (source.isEmpty()) {
            return 0;
        }
        return insert(c, source.get(), system, type, null, false, null, ":" + keyPart, extra);
    }

    /**
     * After degradation: for degraded commands the systems have confirmed, an update command carrying the full
     * payload ({@code <TYPE>_UPDATE}), sent after the original. Returns how many were planned.
     */
    public int backfill(Connection c, List<String> systems, int limit) throws SQLException {
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement(TO_BACKFILL)) {
            Array names = c.createArrayOf("text", systems.toArray());
            ps.setArray(1, names);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID original = rs.getObject(1, UUID.class);
                    Optional<Source> source = load(c, rs.getObject(2, UUID.class));
                    if (source.isEmpty()) {
                        continue;
                    }
                    JsonNode shipment = JSON.readTree(rs.getString(6)).path("command").path("shipmentIndex");
                    Integer index = shipment.isInt() ? Integer.valueOf(shipment.asInt()) : shipmentOf(rs.getString(5));
                    n += insert(c, source.get(), rs.getString(3), rs.getString(4) + "_UPDATE", index, false, original,
                            ":" + original);
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored command payload is not JSON", e);
        }
        return n;
    }

    private static Integer shipmentOf(String key) {
        int hash = key.indexOf('#');
        if (hash < 0) {
            return null;
        }
        int colon = key.indexOf(':', hash);
        return Integer.parseInt(key.substring(hash + 1, colon < 0 ? key.length() : colon));
    }

    private Optional<Source> load(Connection c, UUID hubOrderId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LOAD)) {
            ps.setObject(1, hubOrderId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                ObjectNode order = (ObjectNode) JSON.readTree(rs.getString(1));
                order.put("hubOrderId", hubOrderId.toString());
                ObjectNode evaluation = JSON.createObjectNode();
                evaluation.put("state", rs.getString(3));
                evaluation.set("tags", JSON.readTree(rs.getString(4)));
                evaluation.set("facts", JSON.readTree(rs.getString(5)));
                return Optional.of(new Source(hubOrderId, rs.getInt(2), rs.getInt(6), order, evaluation));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored order " + hubOrderId + " is not JSON", e);
        }
    }

    private int insert(Connection c, Source s, String system, String type, Integer shipment, boolean degraded,
            UUID backfillOf, String keySuffix) throws SQLException {
        return insert(c, s, system, type, shipment, degraded, backfillOf, keySuffix, null);
    }

    private int insert(Connection c, Source s, String system, String type, Integer shipment, boolean degraded,
            UUID backfillOf, String keySuffix, JsonNode extra) throws SQLException {
        try (PreparedStatement ins = c.prepareStatement(INSERT)) {
            bind(ins, s, system, type, shipment, degraded, backfillOf, keySuffix, extra);
            return ins.executeUpdate();
        }
    }

    /** Binds one command row: its key, and its payload built by the system's mapping (or its input, failed). */
    private void bind(PreparedStatement ins, Source s, String system, String type, Integer shipment,
            boolean degraded, UUID backfillOf, String keySuffix, JsonNode extra) throws SQLException {
        String key = s.hubOrderId() + ":" + type + (shipment != null ? "#" + shipment : "") + ":" + s.version()
                + keySuffix;
        ObjectNode command = JSON.createObjectNode();
        command.put("system", system);
        command.put("type", type);
        command.put("idempotencyKey", key);
        command.put("degraded", degraded);
        if (shipment != null) {
            command.put("shipmentIndex", shipment);
            command.put("warehouse", s.evaluation().path("facts").path("shipments").path(shipment).path("warehouse")
                    .asText(null));
        } else {
            command.putNull("shipmentIndex");
            command.putNull("warehouse");
        }
        ObjectNode input = JSON.createObjectNode();
        input.set("order", s.order());
        input.set("evaluation", s.evaluation());
        input.set("command", command);
        if (extra != null) {
            input.set("extra", extra);
        }
        JsonNode payload;
        String error = null;
        try {
            payload = payload(system, input);
        } catch (RuntimeException e) {
            // one command's mapping must not hold the order back: it waits in the failed-command store, re-drivable
            payload = input;
            error = e.getMessage();
        }
        ins.setObject(1, UuidCreator.getTimeOrderedEpoch());
        ins.setString(2, key);
        ins.setObject(3, s.hubOrderId());
        ins.setInt(4, s.version());
        ins.setString(5, system);
        ins.setString(6, type);
        ins.setInt(7, s.priority());
        ins.setString(8, payload.toString());
        ins.setBoolean(9, degraded);
        ins.setString(10, error == null ? "PENDING" : "FAILED");
        ins.setObject(11, backfillOf);
        ins.setString(12, command.path("warehouse").asText(null));
        ins.setBoolean(13, error == null);
        ins.setString(14, error);
        ins.setString(15, error == null ? null : "MAPPING");
    }

    /** The system's mapping builds the payload; a system without a mapping file receives the command input. */
    JsonNode payload(String system, JsonNode input) {
        for (PayloadBuilder b : builders) {
            if (b.has(system)) {
                return b.build(system, input);
            }
        }
        return input;
    }
}
