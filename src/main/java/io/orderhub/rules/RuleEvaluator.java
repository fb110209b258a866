package io.orderhub.rules;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.ProducerTemplate;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.orderhub.archive.StoreUnavailableException;
import io.orderhub.config.OrderHubConfig;
import io.orderhub.ops.HubMetrics;
import io.orderhub.rules.priority.PriorityRule;

/**
 * Runs an order's current version through the rules route ({@code direct:rules-evaluate}, the merchant's order of
 * rules in {@code routes/rules.yaml}) with one rule set from start to end, and stores the outcome. Called after a
 * receipt becomes an order's current version, by the recovery sweep for versions left unevaluated (a crash between
 * the two), and on demand after a rules change.
 */
@ApplicationScoped
@Named("ruleEvaluator")
public class RuleEvaluator {

    private static final Logger LOG = Logger.getLogger(RuleEvaluator.class);

    private static final String LOAD = """
            SELECT h.version, h.channel, r.shop_key, h.order_json::text FROM hub_order h
              JOIN raw_receipt r ON r.receipt_id = h.receipt_id WHERE h.hub_order_id = ?""";
    private static final String UNEVALUATED = """
            SELECT h.hub_order_id FROM hub_order h LEFT JOIN order_evaluation e ON e.hub_order_id = h.hub_order_id
             WHERE e.hub_order_id IS NULL OR e.order_version < h.version
             ORDER BY h.updated_at LIMIT ?""";
    private static final String IN_STATE = """
            SELECT hub_order_id FROM order_evaluation WHERE state = ?
               AND (?::text IS NULL OR holds @> jsonb_build_array(jsonb_build_object('code', ?::text)))
             ORDER BY evaluated_at LIMIT ?""";

    private final DataSource dataSource;
    private final RuleRegistry registry;
    private final OrderEvaluations evaluations;
    private final ProducerTemplate template;
    private final HubMetrics metrics;
    private final boolean enabled;

    public RuleEvaluator(DataSource dataSource, RuleRegistry registry, OrderEvaluations evaluations,
            ProducerTemplate template, HubMetrics metrics, OrderHubConfig config) {
        this.dataSource = dataSource;
        this.registry = registry;
        this.evaluations = evaluations;
        this.template = template;
        this.metrics = metrics;
        this.enabled = config.rules().enabled();
    }

    public boolean enabled() {
        return enabled;
    }

    /** Evaluates the order's current version; returns its state afterwards (READY, HELD, APPROVED, REJECTED). */
    public Optional<String> evaluate(UUID hubOrderId) {
        if (!enabled) {
            return Optional.empty();
        }
        RuleContext ctx = load(hubOrderId).orElse(null);
        if (ctx == null) {
            return Optional.empty();
        }
        template.sendBody("direct:rules-evaluate", ctx);
        Integer priority = ctx.fact(PriorityRule.FACT);
        String state = evaluations.store(ctx, priority == null ? 0 : priority);
        metrics.evaluated(state);
        LOG.debugf("order %s v%d: %s %s", hubOrderId, ctx.version(), state, ctx.tags());
        return Optional.of(state);
    }

    /** Evaluates current versions that have no evaluation yet; called by the rules-recovery route. */
    public int sweep() {
        if (!enabled) {
            return 0;
        }
        int n = 0;
        for (UUID id : ids(UNEVALUATED, null, null, 500)) {
            try {
                evaluate(id);
                n++;
            } catch (RuntimeException e) {
                LOG.errorf("evaluation of order %s failed: %s", id, e.getMessage());
            }
        }
        if (n > 0) {
            LOG.infof("rules recovery evaluated %d order(s)", n);
        }
        return n;
    }

    /** Re-evaluates orders in a state (default HELD), optionally only those held with a code; after a rules change. */
    public Map<String, Object> reevaluate(String state, String code, int limit) {
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        List<UUID> ids = ids(IN_STATE, state, code, limit);
        for (UUID id : ids) {
            evaluate(id).ifPresent(s -> outcomes.merge(s, 1, Integer::sum));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("reevaluated", ids.size());
        out.put("outcomes", outcomes);
        return out;
    }

    private Optional<RuleContext> load(UUID hubOrderId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(LOAD)) {
            ps.setObject(1, hubOrderId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                JsonNode order = OrderEvaluations.JSON.readTree(rs.getString(4));
                return Optional.of(new RuleContext(hubOrderId.toString(), rs.getInt(1), rs.getString(2),
                        rs.getString(3), order, registry.current(), Instant.now()));
            }
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new StoreUnavailableException("order load for rules failed", e);
        }
    }

    private List<UUID> ids(String sql, String state, String code, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (state == null) {
                ps.setInt(1, limit);
            } else {
                ps.setString(1, state);
                ps.setString(2, code);
                ps.setString(3, code);
                ps.setInt(4, limit);
            }
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new StoreUnavailableException("order scan for rules failed", e);
        }
    }
}
