package io.orderhub.rules.stock;

import java.util.List;
import java.util.Map;

/**
 * Parameters of {@code rules/kit-split.yaml}: kit (bundle) SKU → its components, each with the units per kit.
 */
public record KitSplitParams(Map<String, List<Component>> kits) {

    /** One component of a kit: {@code quantity} units of {@code sku} per kit. */
    public record Component(String sku, int quantity) {
    }

    public KitSplitParams {
        kits = kits == null ? Map.of() : kits;
    }
}
