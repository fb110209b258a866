package io.orderhub.aftersales;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.orderhub.rules.Rule;

/**
 * The keyword lists that score after-sales tickets ({@code rules/aftersales-urgency.yaml}). A rule only for its
 * parameters: the rule registry loads, validates, hot-reloads, versions and rolls them back like every rule file, but
 * no order evaluation runs it (routes/rules.yaml does not list it); {@link UrgencyScorer} reads the live version.
 */
@ApplicationScoped
public class UrgencyRule implements Rule<UrgencyRule.Params> {

    public static final String ID = "aftersales-urgency";
    static final Set<String> LEVELS = Set.of("P0", "P1", "P2", "P3");

    /** One urgency level and the words that put a ticket there. */
    public record Level(String level, List<String> keywords) {
    }

    /**
     * @param levels       checked most urgent first; a ticket gets the most urgent level any of its keywords hits
     * @param defaultLevel a text without any keyword
     * @param emptyLevel   a ticket without text (a refund request with no buyer remark)
     */
    public record Params(List<Level> levels, String defaultLevel, String emptyLevel) {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public void validate(Params p) {
        if (p.levels() == null || p.levels().isEmpty()) {
            throw new IllegalArgumentException("levels must name at least one level with keywords");
        }
        for (Level l : p.levels()) {
            if (!LEVELS.contains(l.level())) {
                throw new IllegalArgumentException("level must be one of P0..P3, not " + l.level());
            }
            if (l.keywords() == null || l.keywords().isEmpty()
                    || l.keywords().stream().anyMatch(k -> k == null || UrgencyScorer.normalise(k).isEmpty())) {
                throw new IllegalArgumentException("level " + l.level() + " needs non-blank keywords");
            }
        }
        if (!LEVELS.contains(p.defaultLevel()) || !LEVELS.contains(p.emptyLevel())) {
            throw new IllegalArgumentException("defaultLevel and emptyLevel must be P0..P3");
        }
    }
}
