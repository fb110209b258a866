package io.orderhub.mapping;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Runs the channel mapping files ({@code mappings/channels/<ch>.jsonata}) over raw payloads and returns validated
 * canonical orders, thin notices, or a park reason. Immutable: reloading mappings means loading a new engine.
 */
public final class MappingEngine {

    private static final long TIMEOUT_MS = 5_000;
    private static final int MAX_DEPTH = 300;

    private final Map<String, CompiledMapping> mappings;

    private MappingEngine(Map<String, CompiledMapping> mappings) {
        this.mappings = Map.copyOf(mappings);
    }

    /** Compiles every {@code channels/<ch>.jsonata} with its {@code status/<ch>.yaml} (required). */
    public static MappingEngine load(Path mappingsDir) throws IOException {
        Map<String, CompiledMapping> compiled = new TreeMap<>();
        try (Stream<Path> files = Files.list(mappingsDir.resolve("channels"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".jsonata")).toList()) {
                String channel = file.getFileName().toString().replaceFirst("\\.jsonata$", "");
                compiled.put(channel, CompiledMapping.load(mappingsDir, channel));
            }
        }
        return new MappingEngine(compiled);
    }

    public Set<String> channels() {
        return new TreeMap<>(mappings).keySet();
    }

    /** The version tag ({@code taobao@3f2a9c1b}) of a loaded channel mapping, if any. */
    public Optional<String> version(String channel) {
        return Optional.ofNullable(mappings.get(channel)).map(CompiledMapping::version);
    }

    /** Maps one raw payload; never throws for bad input, it returns {@link MappingResult.Failed} instead. */
    public MappingResult map(String channel, byte[] body, String contentType, String shopId) {
        CompiledMapping mapping = mappings.get(channel);
        if (mapping == null) {
            return new MappingResult.Failed("unknown_channel: no mappings/channels/" + channel + ".jsonata");
        }
        try {
            Object input = PayloadReader.read(body, contentType);
            checkInput(mapping, input);
            Jsonata.Frame frame = JsonataFunctions.bind(mapping.expression(), mapping.statuses(), shopId);
            frame.setRuntimeBounds(TIMEOUT_MS, MAX_DEPTH);
            Object output = mapping.expression().evaluate(input, frame);
            return interpret(JsonTrees.toJson(output), mapping.version());
        } catch (RuntimeException e) {
            return new MappingResult.Failed(reason(e));
        }
    }

    private static void checkInput(CompiledMapping mapping, Object input) {
        if (mapping.inputSchema() == null) {
            return;
        }
        JsonNode tree = PayloadReader.JSON.valueToTree(input);
        mapping.inputSchema().firstViolation(tree).ifPresent(v -> {
            throw new MappingException("input schema: " + v);
        });
    }

    private static MappingResult interpret(JsonNode output, String version) {
        if (!output.isObject()) {
            throw new MappingException("mapping: result is " + output.getNodeType() + ", not an object");
        }
        JsonNode notice = output.get("notice");
        if (notice != null && output.size() == 1) {
            String id = text(notice, "platformOrderId");
            if (id == null) {
                throw new MappingException("mapping: notice.platformOrderId is missing");
            }
            return new MappingResult.Notice(id, text(notice, "platformStatus"), text(notice, "updatedAt"), version);
        }
        ObjectNode order = (ObjectNode) output;
        Optional<String> violation = CanonicalValidator.instance().violation(order);
        if (violation.isPresent()) {
            return new MappingResult.Failed(violation.get());
        }
        return new MappingResult.Mapped(order, version);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** The park reason: a helper's own reason if one is in the cause chain, else the JSONata error. */
    private static String reason(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MappingException m) {
                return m.getMessage();
            }
        }
        if (e instanceof JException j) {
            return "mapping: " + j.getMessage();
        }
        return "mapping: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
