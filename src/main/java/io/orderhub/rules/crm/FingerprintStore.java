package io.orderhub.rules.crm;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Recent order fingerprints of the duplicate guard, one row per hub order. */
public interface FingerprintStore {

    /**
     * Records (or replaces) the order's fingerprint and answers the hub order ids of the other, not cancelled orders
     * with the same fingerprint placed before it within the window (ties on time: the smaller hub order id is
     * earlier). A cancelled order is recorded as such and answers an empty list.
     */
    List<String> recordAndFindEarlier(String hubOrderId, String fingerprint, Instant at, boolean cancelled,
            Duration window);
}
