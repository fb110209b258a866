package io.orderhub.mapping;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Named;

import org.jboss.logging.Logger;

import io.orderhub.config.OrderHubConfig;
import io.orderhub.ops.HubMetrics;
import io.quarkus.runtime.StartupEvent;

/**
 * The live channel mappings. Files load from {@code orderhub.mapping.dir}; a changed channel is compiled and run
 * against its golden cases before it goes live, and a bad change is refused while the previous version keeps serving.
 * Every live version is kept in {@link MappingHistory}; a rollback restores one and holds until the directory changes
 * again. All pods follow the shared live row, so a rollback on one pod reaches every pod.
 */
@ApplicationScoped
@Named("mappingRegistry")
public class MappingRegistry {

    /** One channel as the admin API shows it. */
    public record ChannelView(String channel, String live, String directory, String cause, String refused,
            List<MappingHistory.Entry> versions) {
    }

    /** The outcome of a rollback. */
    public record Rollback(String channel, String version, String previous) {
    }

    private static final Logger LOG = Logger.getLogger(MappingRegistry.class);

    private final Path dir;
    private final Path goldenDir;
    private final MappingHistory history;
    private final HubMetrics metrics;
    private volatile MappingEngine engine = MappingEngine.of(Map.of());
    /** The directory version of each channel last examined, so a refused file is judged once, not every tick. */
    private final Map<String, String> examined = new ConcurrentHashMap<>();
    private final Map<String, String> refused = new ConcurrentHashMap<>();

    public MappingRegistry(OrderHubConfig config, MappingHistory history, HubMetrics metrics) {
        this.dir = Path.of(config.mapping().dir()).toAbsolutePath();
        this.goldenDir = Path.of(config.mapping().goldenDir()).toAbsolutePath();
        this.history = history;
        this.metrics = metrics;
    }

    void onStart(@Observes StartupEvent event) {
        refresh();
        LOG.infof("Channel mappings from %s (golden cases from %s): %s", dir, goldenDir, liveVersions());
    }

    /** Maps one payload with the live mapping of its channel; never throws for bad input. */
    public MappingResult map(String channel, byte[] body, String contentType, String shopId) {
        MappingEngine live = engine;
        if (live.compiled(channel).isEmpty() && refused.containsKey(channel)) {
            return new MappingResult.Failed("mapping_unavailable: " + refused.get(channel));
        }
        return live.map(channel, body, contentType, shopId);
    }

    /** Looks for changed files and for versions other pods made live; called at start-up and by mappings-watch. */
    public synchronized void refresh() {
        Map<String, MappingHistory.Live> shared = history.liveVersions().stream()
                .collect(Collectors.toMap(MappingHistory.Live::channel, Function.identity()));
        for (String channel : channelsOnDisk()) {
            MappingSources sources;
            try {
                sources = MappingSources.read(dir, channel);
            } catch (IOException | RuntimeException e) {
                refuse(channel, "unreadable", e.getMessage(), e.getMessage());
                continue;
            }
            String dirVersion = sources.version();
            MappingHistory.Live row = shared.get(channel);
            if (!dirVersion.equals(examined.put(channel, dirVersion))) {
                if (row != null && "rollback".equals(row.cause()) && row.dirVersion().equals(dirVersion)) {
                    follow(row); // a rollback made against these very files still holds
                } else if (!tryGoLive(sources) && row != null && liveVersion(channel).isEmpty()) {
                    follow(row); // start-up with a bad file: serve the last version that was live
                }
            } else if (row != null && !row.version().equals(liveVersion(channel).orElse(null))) {
                follow(row);
            }
        }
    }

    /** Restores {@code version} (default: the version live before the current one) for a channel. */
    public synchronized Rollback rollback(String channel, Optional<String> version) {
        String current = liveVersion(channel).orElse(null);
        String target = version.orElseGet(() -> history.versions(channel).stream().map(MappingHistory.Entry::version)
                .filter(v -> !v.equals(current)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no earlier version of " + channel + " is stored")));
        MappingSources sources = history.sources(target)
                .filter(s -> s.channel().equals(channel))
                .orElseThrow(() -> new IllegalArgumentException("no stored version " + target + " of " + channel));
        install(compile(sources));
        history.live(sources, examined.getOrDefault(channel, target), "rollback");
        metrics.mappingChange(channel, "rollback");
        LOG.warnf("Mapping %s rolled back to %s (was %s)", channel, target, current);
        return new Rollback(channel, target, current);
    }

    public List<ChannelView> channels() {
        Map<String, MappingHistory.Live> shared = history.liveVersions().stream()
                .collect(Collectors.toMap(MappingHistory.Live::channel, Function.identity()));
        List<ChannelView> views = new ArrayList<>();
        for (String channel : new java.util.TreeSet<>(examined.keySet())) {
            MappingHistory.Live row = shared.get(channel);
            views.add(new ChannelView(channel, liveVersion(channel).orElse(null), examined.get(channel),
                    row == null ? null : row.cause(), refused.get(channel), history.versions(channel)));
        }
        return views;
    }

    private boolean tryGoLive(MappingSources sources) {
        String channel = sources.channel();
        CompiledMapping candidate;
        try {
            candidate = compile(sources);
        } catch (RuntimeException e) {
            return refuse(channel, "compile", e.getMessage(), e.getMessage());
        }
        List<String> differences = goldenDifferences(engine.with(candidate), channel);
        if (!differences.isEmpty()) {
            String summary = differences.size() + " difference(s) from the golden cases in "
                    + goldenDir.resolve(channel) + ", first: ";
            // golden values can be buyer data: the admin view shows them, the log only names the path
            return refuse(channel, "golden", summary + differences.get(0),
                    summary + differences.get(0).replaceFirst(": (expected|missing|unexpected|mapping failed).*",
                            " differs"));
        }
        String previous = liveVersion(channel).orElse(null);
        install(candidate);
        refused.remove(channel);
        history.live(sources, sources.version(), "directory");
        metrics.mappingChange(channel, "live");
        if (previous != null) {
            LOG.infof("Mapping %s is live (was %s)", sources.version(), previous);
        }
        return true;
    }

    private List<String> goldenDifferences(MappingEngine candidate, String channel) {
        List<String> out = new ArrayList<>();
        try {
            List<Path> cases = GoldenCheck.cases(goldenDir, channel);
            if (cases.isEmpty()) {
                LOG.warnf("No golden cases for %s in %s: the change is only compiled", channel, goldenDir);
            }
            for (Path c : cases) {
                out.addAll(GoldenCheck.check(candidate, channel, c));
            }
        } catch (IOException | RuntimeException e) {
            out.add("golden cases unreadable: " + e.getMessage());
        }
        return out;
    }

    private boolean refuse(String channel, String stage, String message, String loggable) {
        refused.put(channel, stage + ": " + message);
        metrics.mappingChange(channel, "refused");
        LOG.errorf("Mapping change for %s refused (%s: %s); %s keeps serving", channel, stage, loggable,
                liveVersion(channel).orElse("no version"));
        return false;
    }

    private void follow(MappingHistory.Live row) {
        history.sources(row.version()).ifPresent(sources -> {
            try {
                install(compile(sources));
                LOG.infof("Mapping %s serves %s (%s)", row.channel(), row.version(), row.cause());
            } catch (RuntimeException e) {
                refuse(row.channel(), "stored version " + row.version(), e.getMessage(), e.getMessage());
            }
        });
    }

    private void install(CompiledMapping mapping) {
        engine = engine.with(mapping);
    }

    private Optional<String> liveVersion(String channel) {
        return engine.version(channel);
    }

    private Map<String, String> liveVersions() {
        Map<String, String> out = new TreeMap<>();
        examined.keySet().forEach(ch -> out.put(ch, liveVersion(ch).orElse("refused: " + refused.get(ch))));
        return out;
    }

    private static CompiledMapping compile(MappingSources sources) {
        try {
            return CompiledMapping.compile(sources);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private List<String> channelsOnDisk() {
        Path channels = dir.resolve("channels");
        if (!Files.isDirectory(channels)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(channels)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".jsonata"))
                    .map(n -> n.substring(0, n.length() - ".jsonata".length())).sorted().toList();
        } catch (IOException e) {
            LOG.errorf("Cannot list %s: %s", channels, e.getMessage());
            return List.of();
        }
    }
}
