package io.orderhub.mapping;

import java.io.IOException;
import java.io.UncheckedIOException;
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

/** One golden folder {@code golden/<channel>/<case>/} with input.json, expected.json and optional meta.json. */
record GoldenCase(String channel, String name, Path dir) {

    static final Path MAPPINGS = Path.of("mappings");
    static final Path ROOT = Path.of("src/test/resources/golden");
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    static List<GoldenCase> all() {
        List<GoldenCase> cases = new ArrayList<>();
        for (Path channelDir : list(ROOT)) {
            for (Path caseDir : list(channelDir)) {
                cases.add(new GoldenCase(channelDir.getFileName().toString(), caseDir.getFileName().toString(),
                        caseDir));
            }
        }
        return cases;
    }

    MappingResult run(MappingEngine engine) {
        JsonNode meta = read("meta.json");
        String contentType = meta.path("contentType").asText("application/json");
        String shopId = meta.hasNonNull("shopId") ? meta.get("shopId").asText() : null;
        return engine.map(channel, bytes(inputFile()), contentType, shopId);
    }

    Path inputFile() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("input.")).findFirst()
                    .orElseThrow(() -> new IllegalStateException(dir + " has no input.*"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The input parsed the way the engine parses it (JSON, XML or form by meta.json's content type). */
    Object inputTree() {
        return PayloadReader.read(bytes(inputFile()), read("meta.json").path("contentType").asText("application/json"));
    }

    JsonNode expected() {
        return read("expected.json");
    }

    /** Serializes and re-reads so int/long node widths compare equal. */
    static JsonNode normalize(JsonNode node) {
        try {
            return JSON.readTree(JSON.writeValueAsString(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Human-readable differences between two trees, one line per differing path. */
    static List<String> diff(JsonNode expected, JsonNode actual) {
        List<String> out = new ArrayList<>();
        diff("$", expected, actual, out);
        return out;
    }

    private static void diff(String path, JsonNode e, JsonNode a, List<String> out) {
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

    private JsonNode read(String file) {
        Path path = dir.resolve(file);
        if (!Files.exists(path)) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(path.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
