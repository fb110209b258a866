package io.orderhub.rules.stock;

import jakarta.enterprise.context.ApplicationScoped;

import io.orderhub.rules.OrderRelease;

/** Gives an order's reserved stock back when it leaves the flow (rejected in review, cancelled, timed out). */
@ApplicationScoped
public class StockOrderRelease implements OrderRelease {

    private final StockReleases releases;

    public StockOrderRelease(StockReleases releases) {
        this.releases = releases;
    }

    @Override
    public void release(String hubOrderId, String cause) {
        releases.release(hubOrderId, cause);
    }
}
