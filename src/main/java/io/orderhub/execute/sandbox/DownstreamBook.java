package io.orderhub.execute.sandbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One sandbox system's memory: the records it created (ERP trades, delivery orders, waybills...) under the system's own
 * business handle, and the answer it gave to each idempotency key, so that a repeated key gets the first answer again
 * and never a second record. One lock per system: a repeat racing its original waits and then gets the same answer.
 */
public final class DownstreamBook {

    /** Request bodies are kept for this many records per system (enough for tests, bounded for benchmarks). */
    static final int BODIES_KEPT = 10_000;

    /** What one idempotency key did: how often it arrived, how many records it created and updated. */
    public record KeyStats(String key, int sent, int created, int updated) {
    }

    /** The system's totals. */
    public record Counts(int distinctKeys, int duplicates, int created, int updated) {
    }

    /** A record looked up or created for a key. */
    public record Touch(DownstreamRecord entry, boolean created) {
    }

    private static final class KeyState {
        Object answer;
        int sent;
        int created;
        int updated;
    }

    private final Map<String, DownstreamRecord> byBusinessId = new LinkedHashMap<>();
    private final Map<String, KeyState> byKey = new HashMap<>();
    private int duplicates;
    private int updated;

    /** Runs {@code work} for the first arrival of {@code key}; every later arrival gets that first answer. */
    @SuppressWarnings("unchecked")
    public synchronized <T> T once(String key, Supplier<T> work) {
        KeyState state = byKey.get(key);
        if (state != null && state.answer != null) {
            state.sent++;
            duplicates++;
            return (T) state.answer;
        }
        state = byKey.computeIfAbsent(key, k -> new KeyState());
        state.sent++;
        T answer = work.get();
        state.answer = answer;
        return answer;
    }

    /**
     * Counts an arrival of {@code key} that the system refused (a batch item it put on its failed list): nothing is
     * remembered as its answer, so the next arrival is served.
     */
    public synchronized void refused(String key) {
        byKey.computeIfAbsent(key, k -> new KeyState()).sent++;
    }

    /** The record with this business id, or a new one created by {@code key}. */
    public synchronized Touch record(String key, String businessId, Supplier<String> newId, byte[] body) {
        DownstreamRecord existing = byBusinessId.get(businessId);
        if (existing != null) {
            existing.reachedBy(key);
            return new Touch(existing, false);
        }
        DownstreamRecord entry = new DownstreamRecord(newId.get(), businessId, key,
                byBusinessId.size() < BODIES_KEPT ? body : null);
        byBusinessId.put(businessId, entry);
        byKey.computeIfAbsent(key, k -> new KeyState()).created++;
        return new Touch(entry, true);
    }

    /** Counts an update of an existing record by {@code key} (an ERP trade pushed again with changes). */
    public synchronized void update(String key, DownstreamRecord entry, byte[] body) {
        entry.updated(body);
        byKey.computeIfAbsent(key, k -> new KeyState()).updated++;
        updated++;
    }

    public synchronized Optional<DownstreamRecord> byBusinessId(String businessId) {
        return Optional.ofNullable(byBusinessId.get(businessId));
    }

    public synchronized Optional<KeyStats> key(String key) {
        KeyState s = byKey.get(key);
        return s == null ? Optional.empty() : Optional.of(new KeyStats(key, s.sent, s.created, s.updated));
    }

    public synchronized List<KeyStats> keys() {
        List<KeyStats> out = new ArrayList<>();
        byKey.forEach((k, s) -> out.add(new KeyStats(k, s.sent, s.created, s.updated)));
        return out;
    }

    /** The records in creation order. */
    public synchronized List<DownstreamRecord> entries() {
        return List.copyOf(byBusinessId.values());
    }

    /** Forgets every record and key (the control API's reset). */
    public synchronized void clear() {
        byBusinessId.clear();
        byKey.clear();
        duplicates = 0;
        updated = 0;
    }

    public synchronized Counts counts() {
        return new Counts(byKey.size(), duplicates, byBusinessId.size(), updated);
    }
}
