package io.orderhub.alert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.f4b6a3.uuid.UuidCreator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderhub.archive.StoreUnavailableException;

/**
 * Alerts for people (operations, customer service, the warehouse). The same condition raised again (same dedupe key)
 * bumps the open alert's count instead of adding a new one; an acknowledged alert raised again opens anew. A new or
 * re-opened alert is planned for the configured sinks (DingTalk, WeCom, webhooks) in the same transaction; a bump of
 * an open one is not sent again. Details must not carry personal data: they are shown in lists, logged and sent to
 * chat groups.
 */
@ApplicationScoped
public class AlertStore {

    private static final Logger LOG = Logger.getLogger(AlertStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String RAISE = """
            INSERT INTO alert (alert_id, kind, dedupe_key, severity, subject, detail, raised_at, last_seen_at)
            VALUES (?, ?, ?, ?, ?, ?::jsonb, now(), now())
            ON CONFLICT (dedupe_key) DO UPDATE SET occurrences = alert.occurrences + 1, last_seen_at = now(),
                   detail = excluded.detail, subject = excluded.subject,
                   raised_at = CASE WHEN alert.acknowledged_at IS NULL THEN alert.raised_at ELSE now() END,
                   acknowledged_at = NULL, acknowledged_by = NULL
            RETURNING alert_id, raised_at, raised_at = now(), occurrences, detail::text""";
    private static final String LIST = """
            SELECT alert_id, kind, severity, subject, detail::text, raised_at, last_seen_at, occurrences,
                   acknowledged_at, acknowledged_by
              FROM alert WHERE (? OR acknowledged_at IS NULL) AND (?::text IS NULL OR kind = ?)
             ORDER BY raised_at DESC LIMIT ?""";
    private static final String ACK = """
            UPDATE alert SET acknowledged_at = now(), acknowledged_by = ?
             WHERE alert_id = ? AND acknowledged_at IS NULL""";

    private final DataSource dataSource;
    private final MeterRegistry registry;
    private final AlertDeliveries deliveries;

    /** Without sinks (tests that stand in for the store). */
    public AlertStore(DataSource dataSource, MeterRegistry registry) {
        this(dataSource, registry, null);
    }

    @Inject
    public AlertStore(DataSource dataSource, MeterRegistry registry, AlertDeliveries deliveries) {
        this.dataSource = dataSource;
        this.registry = registry;
        this.deliveries = deliveries;
    }

    /** Raises in a transaction of its own (the alert and its sink deliveries commit together). */
    public UUID raise(String kind, String dedupeKey, String severity, String subject, Map<String, Object> detail) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                UUID id = raise(c, kind, dedupeKey, severity, subject, detail);
                c.commit();
                return id;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("alert raise failed", e);
        }
    }

    /** Raises in the caller's transaction (a status reaction, a ticket): the alert is sent only if that commits. */
    public UUID raise(Connection c, String kind, String dedupeKey, String severity, String subject,
            Map<String, Object> detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(RAISE)) {
            ps.setObject(1, UuidCreator.getTimeOrderedEpoch());
            ps.setString(2, kind);
            ps.setString(3, dedupeKey);
            ps.setString(4, severity);
            ps.setString(5, subject);
            ps.setString(6, JSON.writeValueAsString(detail));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                UUID id = rs.getObject(1, UUID.class);
                if (rs.getBoolean(3) && deliveries != null) {
                    // new, or re-opened after an acknowledgement: a new episode for the sinks
                    deliveries.plan(c, new Alert(id, kind, severity, subject, JSON.readTree(rs.getString(5)),
                            rs.getTimestamp(2).toInstant(), rs.getInt(4)));
                }
                Counter.builder("orderhub.alerts.raised").description("Alerts raised (repeats included)")
                        .tag("kind", kind).register(registry).increment();
                LOG.warnf("ALERT %s [%s] %s", kind, severity, subject);
                return id;
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("alert detail is not serialisable", e);
        }
    }

    public List<Map<String, Object>> list(boolean includeAcknowledged, String kind, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(LIST)) {
            ps.setBoolean(1, includeAcknowledged);
            ps.setString(2, kind);
            ps.setString(3, kind);
            ps.setInt(4, limit);
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> a = new LinkedHashMap<>();
                    a.put("alertId", rs.getObject(1, UUID.class).toString());
                    a.put("kind", rs.getString(2));
                    a.put("severity", rs.getString(3));
                    a.put("subject", rs.getString(4));
                    a.put("detail", JSON.readTree(rs.getString(5)));
                    a.put("raisedAt", rs.getTimestamp(6).toInstant().toString());
                    a.put("lastSeenAt", rs.getTimestamp(7).toInstant().toString());
                    a.put("occurrences", rs.getInt(8));
                    a.put("acknowledgedAt", rs.getTimestamp(9) == null
                            ? null
                            : rs.getTimestamp(9).toInstant()
                                    .toString());
                    a.put("acknowledgedBy", rs.getString(10));
                    rows.add(a);
                }
            }
            return rows;
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new StoreUnavailableException("alert list failed", e);
        }
    }

    /** False when there is no such open alert. */
    public boolean acknowledge(UUID alertId, String by) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(ACK)) {
            ps.setString(1, by);
            ps.setObject(2, alertId);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreUnavailableException("alert acknowledge failed", e);
        }
    }
}
