package io.orderhub;

import java.nio.file.Path;

import org.jboss.logging.Logger;

import io.orderhub.store.EmbeddedPostgresLauncher;
import io.quarkus.runtime.Quarkus;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Entry point: in the embedded mode (the default) it starts the hub's own PostgreSQL before Quarkus, so the
 * datasource, Flyway and the routes find a running store. It is the jar's main class through
 * {@code quarkus.package.main-class} rather than a {@code @QuarkusMain}: Camel Quarkus only starts its context by
 * itself when no {@code @QuarkusMain} exists, and the tests (which never call a main) rely on that.
 */
public class OrderHubMain {

    private static final Logger LOG = Logger.getLogger(OrderHubMain.class);

    public static void main(String... args) throws Exception {
        String profile = setting("quarkus.profile", "QUARKUS_PROFILE", "embedded");
        System.setProperty("quarkus.profile", profile);
        if (profile.contains("embedded") && !System.getProperties().containsKey("quarkus.datasource.jdbc.url")
                && System.getenv("QUARKUS_DATASOURCE_JDBC_URL") == null) {
            Path dataDir = Path.of(setting("orderhub.data-dir", "ORDERHUB_DATA_DIR", "data")).toAbsolutePath();
            int port = Integer.parseInt(setting("orderhub.store.embedded-port", "ORDERHUB_STORE_EMBEDDED_PORT", "0"));
            EmbeddedPostgres pg = EmbeddedPostgresLauncher.start(dataDir.resolve("pg"), port);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAfterHub(pg), "embedded-postgres-stop"));
            System.setProperty("quarkus.datasource.jdbc.url", EmbeddedPostgresLauncher.jdbcUrl(pg));
            LOG.infof("Embedded PostgreSQL on port %d, data in %s", pg.getPort(), dataDir.resolve("pg"));
        }
        Quarkus.run(args);
    }

    /** The store stops only after the hub has drained, so in-flight acknowledgements still reach the disk. */
    private static void stopAfterHub(EmbeddedPostgres pg) {
        Thread waiter = new Thread(Quarkus::waitForExit, "wait-for-hub-exit");
        waiter.setDaemon(true);
        waiter.start();
        try {
            waiter.join(30_000);
            pg.close();
        } catch (Exception e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly; the next start recovers it", e);
        }
    }

    private static String setting(String property, String env, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
