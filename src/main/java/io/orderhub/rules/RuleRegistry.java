package io.orderhub.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Named;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.orderhub.config.OrderHubConfig;
import io.orderhub.ops.HubMetrics;
import io.orderhub.util.Hashing;
import io.quarkus.runtime.StartupEvent;

/**
 * The live rule parameters, exactly like the channel mappings: files load from {@code orderhub.rules.dir}
 * ({@code <rule-id>.yaml}), a changed file is parsed into its rule's parameter type and validated before it goes live
 * (a bad change is refused, the previous version keeps serving), every live version is kept in {@link RuleHistory},
 * and a rollback restores one on every pod until the file changes again.
 */
@ApplicationScoped
@Named("ruleRegistry")
public class RuleRegistry {

    /** One rule as the admin API shows it. */
    public record RuleView(String ruleId, String live, String directory, String cause, String refused,
            List<RuleHistory.Entry> versions) {
    }

    private static final Logger LOG = Logger.getLogger(RuleRegistry.class);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .findAndRegisterModules();

    private final Path dir;
    private final Map<String, Rule<?>> rules = new LinkedHashMap<>();
    private final RuleHistory history;
    private final HubMetrics metrics;
    private volatile RuleSet live = new RuleSet(Map.of());
    private final Map<String, String> examined = new ConcurrentHashMap<>();
    private final Map<String, String> refused = new ConcurrentHashMap<>();

    public RuleRegistry(OrderHubConfig config, Instance<Rule<?>> beans, RuleHistory history, HubMetrics metrics) {
        this.dir = Path.of(config.rules().dir()).toAbsolutePath();
        beans.forEach(r -> rules.put(r.id(), r));
        this.history = history;
        this.metrics = metrics;
    }

    void onStart(@Observes StartupEvent event) {
        refresh();
        LOG.infof("Rules from %s: %s", dir, summary());
    }

    /** The rule set one evaluation uses from start to end. */
    public RuleSet current() {
        return live;
    }

    /** Looks for changed rule files and for versions other pods made live; called by the rules-watch route. */
    public synchronized void refresh() {
        Map<String, RuleHistory.Live> shared = history.liveVersions().stream()
                .collect(Collectors.toMap(RuleHistory.Live::ruleId, Function.identity()));
        for (Rule<?> rule : rules.values()) {
            Path file = dir.resolve(rule.id() + ".yaml");
            if (!Files.isRegularFile(file)) {
                if (examined.remove(rule.id()) != null || live.all().containsKey(rule.id())) {
                    // a deleted file turns the rule off (its decisions say so)
                    install(rule.id(), null);
                    LOG.warnf("Rule %s is off: %s is gone", rule.id(), file);
                }
                continue;
            }
            byte[] yaml;
            try {
                yaml = Files.readAllBytes(file);
            } catch (IOException e) {
                refuse(rule.id(), "unreadable: " + e.getMessage());
                continue;
            }
            String dirVersion = version(rule.id(), yaml);
            RuleHistory.Live row = shared.get(rule.id());
            if (!dirVersion.equals(examined.put(rule.id(), dirVersion))) {
                if (row != null && "rollback".equals(row.cause()) && row.dirVersion().equals(dirVersion)) {
                    follow(rule, row);
                } else if (!tryGoLive(rule, yaml, dirVersion) && row != null && !live.all().containsKey(rule.id())) {
                    follow(rule, row);
                }
            } else if (row != null && !row.version().equals(live.version(rule.id()))) {
                follow(rule, row);
            }
        }
    }

    /** Restores {@code version} (default: the one live before the current) of a rule. */
    public synchronized Map<String, String> rollback(String ruleId, Optional<String> version) {
        Rule<?> rule = rules.get(ruleId);
        if (rule == null) {
            throw new IllegalArgumentException("no rule '" + ruleId + "'");
        }
        String current = live.version(ruleId);
        String target = version.orElseGet(() -> history.versions(ruleId).stream().map(RuleHistory.Entry::version)
                .filter(v -> !v.equals(current)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no earlier version of " + ruleId + " is stored")));
        if (!target.startsWith(ruleId + "@")) {
            throw new IllegalArgumentException("no stored version " + target + " of " + ruleId);
        }
        byte[] yaml = history.yaml(target)
                .orElseThrow(() -> new IllegalArgumentException("no stored version " + target + " of " + ruleId));
        install(ruleId, new RuleSet.Live(target, parse(rule, yaml)));
        history.live(ruleId, target, yaml, examined.getOrDefault(ruleId, target), "rollback");
        metrics.ruleChange(ruleId, "rollback");
        LOG.warnf("Rule %s rolled back to %s (was %s)", ruleId, target, current);
        return Map.of("ruleId", ruleId, "version", target, "previous", current);
    }

    public List<RuleView> views() {
        Map<String, RuleHistory.Live> shared = history.liveVersions().stream()
                .collect(Collectors.toMap(RuleHistory.Live::ruleId, Function.identity()));
        List<RuleView> views = new ArrayList<>();
        for (String id : new java.util.TreeSet<>(rules.keySet())) {
            RuleHistory.Live row = shared.get(id);
            views.add(new RuleView(id, live.all().containsKey(id) ? live.version(id) : null, examined.get(id),
                    row == null ? null : row.cause(), refused.get(id), history.versions(id)));
        }
        return views;
    }

    private boolean tryGoLive(Rule<?> rule, byte[] yaml, String version) {
        Object params;
        try {
            params = parse(rule, yaml);
        } catch (IllegalArgumentException e) {
            return refuse(rule.id(), e.getMessage());
        }
        String previous = live.all().containsKey(rule.id()) ? live.version(rule.id()) : null;
        install(rule.id(), new RuleSet.Live(version, params));
        refused.remove(rule.id());
        history.live(rule.id(), version, yaml, version, "directory");
        metrics.ruleChange(rule.id(), "live");
        if (previous != null) {
            LOG.infof("Rule %s is live (was %s)", version, previous);
        }
        return true;
    }

    /** Parses and validates; {@link IllegalArgumentException} names what is wrong. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Object parse(Rule rule, byte[] yaml) {
        Object params;
        try {
            params = YAML.readValue(yaml, rule.paramsType());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(rule.id() + ".yaml: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(rule.id() + ".yaml: " + e.getMessage(), e);
        }
        if (params == null) {
            throw new IllegalArgumentException(rule.id() + ".yaml is empty");
        }
        rule.validate(params);
        return params;
    }

    private void follow(Rule<?> rule, RuleHistory.Live row) {
        history.yaml(row.version()).ifPresent(yaml -> {
            try {
                install(rule.id(), new RuleSet.Live(row.version(), parse(rule, yaml)));
                LOG.infof("Rule %s serves %s (%s)", rule.id(), row.version(), row.cause());
            } catch (IllegalArgumentException e) {
                refuse(rule.id(), "stored version " + row.version() + ": " + e.getMessage());
            }
        });
    }

    private boolean refuse(String ruleId, String why) {
        refused.put(ruleId, why);
        metrics.ruleChange(ruleId, "refused");
        LOG.errorf("Rule change for %s refused (%s); %s keeps serving", ruleId, why, live.version(ruleId));
        return false;
    }

    private synchronized void install(String ruleId, RuleSet.Live next) {
        Map<String, RuleSet.Live> all = new HashMap<>(live.all());
        if (next == null) {
            all.remove(ruleId);
        } else {
            all.put(ruleId, next);
        }
        live = new RuleSet(all);
    }

    private Map<String, String> summary() {
        Map<String, String> out = new TreeMap<>();
        rules.keySet().forEach(id -> out.put(id, live.version(id)));
        return out;
    }

    static String version(String ruleId, byte[] yaml) {
        return ruleId + "@" + Hashing.sha256Hex(new String(yaml, java.nio.charset.StandardCharsets.UTF_8))
                .substring(0, 8);
    }
}
