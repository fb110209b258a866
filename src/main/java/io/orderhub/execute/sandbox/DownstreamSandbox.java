package io.orderhub.execute.sandbox;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import io.orderhub.config.OrderHubConfig;

/**
 * The embedded sandbox of the merchant's downstream systems (embedded profile only, flag
 * {@code orderhub.connector.sandbox}): each system's record book, what it is told to do wrong, and its traffic. Tests
 * read the books to prove that every idempotency key created exactly one record however often it was sent.
 */
@ApplicationScoped
@Named("downstreamSandbox")
public class DownstreamSandbox {

    /** What a request meets before the system looks at it. */
    public enum Fault {
        NONE, DOWN, FAIL
    }

    private final boolean enabled;
    private final Map<DownstreamSystem, DownstreamBook> books = new EnumMap<>(DownstreamSystem.class);
    private final Map<DownstreamSystem, SystemTraffic> traffic = new EnumMap<>(DownstreamSystem.class);
    /** Numbers issued by the sandbox (waybills, ERP trade numbers...), distinct across restarts of the sandbox. */
    private final AtomicLong serial = new AtomicLong((System.currentTimeMillis() % 1_000_000_000L) * 100L);

    public DownstreamSandbox(OrderHubConfig config) {
        this.enabled = config.connector().sandbox();
        for (DownstreamSystem s : DownstreamSystem.values()) {
            books.put(s, new DownstreamBook());
            traffic.put(s, new SystemTraffic());
        }
    }

    public boolean enabled() {
        return enabled;
    }

    public DownstreamBook book(DownstreamSystem system) {
        return books.get(system);
    }

    /**
     * How often the key reached the system, batch items it refused included (faulted requests excluded: the system
     * never saw them).
     */
    public int sent(DownstreamSystem system, String key) {
        return book(system).key(key).map(DownstreamBook.KeyStats::sent).orElse(0);
    }

    /** How many records the key created: exactly one for every creating command, if the hub is exactly-once in effect. */
    public int created(DownstreamSystem system, String key) {
        return book(system).key(key).map(DownstreamBook.KeyStats::created).orElse(0);
    }

    public void control(DownstreamSystem system, DownstreamControl control) {
        traffic.get(system).control(control);
    }

    public DownstreamControl control(DownstreamSystem system) {
        return traffic.get(system).control();
    }

    /** Route helper: the answer delay of a system, by its code. */
    public long delayMillis(String system) {
        return DownstreamSystem.fromCode(system).map(s -> control(s).delayMillis()).orElse(0L);
    }

    /** Counts a request and decides whether the system is down or fails it (down, then failNext, then failShare). */
    public Fault admit(DownstreamSystem system) {
        return traffic.get(system).admit();
    }

    /**
     * The system's own error answer when the request meets a fault: {@code 503} when the system is down, {@code 500}
     * for an injected failure; empty when the system is to answer normally.
     */
    public Optional<DownstreamReply> refuse(DownstreamSystem system, ErrorShape shape) {
        return switch (admit(system)) {
            case DOWN -> Optional.of(shape.reply(503, "sandbox " + system.code() + " is down"));
            case FAIL -> Optional.of(shape.reply(500, "sandbox " + system.code() + ": injected failure"));
            case NONE -> Optional.empty();
        };
    }

    /** A system's error body for an HTTP status and a message. */
    @FunctionalInterface
    public interface ErrorShape {
        DownstreamReply reply(int status, String message);
    }

    /** Whether a batch item is to be refused ({@code failItems}); counted as an injected failure when it is. */
    public boolean failsItem(DownstreamSystem system, String code) {
        return traffic.get(system).failsItem(code);
    }

    /** A new number of {@code digits} digits after {@code prefix}. */
    public String nextId(String prefix, int digits) {
        String n = Long.toString(serial.incrementAndGet());
        return prefix + "0".repeat(Math.max(0, digits - n.length())) + n.substring(Math.max(0, n.length() - digits));
    }

    /** Every system back to no faults, no records and no traffic. */
    public void reset() {
        for (DownstreamSystem s : DownstreamSystem.values()) {
            reset(s);
        }
    }

    public void reset(DownstreamSystem system) {
        books.get(system).clear();
        traffic.get(system).reset();
    }

    /** Per system: its control, requests received, distinct keys, duplicates, failures injected, records. */
    public Map<String, Object> stats(DownstreamSystem system) {
        DownstreamBook.Counts c = book(system).counts();
        SystemTraffic t = traffic.get(system);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("control", t.control().toMap());
        m.put("received", t.received());
        m.put("failuresInjected", t.failures());
        m.put("distinctKeys", c.distinctKeys());
        m.put("duplicates", c.duplicates());
        m.put("created", c.created());
        m.put("updated", c.updated());
        return m;
    }

    public Map<String, Object> stats() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (DownstreamSystem s : DownstreamSystem.values()) {
            out.put(s.code(), stats(s));
        }
        return out;
    }

    public Optional<DownstreamRecord> record(DownstreamSystem system, String businessId) {
        return book(system).byBusinessId(businessId);
    }
}
