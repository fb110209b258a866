package io.orderhub.rules;

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
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.f4b6a3.uuid.UuidCreator;

import io.orderhub.archive.StoreUnavailableException;
import io.orderhub.execute.CommandPlanner;

/**
 * Stores what the rules made of an order, in one transaction: the order's current evaluation (state, tags, holds,
 * facts, priority, rule versions), every decision behind it, and — for holds meant for a person — its place in the
 * review pool. An evaluation of an older order version never replaces a newer one; an approval stands for the hold
 * codes it approved, so re-evaluating an approved order for the same reasons does not ask again.
 */
@ApplicationScoped
public class OrderEvaluations {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private static final String CURRENT = """
            SELECT e.state, e.order_version, r.state, r.codes::text FROM order_evaluation e
              LEFT JOIN review_item r ON r.hub_order_id = e.hub_order_id
             WHERE e.hub_order_id = ? FOR UPDATE OF e""";
    private static final String UPSERT = """
            INSERT INTO order_evaluation (hub_order_id, order_version, evaluation_id, state, tags, holds, facts,
                                          priority, rules, evaluated_at)
            VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?::jsonb, ?)
            ON CONFLICT (hub_order_id) DO UPDATE SET order_version = excluded.order_version,
                   evaluation_id = excluded.evaluation_id, state = excluded.state, tags = excluded.tags,
                   holds = excluded.holds, facts = excluded.facts, priority = excluded.priority,
                   rules = excluded.rules, evaluated_at = excluded.evaluated_at
             WHERE order_evaluation.order_version <= excluded.order_version""";
    private static final String DECISION = """
            INSERT INTO rule_decision (evaluation_id, seq, hub_order_id, order_version, rule_id, rule_version, inputs,
                                       result, decided_at)
            VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)""";
    private static final String REVIEW = """
            INSERT INTO review_item (hub_order_id, evaluation_id, state, codes, reasons, channel, shop_key, created_at)
            VALUES (?, ?, 'PENDING', ?::jsonb, ?::jsonb, ?, ?, now())
            ON CONFLICT (hub_order_id) DO UPDATE SET evaluation_id = excluded.evaluation_id, state = 'PENDING',
                   codes = excluded.codes, reasons = excluded.reasons, decided_at = NULL, decided_by = NULL,
                   decision_note = NULL""";
    private static final String VIEW = """
            SELECT order_version, evaluation_id, state, tags::text, holds::text, facts::text, priority, rules::text,
                   evaluated_at FROM order_evaluation WHERE hub_order_id = ?""";
    private static final String DECISIONS = """
            SELECT rule_id, rule_version, inputs::text, result FROM rule_decision WHERE evaluation_id = ? ORDER BY seq""";

    private final DataSource dataSource;
    private final CommandPlanner planner;

    public OrderEvaluations(DataSource dataSource, CommandPlanner planner) {
        this.dataSource = dataSource;
        this.planner = planner;
    }

    /** Stores the evaluation; returns the state the order is in afterwards (an approval may stand). */
    public String store(RuleContext ctx, int priority) {
        UUID hubOrderId = UUID.fromString(ctx.hubOrderId());
        UUID evaluationId = UuidCreator.getTimeOrderedEpoch();
        Set<String> reviewCodes = new TreeSet<>();
        List<String> reviewReasons = new ArrayList<>();
        ctx.holds().stream().filter(RuleContext.Hold::review).forEach(h -> {
            reviewCodes.add(h.code());
            reviewReasons.add(h.ruleId() + ": " + h.reason());
        });
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                String state = ctx.state();
                try (PreparedStatement cur = c.prepareStatement(CURRENT)) {
                    cur.setObject(1, hubOrderId);
                    try (ResultSet rs = cur.executeQuery()) {
                        if (rs.next()) {
                            if (rs.getInt(2) > ctx.version()) {
                                c.rollback();
                                return rs.getString(1);
                            }
                            Set<String> decided = rs.getString(4) == null
                                    ? Set.of()
                                    : JSON.readValue(rs.getString(4), new TypeReference<Set<String>>() {
                                    });
                            boolean onlyReviewHolds = ctx.holds().stream().allMatch(RuleContext.Hold::review);
                            if ("REJECTED".equals(rs.getString(1))) {
                                state = "REJECTED"; // a person's rejection is final for the order
                            } else if ("APPROVED".equals(rs.getString(3)) && onlyReviewHolds
                                    && decided.containsAll(reviewCodes)) {
                                state = "APPROVED";
                            }
                        }
                    }
                }
                try (PreparedStatement up = c.prepareStatement(UPSERT)) {
                    up.setObject(1, hubOrderId);
                    up.setInt(2, ctx.version());
                    up.setObject(3, evaluationId);
                    up.setString(4, state);
                    up.setString(5, JSON.writeValueAsString(ctx.tags()));
                    up.setString(6, JSON.writeValueAsString(ctx.holds()));
                    up.setString(7, JSON.writeValueAsString(ctx.facts()));
                    up.setInt(8, priority);
                    Map<String, String> versions = new LinkedHashMap<>();
                    ctx.decisions().forEach(d -> versions.putIfAbsent(d.ruleId(), d.ruleVersion()));
                    up.setString(9, JSON.writeValueAsString(versions));
                    up.setTimestamp(10, Timestamp.from(ctx.now()));
                    up.executeUpdate();
                }
                try (PreparedStatement d = c.prepareStatement(DECISION)) {
                    int seq = 0;
                    for (RuleContext.Decision decision : ctx.decisions()) {
                        d.setObject(1, evaluationId);
                        d.setInt(2, seq++);
                        d.setObject(3, hubOrderId);
                        d.setInt(4, ctx.version());
                        d.setString(5, decision.ruleId());
                        d.setString(6, decision.ruleVersion());
                        d.setString(7, JSON.writeValueAsString(decision.inputs()));
                        d.setString(8, decision.result());
                        d.setTimestamp(9, Timestamp.from(ctx.now()));
                        d.addBatch();
                    }
                    d.executeBatch();
                }
                if (!reviewCodes.isEmpty() && "HELD".equals(state)) {
                    try (PreparedStatement r = c.prepareStatement(REVIEW)) {
                        r.setObject(1, hubOrderId);
                        r.setObject(2, evaluationId);
                        r.setString(3, JSON.writeValueAsString(reviewCodes));
                        r.setString(4, JSON.writeValueAsString(reviewReasons));
                        r.setString(5, ctx.channel());
                        r.setString(6, ctx.shopKey());
                        r.executeUpdate();
                    }
                }
                if ("READY".equals(state) || "APPROVED".equals(state)) {
                    // the order and its downstream commands become ready together (outbox)
                    planner.plan(c, hubOrderId);
                }
                c.commit();
                return state;
            } catch (SQLException | JsonProcessingException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("evaluation store failed", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a rule produced facts that are not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The order's current evaluation with the decisions behind it, for the orders API. */
    public Optional<Map<String, Object>> view(UUID hubOrderId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(VIEW)) {
            ps.setObject(1, hubOrderId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("orderVersion", rs.getInt(1));
                v.put("state", rs.getString(3));
                v.put("tags", JSON.readTree(rs.getString(4)));
                v.put("holds", JSON.readTree(rs.getString(5)));
                v.put("facts", JSON.readTree(rs.getString(6)));
                v.put("priority", rs.getInt(7));
                v.put("rules", JSON.readTree(rs.getString(8)));
                v.put("evaluatedAt", rs.getTimestamp(9).toInstant().toString());
                v.put("decisions", decisions(c, rs.getObject(2, UUID.class)));
                return Optional.of(v);
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new StoreUnavailableException("evaluation read failed", e);
        }
    }

    private static List<Map<String, Object>> decisions(Connection c, UUID evaluationId)
            throws SQLException, JsonProcessingException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(DECISIONS)) {
            ps.setObject(1, evaluationId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> d = new LinkedHashMap<>();
                    d.put("rule", rs.getString(1));
                    d.put("version", rs.getString(2));
                    d.put("inputs", JSON.readTree(rs.getString(3)));
                    d.put("result", rs.getString(4));
                    out.add(d);
                }
            }
        }
        return out;
    }
}
