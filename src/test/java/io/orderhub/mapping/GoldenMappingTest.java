package io.orderhub.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;

/** Runs every {@code golden/<channel>/<case>/} through the real mapping files and compares structurally. */
class GoldenMappingTest {

    /** OrderHub's own formats need two cases; platform channels three (multi-line, presale/refund, PII form). */
    private static final Set<String> OWN_FORMATS = Set.of("pos", "b2b_form");

    private static MappingEngine engine;

    @BeforeAll
    static void load() throws IOException {
        engine = MappingEngine.load(GoldenCase.MAPPINGS);
    }

    @TestFactory
    Stream<DynamicNode> goldenCases() {
        Map<String, List<GoldenCase>> byChannel = GoldenCase.all().stream()
                .collect(Collectors.groupingBy(GoldenCase::channel));
        return byChannel.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> DynamicContainer.dynamicContainer(e.getKey(), e.getValue().stream()
                        .map(c -> DynamicTest.dynamicTest(c.name(), c.dir().toUri(), () -> check(c)))));
    }

    @TestFactory
    Stream<DynamicTest> everyMappedChannelHasGoldenCases() {
        Map<String, Long> counts = GoldenCase.all().stream()
                .collect(Collectors.groupingBy(GoldenCase::channel, Collectors.counting()));
        return engine.channels().stream().map(ch -> DynamicTest.dynamicTest(ch, () -> assertThat(
                counts.getOrDefault(ch, 0L)).as("golden cases for %s", ch)
                .isGreaterThanOrEqualTo(OWN_FORMATS.contains(ch) ? 2 : 3)));
    }

    @TestFactory
    Stream<DynamicTest> everyGoldenChannelHasAMapping() {
        return GoldenCase.all().stream().map(GoldenCase::channel).distinct()
                .map(ch -> DynamicTest.dynamicTest(ch, () -> assertThat(engine.channels()).contains(ch)));
    }

    private static void check(GoldenCase c) {
        JsonNode expected = c.expected();
        MappingResult result = c.run(engine);
        if (expected.has("failed")) {
            assertThat(result).as("result").isInstanceOf(MappingResult.Failed.class);
            assertThat(((MappingResult.Failed) result).reason()).startsWith(expected.get("failed").asText());
            return;
        }
        if (result instanceof MappingResult.Failed failed) {
            throw new AssertionError("mapping failed: " + failed.reason());
        }
        String version = result instanceof MappingResult.Mapped m
                ? m.mappingVersion()
                : ((MappingResult.Notice) result).mappingVersion();
        assertThat(version).matches(c.channel() + "@[0-9a-f]{8}");
        JsonNode actual = GoldenCase.normalize(asJson(result));
        List<String> differences = GoldenCase.diff(GoldenCase.normalize(expected), actual);
        assertThat(differences).as("differences from %s/expected.json; actual:%n%s", c.dir(), actual.toPrettyString())
                .isEmpty();
    }

    static JsonNode asJson(MappingResult result) {
        if (result instanceof MappingResult.Mapped m) {
            return m.order();
        }
        MappingResult.Notice n = (MappingResult.Notice) result;
        var wrapper = GoldenCase.JSON.createObjectNode();
        var notice = wrapper.putObject("notice").put("platformOrderId", n.platformOrderId());
        if (n.platformStatus() != null) {
            notice.put("platformStatus", n.platformStatus());
        }
        if (n.updatedAt() != null) {
            notice.put("updatedAt", n.updatedAt());
        }
        return wrapper;
    }
}
