package io.orderhub.alert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.f4b6a3.uuid.UuidCreator;

/**
 * Plans one outbox command per (alert, sink) in the transaction that raised the alert, so the dispatcher's retries,
 * circuit breaker per sink and failed-command store carry it through outages and restarts. The payload is the alert
 * itself; the {@link AlertWebhookTransport} turns it into the sink's format at send time (DingTalk's signature must
 * be fresh). The key names the alert's episode (its raise time), so a re-raise after an acknowledgement is sent
 * again while a retry of the same episode never is.
 */
@ApplicationScoped
public class AlertDeliveries {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INSERT = """
            INSERT INTO outbox_command (command_id, idempotency_key, hub_order_id, order_version, system, command_type,
                                        priority, payload, state, next_attempt_at, created_at, updated_at)
            VALUES (?, ?, NULL, 0, ?, 'ALERT', ?, ?::jsonb, 'PENDING', now(), now(), now())
            ON CONFLICT (idempotency_key) DO NOTHING""";

    private final AlertSinks sinks;

    public AlertDeliveries(AlertSinks sinks) {
        this.sinks = sinks;
    }

    /** Returns how many deliveries were planned (0 when no sink wants the kind). */
    public int plan(Connection c, Alert alert) throws SQLException {
        List<String> receivers = sinks.receivers(alert.kind(), alert.severity());
        int n = 0;
        for (String sink : receivers) {
            ObjectNode payload = alert.json(JSON);
            payload.put("sink", sink);
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                ps.setObject(1, UuidCreator.getTimeOrderedEpoch());
                ps.setString(2, "alert:" + alert.alertId() + ":" + micros(alert.raisedAt()) + ":" + sink);
                ps.setString(3, AlertSinks.SYSTEM_PREFIX + sink);
                ps.setInt(4, sinks.priority());
                ps.setString(5, payload.toString());
                n += ps.executeUpdate();
            }
        }
        return n;
    }

    private static long micros(Instant at) {
        return at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000;
    }
}
