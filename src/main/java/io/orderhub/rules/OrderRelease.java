package io.orderhub.rules;

/**
 * Told when an order leaves the flow for good (rejected in review, cancelled, timed out), so what rules reserved for
 * it (stock) is given back. Implementations must be idempotent.
 */
public interface OrderRelease {

    void release(String hubOrderId, String cause);
}
