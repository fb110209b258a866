package io.orderhub.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.orderhub.config.OrderHubConfig;

/**
 * The status backbone's data files, from the mapping directory (a ConfigMap in Kubernetes): the lifecycle, each
 * source's code table, the conflict rules. Read again when a file changes (checked at most once a second), so a code
 * added for a parked event takes effect without a restart; a file that does not load keeps the last good version.
 */
@ApplicationScoped
public class StatusSources {

    public static final Set<String> KINDS = Set.of("platform", "erp", "wms", "carrier");

    private record Loaded(FileTime modified, Object value, long checkedAt) {
    }

    @FunctionalInterface
    private interface Loader {
        Object load(Path file) throws IOException;
    }

    private final Path dir;
    private final OrderHubConfig.Status config;
    private final Map<Path, Loaded> cache = new ConcurrentHashMap<>();

    public StatusSources(OrderHubConfig config) {
        this.dir = Path.of(config.mapping().dir()).resolve("status");
        this.config = config.status();
    }

    public Lifecycle lifecycle() {
        return (Lifecycle) get(dir.resolve("lifecycle.yaml"), Lifecycle::load);
    }

    public ConflictRules conflicts() {
        return (ConflictRules) get(dir.resolve("conflicts.yaml"), f -> ConflictRules.load(f, lifecycle()));
    }

    /** The configured system of that name, if it is of that kind. */
    public Optional<OrderHubConfig.StatusSystem> system(String kind, String name) {
        return Optional.ofNullable(config.systems().get(name)).filter(s -> s.kind().equals(kind));
    }

    public SourceTable table(String system) {
        String table = Optional.ofNullable(config.systems().get(system)).flatMap(OrderHubConfig.StatusSystem::table)
                .orElse(system);
        if (!table.matches("[a-z0-9][a-z0-9_-]*")) {
            throw new IllegalArgumentException("bad table name '" + table + "'");
        }
        return (SourceTable) get(dir.resolve(table + ".yaml"), f -> SourceTable.load(table, f, lifecycle()));
    }

    public OrderHubConfig.Status config() {
        return config;
    }

    private Object get(Path file, Loader loader) {
        long now = System.currentTimeMillis();
        Loaded current = cache.get(file);
        if (current != null && now - current.checkedAt() < 1000) {
            return current.value();
        }
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            if (current != null && current.modified().equals(modified)) {
                cache.put(file, new Loaded(modified, current.value(), now));
                return current.value();
            }
            Object value = loader.load(file);
            cache.put(file, new Loaded(modified, value, now));
            return value;
        } catch (IOException | RuntimeException e) {
            if (current != null) {
                // a half-written or broken edit: keep serving the last good table
                cache.put(file, new Loaded(current.modified(), current.value(), now));
                return current.value();
            }
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }
}
