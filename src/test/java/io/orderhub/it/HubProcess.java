package io.orderhub.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.awaitility.Awaitility;

/**
 * The packaged hub ({@code target/quarkus-app/quarkus-run.jar}) as its own operating-system process, the way an SRE
 * runs it: on the embedded PostgreSQL under a data directory, or on the external server of
 * {@code ORDERHUB_TEST_JDBC_URL} (a fresh database per test).
 */
final class HubProcess {

    final Path dataDir;
    final int httpPort = freePort();
    final int jolokiaPort = freePort();
    /** Port of the embedded PostgreSQL, fixed so the test can inspect the store directly. */
    final int pgPort = freePort();
    private final String externalUrl;
    private Process process;
    private int starts;

    HubProcess(Path dataDir) {
        this.dataDir = dataDir;
        this.externalUrl = externalDatabase().orElse(null);
    }

    boolean external() {
        return externalUrl != null;
    }

    /** Starts the hub with extra system properties and waits until it is ready. */
    HubProcess start(String... properties) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-Dorderhub.data-dir=" + dataDir, "-Dorderhub.store.embedded-port=" + pgPort,
                "-Dquarkus.http.port=" + httpPort, "-Dquarkus.camel.jolokia.server.port=" + jolokiaPort,
                // the crash test measures durability, not the per-shop rate limit
                "-Dorderhub.intake.rate-per-second=1000000", "-Dorderhub.intake.rate-burst=1000000"));
        if (external()) {
            cmd.add("-Dquarkus.datasource.jdbc.url=" + externalUrl);
        }
        for (String p : properties) {
            cmd.add("-D" + p);
        }
        cmd.addAll(List.of("-jar", appJar().toString()));
        Path log = dataDir.resolve("hub-" + (++starts) + ".log");
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HttpClient client = HttpClient.newHttpClient();
        Awaitility.await("hub ready, log " + log).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("hub exited: " + Files.readString(log));
                    }
                    try {
                        return client.send(HttpRequest.newBuilder(uri("/q/health/ready")).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    } catch (IOException e) {
                        return false;
                    }
                });
        return this;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    /** SIGKILL: no shutdown hook runs, nothing is drained — and in embedded mode the store is killed as well. */
    void crash() throws IOException {
        Optional<Long> postmaster = external() ? Optional.empty() : postmasterPid();
        process.destroyForcibly();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
        postmaster.flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
    }

    /** SIGTERM: the orderly stop of a Kubernetes pod. */
    void stop() {
        process.destroy();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !process.isAlive());
    }

    Connection store() throws SQLException {
        String url = external() ? externalUrl : "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres?user=postgres";
        return DriverManager.getConnection(url);
    }

    private Optional<Long> postmasterPid() throws IOException {
        Path pid = dataDir.resolve("pg").resolve("postmaster.pid");
        if (!Files.exists(pid)) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(Files.readAllLines(pid).get(0).trim()));
    }

    private static Path appJar() {
        Path jar = Path.of(System.getProperty("orderhub.app.jar", "target/quarkus-app/quarkus-run.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " missing: run the integration tests through 'mvn verify'");
        }
        return jar;
    }

    /** With ORDERHUB_TEST_JDBC_URL set, a throwaway database on that server for this hub alone. */
    private static Optional<String> externalDatabase() {
        String url = System.getenv("ORDERHUB_TEST_JDBC_URL");
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        String name = "orderhub_it_" + Long.toString(System.nanoTime(), 36);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create a test database on " + url, e);
        }
        // jdbc:postgresql://host:port/db?params -> same server, the new database
        return Optional.of(url.replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name));
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
