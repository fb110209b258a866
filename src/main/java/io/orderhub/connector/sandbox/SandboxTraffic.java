package io.orderhub.connector.sandbox;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Counts the API calls each sandbox platform received, and the most it received within any one second, so tests and
 * demos can see the hub keep to a platform's rate limit.
 */
@ApplicationScoped
public class SandboxTraffic {

    private static final class Counter {
        long total;
        int maxPerSecond;
        final Deque<Long> lastSecond = new ArrayDeque<>();
    }

    private final Map<String, Counter> bySegment = new ConcurrentHashMap<>();

    public void record(String segment) {
        long now = System.nanoTime();
        Counter c = bySegment.computeIfAbsent(segment, k -> new Counter());
        synchronized (c) {
            c.total++;
            c.lastSecond.addLast(now);
            while (now - c.lastSecond.peekFirst() >= 1_000_000_000L) {
                c.lastSecond.pollFirst();
            }
            c.maxPerSecond = Math.max(c.maxPerSecond, c.lastSecond.size());
        }
    }

    public Map<String, Object> snapshot() {
        Map<String, Object> out = new LinkedHashMap<>();
        bySegment.forEach((segment, c) -> {
            synchronized (c) {
                out.put(segment, Map.of("requests", c.total, "maxPerSecond", c.maxPerSecond));
            }
        });
        return out;
    }

    public void reset() {
        bySegment.clear();
    }
}
