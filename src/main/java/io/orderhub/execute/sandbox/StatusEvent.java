package io.orderhub.execute.sandbox;

import java.time.Instant;

/**
 * A status change a sandbox system reports back to the hub.
 *
 * @param kind carrier events PICKUP, IN_TRANSIT, DELIVERED; the WMS's OUTBOUND
 * @param waybillNo the waybill (required for carrier events)
 * @param orderCode the WMS delivery order code (WMS events; found from the waybill when absent)
 * @param at when it happened
 */
public record StatusEvent(Kind kind, String waybillNo, String orderCode, Instant at) {

    public enum Kind {
        PICKUP, IN_TRANSIT, DELIVERED, OUTBOUND;

        public boolean carrier() {
            return this != OUTBOUND;
        }
    }

    public StatusEvent {
        if (kind == null || at == null) {
            throw new IllegalArgumentException("a status event needs a kind and a time");
        }
        if (kind.carrier() && (waybillNo == null || waybillNo.isBlank())) {
            throw new IllegalArgumentException("a carrier event needs a waybill");
        }
    }
}
