package io.orderhub.aftersales;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.orderhub.rules.RuleRegistry;
import io.orderhub.rules.RuleSet;

/**
 * Scores a ticket's text with the live keyword lists: text and keywords are compared normalised (NFKC folds
 * full-width letters and digits — "１２３１５", "ＱＱ" — to half-width; lower case; white space removed, so "投 诉"
 * still counts). The most urgent level with a hit wins; every hit is kept for the person who reads the ticket. A score
 * only orders the queue: nothing is decided from it.
 */
@ApplicationScoped
public class UrgencyScorer {

    /** The level, the keywords that hit (as configured) and the rule version that scored. */
    public record Score(String urgency, List<String> matched, String ruleVersion) {
    }

    private final RuleRegistry registry;

    public UrgencyScorer(RuleRegistry registry) {
        this.registry = registry;
    }

    public Score score(String text) {
        RuleSet rules = registry.current();
        UrgencyRule.Params p = rules.params(UrgencyRule.ID, UrgencyRule.Params.class);
        if (p == null) {
            // the file is gone: the queue still works, every ticket waits at the same level
            return new Score("P2", List.of(), rules.version(UrgencyRule.ID));
        }
        return score(p, text, rules.version(UrgencyRule.ID));
    }

    static Score score(UrgencyRule.Params p, String text, String version) {
        String t = normalise(text == null ? "" : text);
        if (t.isEmpty()) {
            return new Score(p.emptyLevel(), List.of(), version);
        }
        String best = null;
        List<String> matched = new ArrayList<>();
        for (UrgencyRule.Level level : p.levels()) {
            for (String k : level.keywords()) {
                if (t.contains(normalise(k))) {
                    matched.add(k);
                    if (best == null || level.level().compareTo(best) < 0) {
                        best = level.level();
                    }
                }
            }
        }
        return new Score(best == null ? p.defaultLevel() : best, List.copyOf(matched), version);
    }

    static String normalise(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).replaceAll("[\\s\\u3000]+", "");
    }
}
