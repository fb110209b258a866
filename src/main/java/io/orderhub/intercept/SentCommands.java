package io.orderhub.intercept;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * An order's commands to one system as an interception sees them, locked in the caller's transaction, and the
 * discard of those that never reached the system. The outbox's own discard ({@code Outbox.discard}) takes FAILED
 * commands only and runs in its own transaction; here a PENDING create must go too, in the same transaction as the
 * interception, and under the row lock the dispatcher's claim ({@code FOR UPDATE SKIP LOCKED}) respects.
 */
final class SentCommands {

    /** One outbox command: its state, whether the system may have it, its payload and the system's answer. */
    record Row(UUID commandId, String key, String state, boolean update, boolean maybeDelivered, JsonNode payload,
            JsonNode response) {

        boolean unsent() {
            return "PENDING".equals(state) || "FAILED".equals(state);
        }
    }

    /**
     * Failures after which the system may still have the command: the request went out and no answer came back.
     * Any other class (an HTTP error, a failure flag, an open circuit, a mapping error) means it answered no or never
     * saw it. Only the last attempt's class is kept, so an earlier timeout hidden behind a later 5xx is missed.
     */
    private static final Set<String> UNCERTAIN = Set.of("TIMEOUT", "IO");

    private static final String LOCK = """
            SELECT command_id, idempotency_key, state, backfill_of IS NOT NULL, attempts, coalesce(error_class, ''),
                   payload::text, response::text
              FROM outbox_command
             WHERE hub_order_id = ? AND system = ? AND state <> 'DISCARDED'
             ORDER BY created_at FOR UPDATE""";
    private static final String DISCARD = """
            UPDATE outbox_command SET state = 'DISCARDED', last_error = coalesce(last_error || ' | ', '')
                   || 'discarded by the interception: ' || ?, updated_at = now()
             WHERE command_id = ? AND state IN ('PENDING', 'FAILED')""";

    private SentCommands() {
    }

    static List<Row> lock(Connection c, UUID hubOrderId, String system) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LOCK)) {
            ps.setObject(1, hubOrderId);
            ps.setString(2, system);
            List<Row> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String state = rs.getString(3);
                    boolean maybe = "SENT".equals(state) || "SENDING".equals(state)
                            || rs.getInt(5) > 0 && UNCERTAIN.contains(rs.getString(6));
                    out.add(new Row(rs.getObject(1, UUID.class), rs.getString(2), state, rs.getBoolean(4), maybe,
                            json(rs.getString(7)), json(rs.getString(8))));
                }
            }
            return out;
        }
    }

    /** Discards a command that is still PENDING or FAILED; false when the dispatcher has taken it meanwhile. */
    static boolean discard(Connection c, Row row, String why) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(DISCARD)) {
            ps.setString(1, why);
            ps.setObject(2, row.commandId());
            return ps.executeUpdate() == 1;
        }
    }

    private static JsonNode json(String text) {
        try {
            return text == null ? Interceptions.JSON.missingNode() : Interceptions.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored command is not JSON", e);
        }
    }
}
