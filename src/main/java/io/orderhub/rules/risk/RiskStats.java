package io.orderhub.rules.risk;

import java.time.Duration;
import java.time.Instant;

/** Per-order amounts and address hashes the risk rule compares against (rolling shop median, address bursts). */
public interface RiskStats {

    /** The shop's median paid amount (null below one sample) over its samples; orders to the address in the window. */
    record Seen(Double medianFen, int samples, int ordersToAddress) {
    }

    /**
     * Records (or replaces; a cancelled order removes) the order's row and reads the shop's median over its last
     * {@code sampleSize} other orders up to {@code at}, and the orders (this one included) to {@code addressHash}
     * (null: none) within {@code window} up to {@code at}.
     */
    Seen recordAndRead(String hubOrderId, String shopKey, long paidFen, String addressHash, Instant at,
            boolean cancelled, int sampleSize, Duration window);
}
