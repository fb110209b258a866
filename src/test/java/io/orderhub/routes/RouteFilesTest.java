package io.orderhub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Every route file loads, is listed explicitly, and names its routes and steps with stable kebab-case ids — the ids
 * Hawtio, JMX, metrics and tests see.
 */
@QuarkusTest
class RouteFilesTest {

    static final Path ROUTES = Path.of("src/main/resources/routes");

    @Inject
    CamelContext camel;

    @Test
    void everyRouteFileIsListedInTheIncludePattern() throws IOException {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            props.load(in);
        }
        List<String> listed = new ArrayList<>();
        for (String key : List.of("camel.main.routes-include-pattern", "%bench.camel.main.routes-include-pattern",
                "%embedded.camel.main.routes-include-pattern")) {
            Arrays.stream(props.getProperty(key).split(",")).map(s -> s.trim().replace("classpath:routes/", ""))
                    .forEach(listed::add);
        }
        try (Stream<Path> files = Files.list(ROUTES)) {
            assertThat(files.map(p -> p.getFileName().toString())).allMatch(listed::contains);
        }
    }

    @Test
    void everyRouteAndStepHasAKebabCaseId() throws IOException {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.list(ROUTES)) {
            for (Path file : files.toList()) {
                Object doc = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
                for (Object item : (List<?>) doc) {
                    Map<?, ?> entry = (Map<?, ?>) item;
                    if (entry.get("route") instanceof Map<?, ?> route) {
                        checkId(file + " route", route, problems);
                        Map<?, ?> from = (Map<?, ?>) route.get("from");
                        for (Object step : (List<?>) from.get("steps")) {
                            ((Map<?, ?>) step).forEach((kind, body) -> checkId(
                                    file + " route " + route.get("id") + " step " + kind, (Map<?, ?>) body, problems));
                        }
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyListedRouteIsStarted() {
        assertThat(camel.getRoutes()).extracting(r -> r.getRouteId()).contains("intake-http", "receipts-http",
                "validate-receipts", "receipts-recovery", "platform-fetch", "platform-api-call",
                "sandbox-platform-http");
        // the test profile triggers polling and reconciliation itself (orderhub.connector.scheduled=false)
        Set<String> onDemand = Set.of("platform-poll", "platform-reconcile");
        camel.getRoutes().forEach(r -> assertThat(camel.getRouteController().getRouteStatus(r.getRouteId()))
                .as(r.getRouteId()).isEqualTo(onDemand.contains(r.getRouteId())
                        ? ServiceStatus.Stopped
                        : ServiceStatus.Started));
    }

    private static void checkId(String where, Map<?, ?> node, List<String> problems) {
        Object id = node.get("id");
        if (!(id instanceof String s) || !s.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            problems.add(where + ": id " + id + " is missing or not kebab-case");
        }
    }
}
