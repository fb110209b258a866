package io.orderhub.connector;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderhub.alert.AlertStore;
import io.orderhub.archive.ArchiveResult;
import io.orderhub.archive.StoreUnavailableException;
import io.orderhub.config.OrderHubConfig;
import io.orderhub.connector.PlatformGateway.ListKind;
import io.orderhub.connector.api.FetchedOrder;
import io.orderhub.connector.api.OrderRef;
import io.orderhub.connector.api.PlatformApi;
import io.orderhub.connector.api.PlatformException;
import io.orderhub.ingress.ShopRegistry;
import io.orderhub.pipeline.ReceiptProcessor;

/**
 * The nightly proof: the platform's orders created on a day (platform calendar, {@code connector.zone}) against what
 * the hub stored. What is missing is fetched and run through the validation layer at once; the run records expected,
 * found, recovered and still missing, and anything that had been missing raises an alert (the capture paths leaked).
 */
@ApplicationScoped
@Named("platformReconcile")
public class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);

    /** A finished (or skipped) run. */
    public record Result(String shopKey, LocalDate day, String state, int expected, int found, int recovered,
            List<String> stillMissing, String error) {

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("shopKey", shopKey);
            m.put("day", day.toString());
            m.put("state", state);
            m.put("expected", expected);
            m.put("found", found);
            m.put("recovered", recovered);
            m.put("stillMissing", stillMissing);
            m.put("error", error);
            return m;
        }
    }

    private final ShopRegistry shops;
    private final PlatformGateway gateway;
    private final WindowReader reader;
    private final StoredOrders stored;
    private final FetchedArchive archive;
    private final ReceiptProcessor processor;
    private final ReconciliationRuns runs;
    private final AlertStore alerts;
    private final OrderHubConfig.Connector config;
    private final MeterRegistry registry;

    public Reconciler(ShopRegistry shops, PlatformGateway gateway, WindowReader reader, StoredOrders stored,
            FetchedArchive archive, ReceiptProcessor processor, ReconciliationRuns runs, AlertStore alerts,
            OrderHubConfig config, MeterRegistry registry) {
        this.shops = shops;
        this.gateway = gateway;
        this.reader = reader;
        this.stored = stored;
        this.archive = archive;
        this.processor = processor;
        this.runs = runs;
        this.alerts = alerts;
        this.config = config.connector();
        this.registry = registry;
    }

    /** Reconciles yesterday for every connected shop past its reconcile time; called by the route every minute. */
    public List<Result> runDue() {
        List<Result> results = new ArrayList<>();
        if (!config.enabled()) {
            return results;
        }
        ZoneId zone = config.zone();
        LocalDate yesterday = LocalDate.now(zone).minusDays(1);
        for (ShopRegistry.Shop shop : shops.all()) {
            Optional<OrderHubConfig.Api> api = shop.api();
            if (api.isPresent() && api.get().reconcile() && gateway.connected(shop)
                    && !LocalTime.now(zone).isBefore(api.get().reconcileAt()) && !runs.settled(shop.key(), yesterday)) {
                results.add(reconcile(shop, yesterday));
            }
        }
        return results;
    }

    public Result reconcile(ShopRegistry.Shop shop, LocalDate day) {
        Optional<UUID> run = runs.start(shop.key(), shop.channel().code(), day);
        if (run.isEmpty()) {
            return new Result(shop.key(), day, "RUNNING", 0, 0, 0, List.of(), "another run is in progress");
        }
        try {
            Set<String> expected = platformOrders(shop, day);
            Set<String> held = stored.modifiedTimes(shop.channel().code(), expected).keySet();
            List<String> missing = expected.stream().filter(id -> !held.contains(id)).toList();
            List<String> stillMissing = new ArrayList<>();
            int recovered = 0;
            for (String id : missing) {
                if (recover(shop, id)) {
                    recovered++;
                } else {
                    stillMissing.add(id);
                }
            }
            String state = missing.isEmpty() ? "OK" : stillMissing.isEmpty() ? "RECOVERED" : "INCOMPLETE";
            runs.finish(run.get(), state, expected.size(), held.size(), recovered, stillMissing, missing, null);
            count("missing", shop, missing.size());
            count("recovered", shop, recovered);
            if (!missing.isEmpty()) {
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("shopKey", shop.key());
                detail.put("channel", shop.channel().code());
                detail.put("day", day.toString());
                detail.put("expected", expected.size());
                detail.put("found", held.size());
                detail.put("recovered", recovered);
                detail.put("missing", missing);
                detail.put("stillMissing", stillMissing);
                alerts.raise("RECONCILE_MISSING", "reconcile-missing:" + shop.key() + ":" + day,
                        stillMissing.isEmpty() ? "WARNING" : "CRITICAL",
                        shop.key() + " " + day + ": " + missing.size() + " of " + expected.size()
                                + " platform orders had not reached the hub; " + recovered + " recovered",
                        detail);
            }
            LOG.infof("reconciled %s %s: expected %d, found %d, recovered %d, still missing %d", shop.key(), day,
                    expected.size(), held.size(), recovered, stillMissing.size());
            return new Result(shop.key(), day, state, expected.size(), held.size(), recovered, stillMissing, null);
        } catch (PlatformException | StoreUnavailableException e) {
            String error = e instanceof PlatformException p ? p.kind() + ": " + p.getMessage() : e.getMessage();
            runs.finish(run.get(), "FAILED", 0, 0, 0, List.of(), List.of(), error);
            alerts.raise("RECONCILE_FAILED", "reconcile-failed:" + shop.key() + ":" + day, "WARNING",
                    shop.key() + " " + day + ": reconciliation could not run: " + error,
                    Map.of("shopKey", shop.key(), "day", day.toString(), "error", error));
            return new Result(shop.key(), day, "FAILED", 0, 0, 0, List.of(), error);
        }
    }

    /** The platform's order ids created on the day, read in windows no longer than the platform allows. */
    private Set<String> platformOrders(ShopRegistry.Shop shop, LocalDate day) {
        PlatformApi api = gateway.api(shop.channel()).orElseThrow();
        Instant dayStart = day.atStartOfDay(config.zone()).toInstant();
        // list calls take whole seconds, both ends inclusive
        Instant dayEnd = day.plusDays(1).atStartOfDay(config.zone()).toInstant().minusSeconds(1);
        Set<String> ids = new LinkedHashSet<>();
        for (Instant from = dayStart; !from.isAfter(dayEnd);) {
            Instant to = from.plus(api.maxWindow()).minusSeconds(1);
            if (to.isAfter(dayEnd)) {
                to = dayEnd;
            }
            reader.read(shop, ListKind.CREATED, from, to).stream().map(OrderRef::platformOrderId).forEach(ids::add);
            from = to.plusSeconds(1);
        }
        return ids;
    }

    private boolean recover(ShopRegistry.Shop shop, String platformOrderId) {
        try {
            FetchedOrder order = gateway.fetchOrder(shop, platformOrderId);
            ArchiveResult result = archive.archive(shop, order, "order-detail", FetchedArchive.Origin.RECONCILE,
                    null);
            processor.process(result.receiptId());
            return !stored.modifiedTimes(shop.channel().code(), List.of(platformOrderId)).isEmpty();
        } catch (PlatformException e) {
            LOG.warnf("%s: could not recover order %s: %s %s", shop.key(), platformOrderId, e.kind(), e.getMessage());
            return false;
        }
    }

    public List<Map<String, Object>> history(String shopKey, LocalDate day, int limit) {
        return runs.list(shopKey, day, limit);
    }

    private void count(String what, ShopRegistry.Shop shop, int n) {
        Counter.builder("orderhub.reconcile." + what).description("Orders found " + what + " by reconciliation")
                .tag("shop", shop.key()).register(registry).increment(n);
    }
}
