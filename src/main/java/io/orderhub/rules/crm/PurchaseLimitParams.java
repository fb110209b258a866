package io.orderhub.rules.crm;

import java.util.List;

/**
 * Parameters of {@code rules/purchase-limit.yaml}.
 *
 * @param perBuyer at most {@code max} units of {@code sku} per buyer within {@code periodHours}
 * @param perOrder at most {@code max} units of {@code sku} in one order
 */
public record PurchaseLimitParams(List<BuyerLimit> perBuyer, List<OrderLimit> perOrder) {

    public record BuyerLimit(String sku, Integer max, Integer periodHours) {
    }

    public record OrderLimit(String sku, Integer max) {
    }

    List<BuyerLimit> buyerLimits() {
        return perBuyer == null ? List.of() : perBuyer;
    }

    List<OrderLimit> orderLimits() {
        return perOrder == null ? List.of() : perOrder;
    }
}
