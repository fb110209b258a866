package io.orderhub.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.github.bucket4j.TimeMeter;
import io.orderhub.ingress.ShopRegistry.Shop;
import io.orderhub.support.TestConfigs;

class ShopRateLimiterTest {

    /** A clock the test moves by hand, so refills happen exactly when the test says. */
    private static final class ManualClock implements TimeMeter {
        private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }

        void advance(long amount, TimeUnit unit) {
            nanos.addAndGet(unit.toNanos(amount));
        }
    }

    private final ManualClock clock = new ManualClock();
    private final ShopRateLimiter limiter = new ShopRateLimiter(
            TestConfigs.config(Map.of("orderhub.intake.rate-per-second", "2", "orderhub.intake.rate-burst", "5")),
            clock);

    private static Shop shop(String key, Integer ownRate) {
        return new Shop(key, Channel.POS, key, Optional.empty(), Optional.ofNullable(ownRate), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    private IntakeRejection refused(Shop shop) {
        IntakeRejection rejection = catchThrowableOfType(IntakeRejection.class, () -> limiter.acquire(shop));
        assertThat(rejection).as("request of %s should be rate limited", shop).isNotNull();
        return rejection;
    }

    private void acquireTimes(Shop shop, int times) {
        for (int i = 0; i < times; i++) {
            int n = i;
            assertThatCode(() -> limiter.acquire(shop)).as("request %d of %s", n + 1, shop).doesNotThrowAnyException();
        }
    }

    @Test
    void burstIsServedThen429WithRetryAfter() {
        Shop flood = shop("flood", null);
        acquireTimes(flood, 5);

        IntakeRejection rejection = refused(flood);
        assertThat(rejection.status()).isEqualTo(429);
        assertThat(rejection.reason()).isEqualTo("rate_limited");
        assertThat(rejection.retryAfterSeconds()).isEqualTo(1);
        assertThat(rejection.getMessage()).contains("flood");
    }

    @Test
    void otherShopsAreUnaffectedByOneShopsFlood() {
        Shop flood = shop("flood", null);
        Shop quiet = shop("quiet", null);
        acquireTimes(flood, 5);
        refused(flood);
        refused(flood);

        acquireTimes(quiet, 5);
        refused(quiet);
    }

    @Test
    void permitsRefillAtTheRate() {
        Shop shop = shop("steady", null);
        acquireTimes(shop, 5);
        refused(shop);

        clock.advance(500, TimeUnit.MILLISECONDS); // 2 per second: one permit back
        acquireTimes(shop, 1);
        refused(shop);

        clock.advance(10, TimeUnit.SECONDS); // refills up to the burst, never above it
        acquireTimes(shop, 5);
        refused(shop);
    }

    @Test
    void retryAfterIsRoundedUpToWholeSeconds() {
        Shop slow = shop("slow", 1);
        acquireTimes(slow, 1);

        assertThat(refused(slow).retryAfterSeconds()).isEqualTo(1);
        clock.advance(100, TimeUnit.MILLISECONDS);
        assertThat(refused(slow).retryAfterSeconds()).as("0.9 s to wait is announced as 1 s").isEqualTo(1);
        clock.advance(900, TimeUnit.MILLISECONDS);
        acquireTimes(slow, 1);
    }

    @Test
    void shopsOwnRateAppliesWithoutTheGlobalBurst() {
        Shop limited = shop("limited", 3);
        acquireTimes(limited, 3);

        assertThat(refused(limited).status()).isEqualTo(429);
    }

    @Test
    void shopsAreKeyedByShopKey() {
        acquireTimes(shop("same", null), 5);

        refused(shop("same", null));
    }
}
