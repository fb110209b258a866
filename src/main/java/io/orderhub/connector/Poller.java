package io.orderhub.connector;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderhub.archive.ArchiveResult;
import io.orderhub.archive.StoreUnavailableException;
import io.orderhub.config.OrderHubConfig;
import io.orderhub.connector.PlatformGateway.ListKind;
import io.orderhub.connector.api.FetchedOrder;
import io.orderhub.connector.api.OrderRef;
import io.orderhub.connector.api.PlatformApi;
import io.orderhub.connector.api.PlatformException;
import io.orderhub.ingress.ShopRegistry;
import io.orderhub.pipeline.ReceiptHandoff;

/**
 * Checkpointed incremental polling, the second capture path beside pushes. Per shop and run: windows from the
 * checkpoint minus the overlap up to now minus the indexing lag (in steps no longer than the platform allows), each
 * read completely ({@link WindowReader}); orders the hub does not hold at that modification time are fetched and
 * archived; the checkpoint moves to the window's end only after all of that is stored. A crash or restart mid-window
 * repeats the window — harmless, because the archive de-duplicates identical payloads and the order store versions.
 */
@ApplicationScoped
@Named("platformPoll")
public class Poller {

    private static final Logger LOG = Logger.getLogger(Poller.class);
    /** Catch-up after a long outage goes in steps; the rest follows on the next run. */
    private static final int MAX_WINDOWS_PER_RUN = 48;

    /** What one run did for one shop. */
    public record Result(String shopKey, String outcome, int windows, int listed, int fetched, Instant checkpoint,
            String error) {
    }

    private final ShopRegistry shops;
    private final PlatformGateway gateway;
    private final WindowReader reader;
    private final StoredOrders stored;
    private final FetchedArchive archive;
    private final ReceiptHandoff handoff;
    private final PollCheckpoints checkpoints;
    private final OrderHubConfig.Connector config;
    private final MeterRegistry registry;
    private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);

    public Poller(ShopRegistry shops, PlatformGateway gateway, WindowReader reader, StoredOrders stored,
            FetchedArchive archive, ReceiptHandoff handoff, PollCheckpoints checkpoints, OrderHubConfig config,
            MeterRegistry registry) {
        this.shops = shops;
        this.gateway = gateway;
        this.reader = reader;
        this.stored = stored;
        this.archive = archive;
        this.handoff = handoff;
        this.checkpoints = checkpoints;
        this.config = config.connector();
        this.registry = registry;
    }

    /** Polls every connected shop whose interval has passed; called by the {@code platform-poll} route. */
    public List<Result> pollDue() {
        List<Result> results = new ArrayList<>();
        if (!config.enabled()) {
            return results;
        }
        for (ShopRegistry.Shop shop : shops.all()) {
            Optional<OrderHubConfig.Api> api = shop.api();
            if (api.isPresent() && !api.get().pollInterval().isZero() && gateway.connected(shop)) {
                results.add(poll(shop, api.get().pollInterval()));
            }
        }
        return results;
    }

    /** Polls one shop now if nobody else is (the admin API passes a zero interval to skip the schedule). */
    public Result poll(ShopRegistry.Shop shop, Duration interval) {
        OrderHubConfig.Api api = shop.api().orElseThrow();
        Optional<PollCheckpoints.Lease> lease = checkpoints.acquire(shop.key(), shop.channel().code(), owner,
                config.pollLease(), interval);
        if (lease.isEmpty()) {
            return new Result(shop.key(), "skipped", 0, 0, 0, null, null);
        }
        PlatformApi platform = gateway.api(shop.channel()).orElseThrow();
        Instant checkpoint = lease.get().windowEnd();
        // whole seconds: the platforms' list calls take seconds, so a window's end as sent is exactly the checkpoint
        // (a fractional end would be cut down by the platform, leaving the checkpoint ahead of what was read)
        Instant horizon = Instant.now().minus(api.pollLag()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant reached = checkpoint != null ? checkpoint : horizon.minus(api.pollInitialLookback());
        int windows = 0;
        int listed = 0;
        int fetched = 0;
        String error = null;
        try {
            while (windows < MAX_WINDOWS_PER_RUN) {
                // the overlap re-reads the end of the previous window: a boundary second is never left unread
                Instant start = reached.minus(api.pollOverlap());
                Instant end = min(horizon, start.plus(platform.maxWindow()));
                if (!end.isAfter(reached)) {
                    break;
                }
                List<OrderRef> refs = reader.read(shop, ListKind.MODIFIED, start, end);
                int got = store(shop, refs, FetchedArchive.Origin.POLL);
                windows++;
                listed += refs.size();
                fetched += got;
                if (!checkpoints.advance(lease.get(), start, end, refs.size(), got, config.pollLease())) {
                    error = "lease lost mid-run; another pod continues";
                    break;
                }
                reached = end;
                checkpoint = end;
                if (!end.isBefore(horizon)) {
                    break;
                }
            }
        } catch (PlatformException | StoreUnavailableException e) {
            error = e instanceof PlatformException p ? p.kind() + ": " + p.getMessage() : e.getMessage();
            LOG.warnf("poll of %s stopped at checkpoint %s: %s", shop.key(), checkpoint, error);
        } finally {
            checkpoints.release(lease.get(), error);
        }
        Counter.builder("orderhub.poll.fetched").description("Orders the poller fetched because the hub lacked them")
                .tag("shop", shop.key()).register(registry).increment(fetched);
        return new Result(shop.key(), error == null ? "ok" : "error", windows, listed, fetched, checkpoint, error);
    }

    /**
     * Fetches and archives the listed orders the hub does not hold at their listed modification time; returns how many
     * it fetched. Each is durable when this returns; the validation layer gets them through the usual hand-off (and
     * recovery, should the queue be full).
     */
    int store(ShopRegistry.Shop shop, List<OrderRef> refs, FetchedArchive.Origin origin) {
        Map<String, Instant> held = stored.modifiedTimes(shop.channel().code(),
                refs.stream().map(OrderRef::platformOrderId).toList());
        int fetched = 0;
        for (OrderRef ref : refs) {
            Instant have = held.get(ref.platformOrderId());
            if (have != null && ref.modifiedAt() != null && !have.isBefore(ref.modifiedAt())) {
                continue;
            }
            FetchedOrder order;
            try {
                order = gateway.fetchOrder(shop, ref.platformOrderId());
            } catch (PlatformException e) {
                if (e.kind() == PlatformException.Kind.NOT_FOUND) {
                    // listed but gone (deleted test order, another shop's): nothing to store, nothing to wait for
                    LOG.infof("%s: listed order %s is not found by the detail call", shop.key(), ref.platformOrderId());
                    continue;
                }
                throw e;
            }
            ArchiveResult result = archive.archive(shop, order, "order-detail", origin, null);
            if (!result.duplicate()) {
                handoff.offer(result.receiptId());
                fetched++;
            }
        }
        return fetched;
    }

    /** Where each connected shop's polling stands, for the admin API. */
    public Map<String, Object> status(ShopRegistry.Shop shop) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("shopKey", shop.key());
        v.put("channel", shop.channel().code());
        v.put("connected", gateway.connected(shop));
        v.put("pollInterval", shop.api().map(a -> a.pollInterval().toString()).orElse(null));
        checkpoints.view(shop.key()).ifPresent(c -> v.put("poll", c));
        return v;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
