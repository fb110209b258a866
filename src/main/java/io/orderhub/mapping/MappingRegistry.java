package io.orderhub.mapping;

import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.orderhub.config.OrderHubConfig;

/**
 * The live channel mappings of the hub, loaded from {@code orderhub.mapping.dir}. A mapping directory that cannot be
 * loaded leaves the hub running: receipts then park with the load error as their reason and can be replayed once it
 * is fixed.
 */
@ApplicationScoped
public class MappingRegistry {

    private static final Logger LOG = Logger.getLogger(MappingRegistry.class);

    private final Path dir;
    private volatile MappingEngine engine;
    private volatile String unavailable = "mapping_unavailable: mappings not loaded yet";

    public MappingRegistry(OrderHubConfig config) {
        this.dir = Path.of(config.mapping().dir()).toAbsolutePath();
    }

    @PostConstruct
    void load() {
        if (!Files.isDirectory(dir.resolve("channels"))) {
            unavailable = "mapping_unavailable: no channel mappings in " + dir;
            LOG.warnf("No channel mappings in %s: receipts will be parked until mappings are installed", dir);
            return;
        }
        try {
            engine = MappingEngine.load(dir);
            LOG.infof("Channel mappings loaded from %s: %s", dir, engine.channels());
        } catch (Exception e) {
            unavailable = "mapping_unavailable: " + e.getMessage();
            LOG.errorf("Channel mappings in %s could not be loaded: %s", dir, e.getMessage());
        }
    }

    /** Maps one payload with the live mapping of its channel; never throws for bad input. */
    public MappingResult map(String channel, byte[] body, String contentType, String shopId) {
        MappingEngine live = engine;
        if (live == null) {
            return new MappingResult.Failed(unavailable);
        }
        return live.map(channel, body, contentType, shopId);
    }
}
