package io.orderhub.connector;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.orderhub.config.OrderHubConfig;
import io.orderhub.connector.api.PlatformException;
import io.orderhub.ingress.Channel;

/**
 * Platforms limit calls per app and per shop (TOP, JOS, PDD and doudian all count both). Every call takes a permit
 * from both buckets, waiting up to {@code connector.rate-wait}; past that the call fails as RATE_LIMITED and is
 * retried later by its caller (fetch backoff, the next poll), so a burst of pushes never exceeds a platform's limit.
 * The buckets are per pod: in cluster mode set the rates to the platform's limit divided by the replicas.
 */
@ApplicationScoped
public class PlatformRateLimits {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final OrderHubConfig config;

    public PlatformRateLimits(OrderHubConfig config) {
        this.config = config;
    }

    public void acquire(Channel channel, String appKey, String shopKey, double shopRate) {
        OrderHubConfig.Connector c = config.connector();
        double appRate = c.appRatePerSecond().getOrDefault(appKey, c.defaultAppRatePerSecond());
        Bucket app = buckets.computeIfAbsent("app|" + channel.code() + "|" + appKey, k -> bucket(appRate));
        Bucket shop = buckets.computeIfAbsent("shop|" + shopKey, k -> bucket(shopRate));
        try {
            if (!shop.asBlocking().tryConsume(1, c.rateWait()) || !app.asBlocking().tryConsume(1, c.rateWait())) {
                throw new PlatformException(PlatformException.Kind.RATE_LIMITED, "local-rate-limit", "shop "
                        + shopKey + " or its app is at its configured request rate; retried later");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException(PlatformException.Kind.TRANSIENT, "interrupted", "interrupted");
        }
    }

    /**
     * One permit every 1/rate seconds and no burst (capacity one): calls are spaced evenly, so a platform counting per
     * second — any second, not only calendar seconds — never sees more than the rate.
     */
    private static Bucket bucket(double perSecond) {
        Duration step = Duration.ofNanos((long) (1_000_000_000L / perSecond));
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(1).refillGreedy(1, step).build())
                .build();
    }
}
