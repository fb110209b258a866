package io.orderhub.status;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;

import io.orderhub.archive.StoreUnavailableException;
import io.orderhub.web.ApiError;
import io.orderhub.web.HttpReplies;

/**
 * What customer service reads: {@code GET /api/v1/orders/{id}/status} — the answer and the source it comes from,
 * every source's view, the conflicts (open first) with their hints, and the whole history in event time, refused and
 * stale events included (marked), so "seven labels in five systems" become one answer with its evidence.
 */
@ApplicationScoped
@Named("statusViews")
public class StatusViews {

    private static final String ANSWER = """
            SELECT answer, answer_source, after_sales, waybill_no, answer_at FROM order_status WHERE hub_order_id = ?""";
    private static final String SOURCES = """
            SELECT source_kind, system, status, code, phase, after_sales, waybill_no, at
              FROM order_status_source WHERE hub_order_id = ?""";
    private static final String CONFLICTS = """
            SELECT conflict_id, rule_id, source_a, source_b, detail, hint, since, raised_at, resolved_at, alert_id
              FROM status_conflict WHERE hub_order_id = ?
             ORDER BY resolved_at IS NOT NULL, raised_at DESC""";
    private static final String HISTORY = """
            SELECT event_id, source_kind, system, code, status, phase, after_sales, waybill_no, event_at, received_at,
                   outcome, reason, note
              FROM status_event WHERE hub_order_id = ? ORDER BY event_at, received_at""";
    private static final String EXISTS = "SELECT 1 FROM hub_order WHERE hub_order_id = ?";

    private final DataSource dataSource;
    private final StatusSources sources;

    public StatusViews(DataSource dataSource, StatusSources sources) {
        this.dataSource = dataSource;
        this.sources = sources;
    }

    public void get(Exchange exchange) {
        String id = exchange.getMessage().getHeader("hubOrderId", String.class);
        UUID hubOrderId;
        try {
            hubOrderId = UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ApiError(404, "order_not_found", "no order '" + id + "'");
        }
        Map<String, Object> view = view(hubOrderId)
                .orElseThrow(() -> new ApiError(404, "order_not_found", "no order '" + id + "'"));
        HttpReplies.json(exchange, 200, view);
    }

    /** The status view of an order; empty when the hub has no such order. */
    public Optional<Map<String, Object>> view(UUID hubOrderId) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(EXISTS)) {
                ps.setObject(1, hubOrderId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("hubOrderId", hubOrderId.toString());
            try (PreparedStatement ps = c.prepareStatement(ANSWER)) {
                ps.setObject(1, hubOrderId);
                try (ResultSet rs = ps.executeQuery()) {
                    boolean has = rs.next();
                    out.put("answer", has ? rs.getString(1) : null);
                    out.put("answerSource", has ? rs.getString(2) : null);
                    out.put("answerAt", has ? iso(rs.getTimestamp(5)) : null);
                    out.put("afterSales", has ? rs.getString(3) : "NONE");
                    out.put("waybillNo", has ? rs.getString(4) : null);
                }
            }
            out.put("trust", sources.config().trust());
            Map<String, Object> bySource = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(SOURCES)) {
                ps.setObject(1, hubOrderId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Object> s = new LinkedHashMap<>();
                        s.put("system", rs.getString(2));
                        s.put("status", rs.getString(3));
                        s.put("code", rs.getString(4));
                        s.put("phase", rs.getString(5));
                        s.put("afterSales", rs.getString(6));
                        s.put("waybillNo", rs.getString(7));
                        s.put("at", iso(rs.getTimestamp(8)));
                        bySource.put(rs.getString(1), s);
                    }
                }
            }
            out.put("sources", bySource);
            List<Map<String, Object>> conflicts = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(CONFLICTS)) {
                ps.setObject(1, hubOrderId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("conflictId", rs.getString(1));
                        m.put("rule", rs.getString(2));
                        m.put("between", List.of(rs.getString(3), rs.getString(4)));
                        m.put("detail", rs.getString(5));
                        m.put("hint", rs.getString(6));
                        m.put("since", iso(rs.getTimestamp(7)));
                        m.put("raisedAt", iso(rs.getTimestamp(8)));
                        m.put("open", rs.getTimestamp(9) == null);
                        m.put("resolvedAt", iso(rs.getTimestamp(9)));
                        m.put("alertId", rs.getString(10));
                        conflicts.add(m);
                    }
                }
            }
            out.put("conflicts", conflicts);
            List<Map<String, Object>> history = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(HISTORY)) {
                ps.setObject(1, hubOrderId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("eventId", rs.getString(1));
                        m.put("source", rs.getString(2));
                        m.put("system", rs.getString(3));
                        m.put("code", rs.getString(4));
                        m.put("status", rs.getString(5));
                        m.put("phase", rs.getString(6));
                        m.put("afterSales", rs.getString(7));
                        m.put("waybillNo", rs.getString(8));
                        m.put("at", iso(rs.getTimestamp(9)));
                        m.put("receivedAt", iso(rs.getTimestamp(10)));
                        m.put("outcome", rs.getString(11));
                        m.put("reason", rs.getString(12));
                        m.put("note", rs.getString(13));
                        history.add(m);
                    }
                }
            }
            out.put("history", history);
            return Optional.of(out);
        } catch (SQLException e) {
            throw new StoreUnavailableException("status view read failed", e);
        }
    }

    private static String iso(Timestamp t) {
        return t == null ? null : t.toInstant().toString();
    }
}
