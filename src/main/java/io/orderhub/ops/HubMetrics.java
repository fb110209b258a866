package io.orderhub.ops;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.orderhub.archive.GroupCommitter;

/** The hub's own Prometheus meters ({@code orderhub_*}), cached so the hot path does no registry look-ups. */
@ApplicationScoped
public class HubMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> accepted = new ConcurrentHashMap<>();
    private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
    private final Map<String, Timer> ack = new ConcurrentHashMap<>();

    public HubMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** An order acknowledged with 202 (new or duplicate), and how long from request to acknowledgement. */
    public void accepted(String channel, boolean duplicate, long startNanos) {
        accepted.computeIfAbsent(channel + duplicate, k -> Counter.builder("orderhub.intake.accepted")
                .description("Payloads acknowledged with 202 after the durable write")
                .tag("channel", channel).tag("duplicate", Boolean.toString(duplicate)).register(registry))
                .increment();
        ack.computeIfAbsent(channel, k -> Timer.builder("orderhub.intake.ack")
                .description("Time from request to durable acknowledgement")
                .tag("channel", channel)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry))
                .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    public void rejected(String channel, String reason) {
        rejected.computeIfAbsent(channel + '|' + reason, k -> Counter.builder("orderhub.intake.rejected")
                .description("Payloads refused at the intake, by reason")
                .tag("channel", channel).tag("reason", reason).register(registry))
                .increment();
    }

    /** Registers the depth of one layer's queue as {@code orderhub_queue_depth{layer}}. */
    public void queueDepth(String layer, Supplier<Number> depth) {
        Gauge.builder("orderhub.queue.depth", depth).description("Items waiting in a layer's queue")
                .tag("layer", layer).register(registry);
    }

    /** Size and duration of the batches a group-commit writer writes, by writer. */
    public GroupCommitter.BatchObserver batches(String writer) {
        Timer time = Timer.builder("orderhub.store.batch").description("Time to write one group-commit batch")
                .tag("writer", writer).publishPercentiles(0.5, 0.99).register(registry);
        DistributionSummary size = DistributionSummary.builder("orderhub.store.batch.size")
                .description("Items per group-commit batch").tag("writer", writer).publishPercentiles(0.5, 0.99)
                .register(registry);
        return (items, nanos) -> {
            time.record(nanos, TimeUnit.NANOSECONDS);
            size.record(items);
        };
    }

    /** A receipt the validation layer finished, by outcome (MAPPED, PARKED, SUPERSEDED, DUPLICATE). */
    public void processed(String state) {
        Counter.builder("orderhub.validate.processed").description("Receipts the validation layer finished")
                .tag("state", state).register(registry).increment();
    }

    /** A mapping went live, was refused, or was rolled back, by channel. */
    public void mappingChange(String channel, String result) {
        Counter.builder("orderhub.mapping.changes").description("Mapping versions gone live, refused or rolled back")
                .tag("channel", channel).tag("result", result).register(registry).increment();
    }

    /** A rule file went live, was refused, or was rolled back, by rule. */
    public void ruleChange(String ruleId, String result) {
        Counter.builder("orderhub.rules.changes").description("Rule versions gone live, refused or rolled back")
                .tag("rule", ruleId).tag("result", result).register(registry).increment();
    }

    /** An order's evaluation ended, by state (READY, HELD). */
    public void evaluated(String state) {
        Counter.builder("orderhub.rules.evaluated").description("Orders the rules evaluated, by outcome")
                .tag("state", state).register(registry).increment();
    }
}
