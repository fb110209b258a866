package io.orderhub.mapping;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Runs a channel's golden cases ({@code <golden>/<channel>/<case>/input.*, expected.json, meta.json}) through an
 * engine and reports every difference. The build's golden tests and the hub's reload gate use the same comparison:
 * a mapping change goes live only when it still produces what its golden files say.
 */
public final class GoldenCheck {

    static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private GoldenCheck() {
    }

    /** The case folders of one channel, sorted; empty when the channel has none. */
    public static List<Path> cases(Path goldenRoot, String channel) throws IOException {
        Path dir = goldenRoot.resolve(channel);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).sorted().toList();
        }
    }

    /** Differences of one case, one line each ({@code <case>: $.path: expected … but was …}); empty when it passes. */
    public static List<String> check(MappingEngine engine, String channel, Path caseDir) throws IOException {
        String name = caseDir.getFileName().toString();
        JsonNode expected = read(caseDir.resolve("expected.json"));
        MappingResult result = run(engine, channel, caseDir);
        List<String> out = new ArrayList<>();
        if (expected.has("failed")) {
            if (!(result instanceof MappingResult.Failed f)
                    || !f.reason().startsWith(expected.get("failed").asText())) {
                out.add(name + ": expected a failure starting '" + expected.get("failed").asText() + "' but got "
                        + describe(result));
            }
            return out;
        }
        if (result instanceof MappingResult.Failed f) {
            out.add(name + ": mapping failed: " + f.reason());
            return out;
        }
        diff(name + ": $", normalize(expected), normalize(asJson(result)), out);
        return out;
    }

    /** Maps a case's {@code input.*} with the content type and shop of its {@code meta.json} (JSON, no shop). */
    public static MappingResult run(MappingEngine engine, String channel, Path caseDir) throws IOException {
        JsonNode meta = read(caseDir.resolve("meta.json"));
        return engine.map(channel, Files.readAllBytes(input(caseDir)), contentType(caseDir),
                meta.hasNonNull("shopId") ? meta.get("shopId").asText() : null);
    }

    /** The content type a case's input is posted with. */
    public static String contentType(Path caseDir) throws IOException {
        return read(caseDir.resolve("meta.json")).path("contentType").asText("application/json");
    }

    /** A mapped order or a notice as the golden files write it. */
    public static JsonNode asJson(MappingResult result) {
        if (result instanceof MappingResult.Mapped m) {
            return m.order();
        }
        MappingResult.Notice n = (MappingResult.Notice) result;
        ObjectNode wrapper = JSON.createObjectNode();
        ObjectNode notice = wrapper.putObject("notice").put("platformOrderId", n.platformOrderId());
        if (n.platformStatus() != null) {
            notice.put("platformStatus", n.platformStatus());
        }
        if (n.updatedAt() != null) {
            notice.put("updatedAt", n.updatedAt());
        }
        return wrapper;
    }

    /** Serializes and re-reads so int/long/decimal node widths compare equal. */
    public static JsonNode normalize(JsonNode node) throws IOException {
        return JSON.readTree(JSON.writeValueAsString(node));
    }

    /** Differences between two trees, one line per differing path, prefixed by {@code path}. */
    public static void diff(String path, JsonNode e, JsonNode a, List<String> out) {
        if (e == null || a == null) {
            out.add(path + ": " + (e == null ? "unexpected " + a : "missing, expected " + e));
        } else if (e.isObject() && a.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                diff(path + "." + f.getKey(), f.getValue(), a.get(f.getKey()), out);
            }
            a.fieldNames().forEachRemaining(n -> {
                if (!e.has(n)) {
                    out.add(path + "." + n + ": unexpected " + a.get(n));
                }
            });
        } else if (e.isArray() && a.isArray()) {
            for (int i = 0; i < Math.max(e.size(), a.size()); i++) {
                diff(path + "[" + i + "]", e.get(i), a.get(i), out);
            }
        } else if (!e.equals(a)) {
            out.add(path + ": expected " + e + " but was " + a);
        }
    }

    private static String describe(MappingResult result) {
        return result instanceof MappingResult.Failed f ? "failure '" + f.reason() + "'" : "a result";
    }

    /** A case's {@code input.*} file (input.json, input.xml, …). */
    public static Path input(Path caseDir) throws IOException {
        try (Stream<Path> files = Files.list(caseDir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("input.")).findFirst()
                    .orElseThrow(() -> new IllegalStateException(caseDir + " has no input.*"));
        }
    }

    private static JsonNode read(Path file) throws IOException {
        return Files.exists(file) ? JSON.readTree(file.toFile()) : JSON.createObjectNode();
    }
}
