package io.orderhub.intercept;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The {@code interception} table: one row per order whose refund request the hub acted on, its state and the time
 * of every step. Every change runs in the caller's transaction and moves from a named state only, so two sweeps (two
 * pods) never take the same step twice.
 */
@ApplicationScoped
public class Interceptions {

    static final ObjectMapper JSON = new ObjectMapper();

    private final MeterRegistry registry;

    public Interceptions(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The states, each with the column that records when it was reached. */
    public enum State {
        REQUESTED("requested_at"), WMS_CANCELLED("wms_cancelled_at"), RELEASED("released_at"), TOO_LATE(
                "too_late_at"), CARRIER_INTERCEPT_REQUESTED(
                        "carrier_requested_at"), REVERSAL_POSTED("reversal_posted_at");

        final String stamp;

        State(String stamp) {
            this.stamp = stamp;
        }
    }

    private static final String OPEN = """
            INSERT INTO interception (hub_order_id, state, path, after_sales, answer, requested_at, updated_at)
            VALUES (?, 'REQUESTED', ?, ?, ?, ?, now())
            ON CONFLICT (hub_order_id) DO NOTHING""";
    private static final String MOVE = """
            UPDATE interception SET state = ?, %s = coalesce(%s, now()), detail = detail || ?::jsonb, updated_at = now()
             WHERE hub_order_id = ? AND state = ?""";
    private static final String ACCEPTED = """
            UPDATE interception SET carrier_accepted_at = now(), updated_at = now()
             WHERE hub_order_id = ? AND carrier_accepted_at IS NULL""";
    private static final String IN_STATE = """
            SELECT hub_order_id FROM interception WHERE state = ? ORDER BY updated_at LIMIT ?""";
    private static final String FIND = """
            SELECT state, path, after_sales, answer, detail::text, requested_at, wms_cancelled_at, released_at,
                   too_late_at, carrier_requested_at, carrier_accepted_at, reversal_posted_at, updated_at
              FROM interception WHERE hub_order_id = ?""";
    private static final String[] STEPS = {"requestedAt", "wmsCancelledAt", "releasedAt", "tooLateAt",
            "carrierRequestedAt", "carrierAcceptedAt", "reversalPostedAt", "updatedAt"};

    /** Opens the order's interception (state REQUESTED); false when it has one already. */
    public boolean open(Connection c, UUID hubOrderId, String path, String afterSales, String answer, Instant at)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(OPEN)) {
            ps.setObject(1, hubOrderId);
            ps.setString(2, path);
            ps.setString(3, afterSales);
            ps.setString(4, answer);
            ps.setTimestamp(5, Timestamp.from(at == null ? Instant.now() : at));
            boolean opened = ps.executeUpdate() == 1;
            if (opened) {
                count(State.REQUESTED);
            }
            return opened;
        }
    }

    /** Moves the interception from {@code from} to {@code to}, stamping the step and adding to its detail. */
    public boolean move(Connection c, UUID hubOrderId, State from, State to, JsonNode detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(MOVE.formatted(to.stamp, to.stamp))) {
            ps.setString(1, to.name());
            ps.setString(2, detail == null ? "{}" : detail.toString());
            ps.setObject(3, hubOrderId);
            ps.setString(4, from.name());
            boolean moved = ps.executeUpdate() == 1;
            if (moved && from != to) {
                count(to);
            }
            return moved;
        }
    }

    /** Counted before the commit: a step rolled back and retried is counted twice (a rare, harmless overcount). */
    private void count(State state) {
        Counter.builder("orderhub.intercept.steps").description("Interceptions reaching a state")
                .tag("state", state.name()).register(registry).increment();
    }

    /** The carrier took every intercept request of the order. */
    public void carrierAccepted(Connection c, UUID hubOrderId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ACCEPTED)) {
            ps.setObject(1, hubOrderId);
            ps.executeUpdate();
        }
    }

    public List<UUID> inState(Connection c, State state, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(IN_STATE)) {
            ps.setString(1, state.name());
            ps.setInt(2, limit);
            List<UUID> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getObject(1, UUID.class));
                }
            }
            return out;
        }
    }

    /** The interception as the API shows it: state, path, what was done and when each step was reached. */
    public Optional<Map<String, Object>> find(Connection c, UUID hubOrderId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(FIND)) {
            ps.setObject(1, hubOrderId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("hubOrderId", hubOrderId.toString());
                m.put("state", rs.getString(1));
                m.put("path", rs.getString(2));
                m.put("afterSales", rs.getString(3));
                m.put("answer", rs.getString(4));
                m.put("detail", JSON.readTree(rs.getString(5)));
                Map<String, Object> steps = new LinkedHashMap<>();
                for (int i = 0; i < STEPS.length; i++) {
                    Timestamp t = rs.getTimestamp(6 + i);
                    steps.put(STEPS[i], t == null ? null : t.toInstant().toString());
                }
                m.put("steps", steps);
                return Optional.of(m);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored interception detail is not JSON", e);
        }
    }
}
