package io.orderhub.execute.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;

import io.orderhub.mapping.GoldenCheck;

/**
 * Runs every {@code downstream-golden/<system>/<case>/input.json} (a command input built from a real canonical golden
 * order) through the real mapping files and compares the payload structurally with {@code expected.json}; an expected
 * {@code {"failed": "..."}} means the build must fail with a message containing that text.
 */
class DownstreamGoldenTest {

    static final Path ROOT = Path.of("src/test/resources/downstream-golden");
    static final Path MAPPINGS = Path.of("mappings/downstream");
    /** The build time of every golden case ($now): WMS createTime. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-03T05:00:00Z"), ZoneOffset.UTC);

    private static DownstreamMappings mappings;

    @BeforeAll
    static void load() {
        mappings = DownstreamMappings.load(MAPPINGS, CLOCK);
    }

    @TestFactory
    Stream<DynamicNode> goldenCases() {
        Map<String, List<Path>> bySystem = cases().stream()
                .collect(Collectors.groupingBy(c -> c.getParent().getFileName().toString()));
        return bySystem.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> DynamicContainer.dynamicContainer(e.getKey(), e.getValue().stream()
                        .map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), c.toUri(),
                                () -> check(e.getKey(), c)))));
    }

    @Test
    void everySystemHasTwoCasesAndErpAndWmsADegradedOne() {
        Map<String, List<Path>> bySystem = cases().stream()
                .collect(Collectors.groupingBy(c -> c.getParent().getFileName().toString()));
        assertThat(bySystem.keySet()).containsExactlyInAnyOrderElementsOf(mappings.systems());
        bySystem.forEach((system, cases) -> assertThat(cases).as(system).hasSizeGreaterThanOrEqualTo(2));
        for (String system : List.of("erp", "wms")) {
            assertThat(bySystem.get(system)).as(system + " degraded cases")
                    .anyMatch(c -> read(c.resolve("input.json")).at("/command/degraded").asBoolean());
        }
    }

    @Test
    void theSystemsAreLoaded() {
        // the six of the commands rule, the interception's three and the platform write-back (issue 7)
        assertThat(mappings.systems()).containsExactly("carrier", "carrier-intercept", "erp", "finance",
                "finance-reverse", "invoice", "platform-writeback", "sms", "wms", "wms-cancel");
        assertThat(mappings.version("erp")).hasValueSatisfying(v -> assertThat(v).matches("erp@[0-9a-f]{8}"));
    }

    private static void check(String system, Path dir) throws IOException {
        JsonNode input = read(dir.resolve("input.json"));
        JsonNode expected = read(dir.resolve("expected.json"));
        if (expected.has("failed")) {
            assertThatThrownBy(() -> mappings.build(system, input)).isInstanceOf(DownstreamMappingException.class)
                    .hasMessageContaining(expected.get("failed").asText())
                    .hasMessageContaining("downstream mapping " + system);
            return;
        }
        JsonNode actual = mappings.build(system, input);
        List<String> differences = new ArrayList<>();
        GoldenCheck.diff("$", GoldenCheck.normalize(expected), GoldenCheck.normalize(actual), differences);
        assertThat(differences).as("differences from %s/expected.json; actual:%n%s", dir, actual.toPrettyString())
                .isEmpty();
    }

    static List<Path> cases() {
        try (Stream<Path> systems = Files.list(ROOT)) {
            List<Path> out = new ArrayList<>();
            for (Path system : systems.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> cases = Files.list(system)) {
                    cases.filter(Files::isDirectory).sorted().forEach(out::add);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(Path file) {
        try {
            return JsonValues.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
