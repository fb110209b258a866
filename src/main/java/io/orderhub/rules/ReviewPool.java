package io.orderhub.rules;

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
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.orderhub.archive.StoreUnavailableException;
import io.orderhub.execute.CommandPlanner;

/**
 * The manual review pool (人工审核池) for the duty supervisor: orders the rules held for a person, listed with
 * filters, approved or rejected with a reason — who and when recorded. Nothing is rejected automatically. An approved
 * order goes on to execution; a rejected one releases what was reserved for it.
 */
@ApplicationScoped
public class ReviewPool {

    /** Why a decision could not be taken. */
    public static final class ReviewException extends RuntimeException {
        private final int status;
        private final String code;

        ReviewException(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }
    }

    private static final Logger LOG = Logger.getLogger(ReviewPool.class);

    private static final String LIST = """
            SELECT hub_order_id, state, codes::text, reasons::text, channel, shop_key, created_at, decided_at,
                   decided_by, decision_note
              FROM review_item
             WHERE state = ? AND (?::text IS NULL OR codes @> jsonb_build_array(?::text)) AND (?::text IS NULL OR channel = ?)
               AND (?::text IS NULL OR shop_key = ?)
             ORDER BY created_at LIMIT ?""";
    private static final String DECIDE = """
            UPDATE review_item SET state = ?, decided_at = now(), decided_by = ?, decision_note = ?
             WHERE hub_order_id = ? AND state = 'PENDING'""";
    private static final String ORDER_STATE = """
            UPDATE order_evaluation SET state = ? WHERE hub_order_id = ? AND state = 'HELD'""";
    private static final String EXISTS = "SELECT state FROM review_item WHERE hub_order_id = ?";

    private final DataSource dataSource;
    private final Instance<OrderRelease> releases;
    private final CommandPlanner planner;

    public ReviewPool(DataSource dataSource, Instance<OrderRelease> releases, CommandPlanner planner) {
        this.dataSource = dataSource;
        this.releases = releases;
        this.planner = planner;
    }

    public List<Map<String, Object>> list(String state, String code, String channel, String shopKey, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(LIST)) {
            ps.setString(1, state);
            ps.setString(2, code);
            ps.setString(3, code);
            ps.setString(4, channel);
            ps.setString(5, channel);
            ps.setString(6, shopKey);
            ps.setString(7, shopKey);
            ps.setInt(8, limit);
            List<Map<String, Object>> items = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> i = new LinkedHashMap<>();
                    i.put("hubOrderId", rs.getObject(1, UUID.class).toString());
                    i.put("state", rs.getString(2));
                    i.put("codes", OrderEvaluations.JSON.readTree(rs.getString(3)));
                    i.put("reasons", OrderEvaluations.JSON.readTree(rs.getString(4)));
                    i.put("channel", rs.getString(5));
                    i.put("shopKey", rs.getString(6));
                    i.put("createdAt", rs.getTimestamp(7).toInstant().toString());
                    i.put("decidedAt", rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant().toString());
                    i.put("decidedBy", rs.getString(9));
                    i.put("note", rs.getString(10));
                    items.add(i);
                }
            }
            return items;
        } catch (SQLException | JsonProcessingException e) {
            throw new StoreUnavailableException("review list failed", e);
        }
    }

    public void approve(UUID hubOrderId, String by, String note) {
        decide(hubOrderId, "APPROVED", by, note);
        LOG.infof("review: order %s approved by %s", hubOrderId, by);
    }

    public void reject(UUID hubOrderId, String by, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new ReviewException(400, "bad_parameter", "a rejection needs a reason");
        }
        decide(hubOrderId, "REJECTED", by, reason);
        releases.forEach(r -> r.release(hubOrderId.toString(), "REJECTED"));
        LOG.infof("review: order %s rejected by %s", hubOrderId, by);
    }

    private void decide(UUID hubOrderId, String state, String by, String note) {
        if (by == null || by.isBlank()) {
            throw new ReviewException(400, "bad_parameter", "by (who decides) is required");
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement d = c.prepareStatement(DECIDE);
                    PreparedStatement o = c.prepareStatement(ORDER_STATE)) {
                d.setString(1, state);
                d.setString(2, by);
                d.setString(3, note);
                d.setObject(4, hubOrderId);
                if (d.executeUpdate() == 0) {
                    c.rollback();
                    String current = currentState(c, hubOrderId);
                    throw current == null
                            ? new ReviewException(404, "review_not_found", "order " + hubOrderId + " is not in review")
                            : new ReviewException(409, "already_decided", "order " + hubOrderId + " was " + current);
                }
                o.setString(1, state);
                o.setObject(2, hubOrderId);
                o.executeUpdate();
                if ("APPROVED".equals(state)) {
                    planner.plan(c, hubOrderId); // approved: its commands go to the outbox with the decision
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("review decision failed", e);
        }
    }

    private static String currentState(Connection c, UUID hubOrderId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(EXISTS)) {
            ps.setObject(1, hubOrderId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
