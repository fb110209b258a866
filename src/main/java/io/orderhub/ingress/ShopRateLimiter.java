package io.orderhub.ingress;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.orderhub.config.OrderHubConfig;
import io.orderhub.ingress.ShopRegistry.Shop;

/** A token bucket per shop, so one shop's flood is answered 429 without slowing any other shop. */
@ApplicationScoped
public class ShopRateLimiter {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final int defaultRate;
    private final int burst;
    private final TimeMeter clock;

    @Inject
    public ShopRateLimiter(OrderHubConfig config) {
        this(config, TimeMeter.SYSTEM_MILLISECONDS);
    }

    /** For plain unit tests: the buckets read the given clock, so refills are deterministic. */
    ShopRateLimiter(OrderHubConfig config, TimeMeter clock) {
        this.defaultRate = config.intake().ratePerSecond();
        this.burst = config.intake().rateBurst();
        this.clock = clock;
    }

    /** Takes one permit for the shop or rejects with 429 and the seconds until one is free. */
    public void acquire(Shop shop) {
        Bucket bucket = buckets.computeIfAbsent(shop.key(), k -> newBucket(shop));
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999));
            throw new IntakeRejection(429, "rate_limited", "shop " + shop.key() + " is over its rate limit", seconds);
        }
    }

    private Bucket newBucket(Shop shop) {
        int rate = shop.ratePerSecond().orElse(defaultRate);
        int capacity = Math.max(rate, shop.ratePerSecond().isPresent() ? rate : burst);
        return Bucket.builder().withCustomTimePrecision(clock)
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(rate, Duration.ofSeconds(1)).build())
                .build();
    }
}
