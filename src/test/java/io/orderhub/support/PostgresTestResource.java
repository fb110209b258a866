package io.orderhub.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.orderhub.store.EmbeddedPostgresLauncher;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The tests' PostgreSQL: the same embedded server the hub runs on, in a throwaway directory; or, when
 * {@code ORDERHUB_TEST_JDBC_URL} is set (CI's second pass), an external server at that URL. Also gives the hub a
 * throwaway copy of {@code mappings/} and {@code rules/}, so reload and rollback tests can change files without touching the repository.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedPostgres pg;

    @Override
    public Map<String, String> start() {
        Map<String, String> settings = new HashMap<>();
        try {
            settings.put("orderhub.mapping.dir", copyOf("mappings", "orderhub-test-mappings").toString());
            settings.put("orderhub.rules.dir", copyOf("rules", "orderhub-test-rules").toString());
            String external = System.getenv("ORDERHUB_TEST_JDBC_URL");
            if (external != null && !external.isBlank()) {
                settings.put("quarkus.datasource.jdbc.url", external);
            } else {
                pg = EmbeddedPostgresLauncher.start(Files.createTempDirectory("orderhub-test-pg"), 0);
                settings.put("quarkus.datasource.jdbc.url", EmbeddedPostgresLauncher.jdbcUrl(pg));
            }
            return settings;
        } catch (Exception e) {
            throw new IllegalStateException("could not prepare the test store", e);
        }
    }

    private static Path copyOf(String dir, String prefix) throws IOException {
        Path source = Path.of(dir);
        Path target = Files.createTempDirectory(prefix);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path f : files.toList()) {
                Path to = target.resolve(source.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        return target;
    }

    @Override
    public void stop() {
        if (pg != null) {
            try {
                pg.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
