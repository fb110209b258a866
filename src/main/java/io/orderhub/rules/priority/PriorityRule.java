package io.orderhub.rules.priority;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import io.orderhub.rules.Rule;
import io.orderhub.rules.RuleContext;

/**
 * Execution priority (rule 11): the customer segment's weight (VIP > NEW > REGULAR) plus points for the order's age,
 * capped so age never lifts a regular order above a VIP one. The execution layer sends higher first.
 */
@ApplicationScoped
@Named("priorityRule")
public class PriorityRule implements Rule<PriorityRule.Params> {

    /**
     * @param segmentWeights weight per segment (segments the customer rule sets; an unknown segment counts as
     *        {@code REGULAR})
     * @param pointsPerMinute age points per minute since the order was paid (or created)
     * @param maxAgePoints cap on age points
     */
    public record Params(Map<String, Integer> segmentWeights, double pointsPerMinute, int maxAgePoints) {
    }

    /** The fact the execution layer orders by. */
    public static final String FACT = "priority";

    @Override
    public String id() {
        return "priority";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public void validate(Params p) {
        if (p.segmentWeights() == null || !p.segmentWeights().containsKey("REGULAR")) {
            throw new IllegalArgumentException("segmentWeights must give a weight for REGULAR");
        }
        if (p.pointsPerMinute() < 0 || p.maxAgePoints() < 0) {
            throw new IllegalArgumentException("pointsPerMinute and maxAgePoints must not be negative");
        }
    }

    public void apply(RuleContext ctx) {
        Params p = ctx.params(this);
        if (p == null) {
            ctx.fact(FACT, 0);
            ctx.decide(this, Map.of(), "off");
            return;
        }
        String segment = ctx.fact("segment");
        String known = segment != null && p.segmentWeights().containsKey(segment) ? segment : "REGULAR";
        int weight = p.segmentWeights().get(known);
        Instant since = time(ctx, "paidAt");
        if (since == null) {
            since = time(ctx, "createdAt");
        }
        long minutes = since == null ? 0 : Math.max(0, Duration.between(since, ctx.now()).toMinutes());
        int age = (int) Math.min(p.maxAgePoints(), Math.floor(minutes * p.pointsPerMinute()));
        int priority = weight + age;
        ctx.fact(FACT, priority);
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("segment", known);
        inputs.put("ageMinutes", minutes);
        ctx.decide(this, inputs, "priority " + priority + " = " + weight + " (" + known + ") + " + age + " (age)");
    }

    private static Instant time(RuleContext ctx, String field) {
        String t = ctx.order().path(field).asText(null);
        try {
            return t == null ? null : Instant.parse(t);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
