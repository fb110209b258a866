package io.orderhub.rules;

/**
 * One rule of the validation layer (校验层): a small named bean whose parameters live in {@code rules/<id>.yaml}.
 * The rules route ({@code routes/rules.yaml}) calls each rule's {@code apply(RuleContext)} in the merchant's order;
 * a rule reads its live parameters with {@link RuleContext#params(Rule)}, records what it decided (fired or not, and
 * on which inputs) with {@link RuleContext#decide}, and tags, holds or adds facts. A rule whose file is absent is off
 * (its decision says so).
 *
 * @param <P> the parameter type, read from the YAML file by Jackson (unknown fields are refused)
 */
public interface Rule<P> {

    /** Stable kebab-case id; also the parameter file's name ({@code rules/<id>.yaml}). */
    String id();

    Class<P> paramsType();

    /**
     * Refuses unusable parameters before they go live: throw {@link IllegalArgumentException} naming the field and
     * what is wrong. The previous version keeps serving.
     */
    default void validate(P params) {
    }
}
