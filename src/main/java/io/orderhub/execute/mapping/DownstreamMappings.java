package io.orderhub.execute.mapping;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Builds downstream payloads (ERP, WMS, carrier, SMS, finance, invoice) from a command input with the mapping files
 * {@code <orderhub.mapping.dir>/downstream/<system>.jsonata}. Each file is compiled once; {@link #build} is
 * thread-safe. Files are read at start and by {@link #reload()}; they are not watched (no hot reload).
 */
@ApplicationScoped
public class DownstreamMappings implements io.orderhub.execute.PayloadBuilder {

    private static final long TIMEOUT_MS = 5_000;
    private static final int MAX_DEPTH = 300;

    private final Path dir;
    private final Clock clock;
    private volatile Map<String, CompiledDownstream> mappings;

    @Inject
    public DownstreamMappings(
            @ConfigProperty(name = "orderhub.mapping.dir", defaultValue = "mappings") String mappingDir) {
        this(Path.of(mappingDir).resolve("downstream"), Clock.systemUTC());
    }

    private DownstreamMappings(Path dir, Clock clock) {
        this.dir = dir.toAbsolutePath();
        this.clock = clock;
        reload();
    }

    /** Loads every {@code <system>.jsonata} of a directory (for plain tests and tools). */
    public static DownstreamMappings load(Path dir) {
        return new DownstreamMappings(dir, Clock.systemUTC());
    }

    /** As {@link #load(Path)} with a fixed clock for {@code $now} (golden tests). */
    public static DownstreamMappings load(Path dir, Clock clock) {
        return new DownstreamMappings(dir, clock);
    }

    /**
     * Re-reads the directory. All files must compile, else nothing changes and the error names the file and line.
     */
    public void reload() {
        Map<String, CompiledDownstream> next = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".jsonata")).sorted().toList()) {
                String system = file.getFileName().toString().replaceFirst("\\.jsonata$", "");
                next.put(system, CompiledDownstream.compile(system, file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("downstream mappings: cannot read " + dir, e);
        }
        mappings = Map.copyOf(next);
    }

    /** The systems with a mapping file, sorted. */
    public Set<String> systems() {
        return new TreeMap<>(mappings).keySet();
    }

    /** The version tag ({@code erp@3f2a9c1b}) of a system's mapping, if it has one. */
    public Optional<String> version(String system) {
        return Optional.ofNullable(mappings.get(system)).map(CompiledDownstream::version);
    }

    /**
     * The payload for one command: a JSON object, or an array where the API's body is one (WDT). Throws {@link DownstreamMappingException} naming the system and, where JSONata
     * reports it, the failing line of the mapping file.
     */
    @Override
    public boolean has(String system) {
        return systems().contains(system);
    }

    @Override
    public JsonNode build(String system, JsonNode commandInput) {
        CompiledDownstream mapping = mappings.get(system);
        if (mapping == null) {
            throw new DownstreamMappingException(system, "unknown downstream system '" + system + "': no " + dir
                    .resolve(system + ".jsonata") + " (known: " + String.join(", ", systems()) + ")", null);
        }
        try {
            Jsonata.Frame frame = DownstreamFunctions.bind(mapping.expression(), clock.instant());
            frame.setRuntimeBounds(TIMEOUT_MS, MAX_DEPTH);
            Object result = mapping.expression().evaluate(JsonValues.toJava(commandInput), frame);
            JsonNode payload = JsonValues.toJson(result);
            if (!payload.isContainerNode()) {
                throw DownstreamMappingException.helper("result",
                        "is " + payload.getNodeType() + ", not an object or array");
            }
            return payload;
        } catch (RuntimeException e) {
            throw failure(mapping, e);
        }
    }

    private static DownstreamMappingException failure(CompiledDownstream mapping, RuntimeException e) {
        String reason = null;
        int location = -1;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DownstreamMappingException d && reason == null) {
                reason = d.getMessage();
            }
            if (t instanceof JException j) {
                location = location < 0 ? j.getLocation() : location;
                reason = reason == null ? j.getMessage() : reason;
            }
        }
        if (reason == null) {
            reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        return new DownstreamMappingException(mapping.system(), "downstream mapping " + mapping.system() + " ("
                + mapping.file().getFileName() + ") failed" + CompiledDownstream.at(mapping.source(), location) + ": "
                + reason, e);
    }
}
