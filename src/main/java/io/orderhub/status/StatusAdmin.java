package io.orderhub.status;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;

import io.orderhub.archive.StoreUnavailableException;
import io.orderhub.web.AdminGuard;
import io.orderhub.web.HttpReplies;

/**
 * Parked status events for the integrator: {@code GET /api/v1/admin/status/parked} lists them with their reason
 * (unknown code, unknown order), {@code POST /api/v1/admin/status/parked/replay} tries them again after the code table
 * was fixed or the order arrived.
 */
@ApplicationScoped
@Named("statusAdmin")
public class StatusAdmin {

    private static final String LIST = """
            SELECT event_id, source_kind, system, ref_kind, ref, code, event_at, received_at, reason
              FROM status_event WHERE outcome = 'PARKED' ORDER BY received_at DESC LIMIT ?""";

    private final DataSource dataSource;
    private final StatusBackbone backbone;
    private final AdminGuard guard;

    public StatusAdmin(DataSource dataSource, StatusBackbone backbone, AdminGuard guard) {
        this.dataSource = dataSource;
        this.backbone = backbone;
        this.guard = guard;
    }

    public void parked(Exchange exchange) {
        guard.require(exchange);
        List<Map<String, Object>> items = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(LIST)) {
            ps.setInt(1, 500);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("eventId", rs.getString(1));
                    m.put("source", rs.getString(2));
                    m.put("system", rs.getString(3));
                    m.put("refKind", rs.getString(4));
                    m.put("ref", rs.getString(5));
                    m.put("code", rs.getString(6));
                    m.put("at", rs.getTimestamp(7).toInstant().toString());
                    m.put("receivedAt", rs.getTimestamp(8).toInstant().toString());
                    m.put("reason", rs.getString(9));
                    items.add(m);
                }
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("parked status events read failed", e);
        }
        HttpReplies.json(exchange, 200, Map.of("items", items));
    }

    public void replay(Exchange exchange) {
        guard.require(exchange);
        List<StatusBackbone.Outcome> outcomes;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                outcomes = backbone.replayParked(c, 1000);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("parked status replay failed", e);
        }
        Map<String, Integer> byOutcome = new TreeMap<>();
        outcomes.forEach(o -> byOutcome.merge(o.outcome(), 1, Integer::sum));
        HttpReplies.json(exchange, 200, Map.of("replayed", outcomes.size(), "outcomes", byOutcome));
    }
}
