package io.orderhub.rules.crm;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory answers of the HTTP CRM, including "unknown", each kept for the TTL of the rule parameters; bounded (the
 * whole cache is dropped when it is full: the CRM is asked again, nothing is lost).
 */
final class CrmCache {

    private record Entry(Optional<Customer> answer, Instant expires) {
    }

    private final int maxEntries;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    CrmCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** The cached answer at {@code now}, or null when there is none (or it expired). */
    Optional<Customer> get(String key, Instant now) {
        Entry e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (!e.expires().isAfter(now)) {
            entries.remove(key, e);
            return null;
        }
        return e.answer();
    }

    void put(String key, Optional<Customer> answer, Instant now, Duration ttl) {
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(key, new Entry(answer, now.plus(ttl)));
    }
}
