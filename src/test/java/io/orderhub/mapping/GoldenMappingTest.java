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

    /** The same comparison the hub's reload gate runs ({@link GoldenCheck}), plus the version tag's form. */
    private static void check(GoldenCase c) throws Exception {
        List<String> differences = GoldenCheck.check(engine, c.channel(), c.dir());
        MappingResult result = c.run(engine);
        String actual = result instanceof MappingResult.Failed f
                ? f.reason()
                : GoldenCheck.asJson(result).toPrettyString();
        assertThat(differences).as("differences from %s/expected.json; actual:%n%s", c.dir(), actual).isEmpty();
        if (result instanceof MappingResult.Mapped m) {
            assertThat(m.mappingVersion()).matches(c.channel() + "@[0-9a-f]{8}");
        } else if (result instanceof MappingResult.Notice n) {
            assertThat(n.mappingVersion()).matches(c.channel() + "@[0-9a-f]{8}");
        }
    }
}
