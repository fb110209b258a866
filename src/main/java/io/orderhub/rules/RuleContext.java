package io.orderhub.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One order on its way through the rules: the canonical order (read-only by convention: rules never rewrite what the
 * platform said), the live rule parameters of this evaluation, and what the rules made of it — tags, holds, facts
 * (customer, segment, priority, allocations, shipments...) and the decision record kept for audit.
 */
public final class RuleContext {

    /** A reason the order cannot go to execution yet; {@code review}: it goes to the manual review pool. */
    public record Hold(String ruleId, String code, String reason, boolean review) {
    }

    /** What one rule decided and on what: the audit answer to "why was this held / why did this not fire". */
    public record Decision(String ruleId, String ruleVersion, Map<String, Object> inputs, String result) {
    }

    public static final String READY = "READY";
    public static final String HELD = "HELD";

    private final String hubOrderId;
    private final int version;
    private final String channel;
    private final String shopKey;
    private final JsonNode order;
    private final RuleSet rules;
    private final Instant now;
    private final Set<String> tags = new LinkedHashSet<>();
    private final List<Hold> holds = new ArrayList<>();
    private final List<Decision> decisions = new ArrayList<>();
    private final Map<String, Object> facts = new LinkedHashMap<>();

    public RuleContext(String hubOrderId, int version, String channel, String shopKey, JsonNode order, RuleSet rules,
            Instant now) {
        this.hubOrderId = hubOrderId;
        this.version = version;
        this.channel = channel;
        this.shopKey = shopKey;
        this.order = order;
        this.rules = rules;
        this.now = now;
    }

    public String hubOrderId() {
        return hubOrderId;
    }

    public int version() {
        return version;
    }

    public String channel() {
        return channel;
    }

    /** The hub's shop key (configuration), not the platform's shop id (that is {@code order().path("shopId")}). */
    public String shopKey() {
        return shopKey;
    }

    public JsonNode order() {
        return order;
    }

    /** The evaluation's clock: every rule of one evaluation sees the same time. */
    public Instant now() {
        return now;
    }

    /** The rule's live parameters, or null when its file is absent (the rule is off). */
    public <P> P params(Rule<P> rule) {
        return rules.params(rule.id(), rule.paramsType());
    }

    public String ruleVersion(String ruleId) {
        return rules.version(ruleId);
    }

    /** Records a decision; {@code inputs} must not carry personal data (phones, names, addresses): use masks. */
    public void decide(Rule<?> rule, Map<String, Object> inputs, String result) {
        decisions.add(new Decision(rule.id(), rules.version(rule.id()), inputs, result));
    }

    public void tag(String tag) {
        tags.add(tag);
    }

    public void hold(Rule<?> rule, String code, String reason, boolean review) {
        holds.add(new Hold(rule.id(), code, reason, review));
    }

    public void fact(String key, Object value) {
        facts.put(key, value);
    }

    @SuppressWarnings("unchecked")
    public <T> T fact(String key) {
        return (T) facts.get(key);
    }

    public Set<String> tags() {
        return Collections.unmodifiableSet(tags);
    }

    public List<Hold> holds() {
        return Collections.unmodifiableList(holds);
    }

    public List<Decision> decisions() {
        return Collections.unmodifiableList(decisions);
    }

    public Map<String, Object> facts() {
        return Collections.unmodifiableMap(facts);
    }

    /** READY for execution, or HELD with the reasons in {@link #holds()}. */
    public String state() {
        return holds.isEmpty() ? READY : HELD;
    }

    public boolean held() {
        return !holds.isEmpty();
    }
}
