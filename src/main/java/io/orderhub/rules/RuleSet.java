package io.orderhub.rules;

import java.util.Map;

/** The live rule parameters at one moment: rule id → (version, parsed parameters). Immutable. */
public final class RuleSet {

    /** One rule file as it is live: {@code <id>@<sha8>} and its parsed parameters. */
    public record Live(String version, Object params) {
    }

    private final Map<String, Live> rules;

    public RuleSet(Map<String, Live> rules) {
        this.rules = Map.copyOf(rules);
    }

    /** For tests: parameters given directly, version {@code <id>@test}. */
    public static RuleSet of(Map<String, Object> params) {
        Map<String, Live> live = new java.util.HashMap<>();
        params.forEach((id, p) -> live.put(id, new Live(id + "@test", p)));
        return new RuleSet(live);
    }

    public <P> P params(String ruleId, Class<P> type) {
        Live live = rules.get(ruleId);
        return live == null ? null : type.cast(live.params());
    }

    /** The live version, or {@code <id>@off} when the rule's file is absent. */
    public String version(String ruleId) {
        Live live = rules.get(ruleId);
        return live == null ? ruleId + "@off" : live.version();
    }

    public Map<String, Live> all() {
        return rules;
    }
}
