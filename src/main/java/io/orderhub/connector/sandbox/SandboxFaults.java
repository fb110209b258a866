package io.orderhub.connector.sandbox;

import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/**
 * What the sandbox platforms are told to do wrong: drop a share of pushes, answer a share of API calls (or the next
 * n) with the platform's flow-control or server error, and delay answers (past the hub's response timeout, a
 * timeout). Seeded, so a test's faults fall the same way every run.
 */
@ApplicationScoped
@Named("sandboxFaults")
public class SandboxFaults {

    /** The settings, as the control API takes and shows them. */
    public record Settings(double dropPushShare, double errorShare, double rateLimitShare, long delayMillis,
            int failNext, String failKind, long seed) {

        public static final Settings NONE = new Settings(0, 0, 0, 0, 0, "SERVER_ERROR", 42);
    }

    private volatile Settings settings = Settings.NONE;
    private volatile Random random = new Random(Settings.NONE.seed());
    private final AtomicInteger failNext = new AtomicInteger();
    /** Calls still answered normally before {@link #failAfter}'s failures begin; -1 when not armed. */
    private int okBeforeFailing = -1;
    private int failingAfter;
    /** The one platform whose calls failNext and failAfter count, or null for all of them. */
    private String scope;

    public void set(Settings next) {
        set(next, null);
    }

    /**
     * As {@link #set(Settings)}, with {@code failNext} and {@link #failAfter} counting and failing only the calls to one
     * sandbox platform (its path segment, e.g. {@code wechat_channels}): other work of the same hub (write-backs, other
     * shops' fetches) calls the sandbox meanwhile and would otherwise take failures meant for the call under test.
     */
    public synchronized void set(Settings next, String platform) {
        settings = next;
        random = new Random(next.seed());
        failNext.set(next.failNext());
        okBeforeFailing = -1;
        scope = platform;
    }

    /** Answers the next {@code ok} calls normally, then fails {@code failures} calls with the configured kind. */
    public synchronized void failAfter(int ok, int failures) {
        okBeforeFailing = ok;
        failingAfter = failures;
    }

    public Settings settings() {
        return new Settings(settings.dropPushShare(), settings.errorShare(), settings.rateLimitShare(),
                settings.delayMillis(), failNext.get(), settings.failKind(), settings.seed());
    }

    public synchronized boolean dropPush() {
        return random.nextDouble() < settings.dropPushShare();
    }

    /** The fault for this API call to {@code platform}, or null to answer normally. */
    public synchronized SandboxPlatform.Fault apiFault(String platform) {
        if (scope != null && !scope.equals(platform)) {
            return randomFault();
        }
        if (okBeforeFailing >= 0) {
            if (okBeforeFailing > 0) {
                okBeforeFailing--;
                return null;
            }
            if (failingAfter > 0) {
                failingAfter--;
                return SandboxPlatform.Fault.valueOf(settings.failKind());
            }
            okBeforeFailing = -1;
        }
        if (failNext.get() > 0 && failNext.getAndDecrement() > 0) {
            return SandboxPlatform.Fault.valueOf(settings.failKind());
        }
        return randomFault();
    }

    private SandboxPlatform.Fault randomFault() {
        double r = random.nextDouble();
        if (r < settings.errorShare()) {
            return SandboxPlatform.Fault.SERVER_ERROR;
        }
        if (r < settings.errorShare() + settings.rateLimitShare()) {
            return SandboxPlatform.Fault.RATE_LIMITED;
        }
        return null;
    }

    public long delayMillis() {
        return settings.delayMillis();
    }
}
