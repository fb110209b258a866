package io.orderhub.rules.crm;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Counted purchases of the purchase limits: quantity per (hub order, sku), the buyer as an identity hash. */
public interface PurchaseCountStore {

    /** A buyer's quantity of one SKU is counted over {@code (at - period, at]}. */
    record Window(String sku, Duration period) {
    }

    /**
     * Replaces the order's counted quantities (so a re-evaluation never counts twice; a cancelled order is kept but
     * not counted) and answers, for each window, the buyer's not-cancelled quantity including this order's.
     */
    List<Integer> recordAndCount(String hubOrderId, String buyerHash, Map<String, Integer> quantityBySku, Instant at,
            boolean cancelled, List<Window> windows);
}
