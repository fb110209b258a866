package io.orderhub.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.orderhub.store.EmbeddedPostgresLauncher;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The tests' PostgreSQL: the same embedded server the hub runs on, in a throwaway directory; or, when
 * {@code ORDERHUB_TEST_JDBC_URL} is set (CI's second pass), an external server at that URL.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedPostgres pg;

    @Override
    public Map<String, String> start() {
        String external = System.getenv("ORDERHUB_TEST_JDBC_URL");
        if (external != null && !external.isBlank()) {
            return Map.of("quarkus.datasource.jdbc.url", external);
        }
        try {
            Path dir = Files.createTempDirectory("orderhub-test-pg");
            pg = EmbeddedPostgresLauncher.start(dir, 0);
            return Map.of("quarkus.datasource.jdbc.url", EmbeddedPostgresLauncher.jdbcUrl(pg));
        } catch (Exception e) {
            throw new IllegalStateException("could not start the test PostgreSQL", e);
        }
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
