package io.orderhub.connector;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderhub.archive.ArchiveResult;
import io.orderhub.archive.StoreUnavailableException;
import io.orderhub.config.OrderHubConfig;
import io.orderhub.connector.api.FetchedOrder;
import io.orderhub.connector.api.PlatformException;
import io.orderhub.ingress.ShopRegistry;
import io.orderhub.order.ApplyOutcome;
import io.orderhub.pipeline.ReceiptProcessor;
import io.orderhub.pipeline.ReceiptRepository;

/**
 * Fetch on push: for each queued thin notice, calls the platform's order-detail API, archives the full order (linked
 * to the notice), runs it through the validation layer and settles the notice receipt with the order's outcome.
 * Failures are retried with exponential backoff and jitter, durably scheduled in the store (a restart loses no retry);
 * an order the platform does not know, a permanent error, or the last attempt parks the notice with the reason.
 */
@ApplicationScoped
@Named("platformFetch")
public class FetchWorker {

    private static final Logger LOG = Logger.getLogger(FetchWorker.class);
    private static final int CLAIM = 16;
    /** A claimed fetch comes back to the queue after this if its worker died. */
    private static final Duration LEASE = Duration.ofMinutes(2);
    /** One run stops claiming after this, so the timer route stays responsive to shutdown. */
    private static final Duration RUN_BUDGET = Duration.ofSeconds(20);

    private final FetchQueue queue;
    private final PlatformGateway gateway;
    private final FetchedArchive archive;
    private final ReceiptProcessor processor;
    private final ReceiptRepository receipts;
    private final ShopRegistry shops;
    private final OrderHubConfig.Connector config;
    private final MeterRegistry registry;

    public FetchWorker(FetchQueue queue, PlatformGateway gateway, FetchedArchive archive, ReceiptProcessor processor,
            ReceiptRepository receipts, ShopRegistry shops, OrderHubConfig config, MeterRegistry registry) {
        this.queue = queue;
        this.gateway = gateway;
        this.archive = archive;
        this.processor = processor;
        this.receipts = receipts;
        this.shops = shops;
        this.config = config.connector();
        this.registry = registry;
        Gauge.builder("orderhub.fetch.pending", () -> queue.counts().getOrDefault("PENDING", 0L))
                .description("Thin notices waiting for their full order").register(registry);
    }

    /** Works through the due fetches; returns how many were settled (done or given up). */
    public int runDue() {
        if (!config.enabled()) {
            return 0;
        }
        long deadline = System.nanoTime() + RUN_BUDGET.toNanos();
        int settled = 0;
        while (System.nanoTime() < deadline) {
            List<FetchQueue.Task> tasks = queue.claim(CLAIM, LEASE);
            if (tasks.isEmpty()) {
                break;
            }
            for (FetchQueue.Task task : tasks) {
                if (fetch(task)) {
                    settled++;
                }
            }
        }
        return settled;
    }

    boolean fetch(FetchQueue.Task task) {
        ShopRegistry.Shop shop = shops.byKey(task.shopKey()).orElse(null);
        if (shop == null) {
            queue.failed(task.receiptId(), "fetch_failed: shop " + task.shopKey() + " is no longer configured");
            count("failed");
            return true;
        }
        try {
            FetchedOrder order = gateway.fetchOrder(shop, task.platformOrderId());
            ArchiveResult stored = archive.archive(shop, order, "order-detail", FetchedArchive.Origin.FETCH_ON_PUSH,
                    task.receiptId());
            ReceiptProcessor.Outcome outcome = processor.process(stored.receiptId());
            String state = outcome.state();
            String hubOrderId = null;
            String reason = outcome.reason();
            var view = receipts.find(stored.receiptId()).orElseThrow();
            if (ApplyOutcome.ALREADY_PROCESSED.equals(state)) {
                state = view.state();
                reason = view.reason();
            }
            hubOrderId = view.hubOrderId();
            String note = "fetched in full as receipt " + stored.receiptId()
                    + (reason == null ? "" : ": " + reason);
            queue.done(task.receiptId(), stored.receiptId(), state, hubOrderId, note);
            count("done");
            return true;
        } catch (PlatformException e) {
            return failed(task, e);
        } catch (StoreUnavailableException e) {
            // the claim's lease brings it back; nothing is lost
            LOG.warnf("fetch of %s/%s waits for the store: %s", task.channel(), task.platformOrderId(),
                    e.getMessage());
            return false;
        }
    }

    private boolean failed(FetchQueue.Task task, PlatformException e) {
        String reason = "fetch_failed: " + e.kind() + (e.platformCode() == null ? "" : " " + e.platformCode())
                + ": " + e.getMessage();
        int attempt = task.attempts() + 1;
        boolean final_ = e.kind() == PlatformException.Kind.NOT_FOUND
                || e.kind() == PlatformException.Kind.PERMANENT || attempt >= config.fetchMaxAttempts();
        if (final_) {
            LOG.warnf("giving up fetching %s order %s after %d attempt(s): %s", task.channel(),
                    task.platformOrderId(), attempt, reason);
            queue.failed(task.receiptId(), reason);
            count("failed");
            return true;
        }
        queue.retry(task.receiptId(), Instant.now().plus(backoff(attempt)), reason);
        count("retry");
        return false;
    }

    /** Exponential backoff with equal jitter (half fixed, half random), capped: spreads a platform outage's retries instead of bunching them. */
    Duration backoff(int attempt) {
        long base = config.fetchBackoff().toMillis();
        long cap = config.fetchBackoffMax().toMillis();
        long ceiling = Math.min(cap, base * (1L << Math.min(attempt - 1, 20)));
        return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }

    private void count(String outcome) {
        Counter.builder("orderhub.fetch.outcomes").description("Fetch-on-push attempts by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }
}
