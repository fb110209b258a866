package io.orderhub.execute.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A record a sandbox system created (an ERP trade, a delivery order, a waybill...): its own id, the business handle it
 * is filed under, the key that created it and every key that reached it since.
 */
public final class DownstreamRecord {

    private final String id;
    private final String businessId;
    private final String createdBy;
    private final Instant createdAt = Instant.now();
    private final List<String> keys = new ArrayList<>();
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private int updates;
    private byte[] lastBody;

    DownstreamRecord(String id, String businessId, String createdBy, byte[] body) {
        this.id = id;
        this.businessId = businessId;
        this.createdBy = createdBy;
        this.keys.add(createdBy);
        this.lastBody = body;
    }

    public String id() {
        return id;
    }

    public String businessId() {
        return businessId;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public synchronized List<String> keys() {
        return List.copyOf(keys);
    }

    public synchronized int updates() {
        return updates;
    }

    public synchronized Map<String, String> attributes() {
        return Map.copyOf(attributes);
    }

    /** Notes what the system keeps about the record (warehouse, carrier...); empty values are left out. */
    public synchronized void attribute(String name, String value) {
        if (value != null && !value.isEmpty()) {
            attributes.put(name, value);
        }
    }

    /** The last request body that created or updated the record, when the book keeps bodies for it. */
    public synchronized Optional<byte[]> lastBody() {
        return Optional.ofNullable(lastBody);
    }

    synchronized void reachedBy(String key) {
        if (!keys.contains(key)) {
            keys.add(key);
        }
    }

    synchronized void updated(byte[] body) {
        updates++;
        if (lastBody != null) {
            lastBody = body;
        }
    }
}
