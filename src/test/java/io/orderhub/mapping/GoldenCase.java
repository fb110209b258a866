package io.orderhub.mapping;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        try {
            return GoldenCheck.run(engine, channel, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The input parsed the way the engine parses it (JSON, XML or form by meta.json's content type). */
    Object inputTree() {
        try {
            return PayloadReader.read(Files.readAllBytes(GoldenCheck.input(dir)), GoldenCheck.contentType(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode expected() {
        return read("expected.json");
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
