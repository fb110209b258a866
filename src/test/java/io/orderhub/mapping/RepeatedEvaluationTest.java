package io.orderhub.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

/**
 * A mapping evaluated many thousand times stays correct on the thread that loaded it and on others: guards the
 * jsonata-java per-thread environment that nested one frame deeper per evaluation on the parsing thread.
 */
class RepeatedEvaluationTest {

    static final int ROUNDS = 30_000;

    @Test
    void thousandsOfEvaluationsOnTheLoadingThreadAndAnotherStayCorrect() throws Exception {
        MappingEngine engine = MappingEngine.load(Path.of("mappings"));
        byte[] body = Files
                .readAllBytes(Path.of("src/test/resources/golden/kuaishou/detail-paid-masked-receiver/input.json"));
        MappingResult first = engine.map("kuaishou", body, "application/json", null);
        assertThat(first).isInstanceOf(MappingResult.Mapped.class);
        assertThat(repeat(engine, body)).isEqualTo(((MappingResult.Mapped) first).order());
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<Object> last = other.submit(() -> repeat(engine, body));
            assertThat(last.get()).isEqualTo(((MappingResult.Mapped) first).order());
        } finally {
            other.shutdown();
        }
    }

    private static Object repeat(MappingEngine engine, byte[] body) {
        MappingResult result = null;
        for (int i = 0; i < ROUNDS; i++) {
            result = engine.map("kuaishou", body, "application/json", null);
        }
        assertThat(result).isInstanceOf(MappingResult.Mapped.class);
        return ((MappingResult.Mapped) result).order();
    }
}
