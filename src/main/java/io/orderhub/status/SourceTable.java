package io.orderhub.status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * One status source's codes ({@code mappings/status/<system>.yaml}) in canonical terms: each code gives an order
 * status and/or an after-sales state, and a phase (the detail people want: PICKED_UP, IN_TRANSIT, DELIVERED...). A code
 * that is not in the table has no meaning here: the event is parked, never guessed.
 */
public final class SourceTable {

    /** What one code means. Any of the three may be null (a carrier's 疑难 exception has a phase only). */
    public record Meaning(String status, String phase, String afterSales) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final String system;
    private final String kind;
    private final Map<String, Meaning> codes;

    private SourceTable(String system, String kind, Map<String, Meaning> codes) {
        this.system = system;
        this.kind = kind;
        this.codes = Map.copyOf(codes);
    }

    public static SourceTable load(String table, Path file, Lifecycle lifecycle) throws IOException {
        JsonNode root = YAML.readTree(Files.readAllBytes(file));
        if (root == null || !table.equals(root.path("system").asText())) {
            throw new IllegalArgumentException(file + ": system must be '" + table + "'");
        }
        String kind = root.path("kind").asText();
        if (!StatusSources.KINDS.contains(kind)) {
            throw new IllegalArgumentException(file + ": kind must be one of " + StatusSources.KINDS);
        }
        Map<String, Meaning> codes = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("codes").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            Meaning m = new Meaning(text(v, "status"), text(v, "phase"), text(v, "afterSales"));
            if (m.status() != null && !lifecycle.knownStatus(m.status())) {
                throw new IllegalArgumentException(file + ": code '" + e.getKey() + "' → unknown status " + m.status());
            }
            if (m.afterSales() != null && !lifecycle.knownAfterSales(m.afterSales())) {
                throw new IllegalArgumentException(
                        file + ": code '" + e.getKey() + "' → unknown after-sales state " + m.afterSales());
            }
            if (m.status() == null && m.phase() == null && m.afterSales() == null) {
                throw new IllegalArgumentException(file + ": code '" + e.getKey() + "' means nothing");
            }
            codes.put(e.getKey(), m);
        }
        if (codes.isEmpty()) {
            throw new IllegalArgumentException(file + ": no codes");
        }
        return new SourceTable(table, kind, codes);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }

    public Optional<Meaning> meaning(String code) {
        return Optional.ofNullable(code == null ? null : codes.get(code));
    }

    public String system() {
        return system;
    }

    public String kind() {
        return kind;
    }
}
