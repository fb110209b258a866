package io.orderhub.status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * When two sources disagree in a way people must act on ({@code mappings/status/conflicts.yaml}): each rule names a
 * pair of source kinds, the statuses of each that make the disagreement ({@code NONE} = has not reported), a grace
 * period (a carrier needs hours to scan what the WMS shipped) and the templates of the detail and of the hint for
 * customer service. Placeholders: {@code {<kind>}} the kind's status, {@code {<kind>.at}} its time, {@code {grace}}.
 */
public final class ConflictRules {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final DateTimeFormatter CHINA = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.of("Asia/Shanghai"));

    /** A source's view as the rules see it. */
    public record View(String status, Instant at) {
    }

    public record Rule(String id, String a, String b, Set<String> whenA, Set<String> whenB, Duration grace,
            String detail, String hint) {
    }

    /** A rule whose condition holds now: it becomes a conflict at {@code due}. */
    public record Match(Rule rule, Instant since, Instant due, String detail, String hint) {
    }

    private final List<Rule> rules;

    private ConflictRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static ConflictRules load(Path file, Lifecycle lifecycle) throws IOException {
        JsonNode root = YAML.readTree(Files.readAllBytes(file));
        List<Rule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode r : root.path("rules")) {
            String id = r.path("id").asText();
            JsonNode between = r.path("between");
            if (id.isBlank() || !ids.add(id) || between.size() != 2) {
                throw new IllegalArgumentException(file + ": each rule needs a unique id and two sources in between");
            }
            String a = between.get(0).asText();
            String b = between.get(1).asText();
            if (!StatusSources.KINDS.contains(a) || !StatusSources.KINDS.contains(b) || a.equals(b)) {
                throw new IllegalArgumentException(file + ": rule " + id + ": between two different source kinds");
            }
            rules.add(new Rule(id, a, b, statuses(file, id, r.path("when").path(a), lifecycle),
                    statuses(file, id, r.path("when").path(b), lifecycle), Duration.parse(r.path("grace").asText()),
                    r.path("detail").asText(), r.path("hint").asText()));
        }
        return new ConflictRules(rules);
    }

    private static Set<String> statuses(Path file, String id, JsonNode list, Lifecycle lifecycle) {
        Set<String> out = new HashSet<>();
        list.forEach(n -> out.add(n.asText()));
        for (String s : out) {
            if (!"NONE".equals(s) && !lifecycle.knownStatus(s)) {
                throw new IllegalArgumentException(file + ": rule " + id + ": unknown status " + s);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(file + ": rule " + id + ": 'when' lists no status for a source");
        }
        return Set.copyOf(out);
    }

    /** The rules whose condition holds for these views (by source kind). */
    public List<Match> matches(Map<String, View> views) {
        List<Match> out = new ArrayList<>();
        for (Rule r : rules) {
            View a = views.get(r.a());
            View b = views.get(r.b());
            if (!r.whenA().contains(status(a)) || !r.whenB().contains(status(b))) {
                continue;
            }
            Instant since = a == null ? b.at() : b == null ? a.at() : a.at().isAfter(b.at()) ? a.at() : b.at();
            if (since == null) {
                continue;
            }
            out.add(new Match(r, since, since.plus(r.grace()), fill(r.detail(), r, views), fill(r.hint(), r, views)));
        }
        return out;
    }

    public List<Rule> rules() {
        return rules;
    }

    private static String status(View v) {
        return v == null || v.status() == null ? "NONE" : v.status();
    }

    private static String fill(String template, Rule r, Map<String, View> views) {
        String out = template.replace("{grace}", human(r.grace()));
        for (String kind : StatusSources.KINDS) {
            View v = views.get(kind);
            out = out.replace("{" + kind + ".at}", v == null || v.at() == null ? "-" : CHINA.format(v.at()))
                    .replace("{" + kind + "}", status(v));
        }
        return out;
    }

    private static String human(Duration d) {
        return d.toMinutes() % 60 == 0 ? d.toHours() + " h" : d.toMinutes() + " min";
    }
}
