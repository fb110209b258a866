package io.orderhub.rules.stock;

import java.util.List;
import java.util.Map;

/**
 * One SKU of the B2B library.
 *
 * @param remainingShelfLifeDays remaining shelf life of the stock on hand in days; null when unknown
 * @param minShelfLifeDays customer class → minimum remaining shelf life the class accepts, in days
 * @param substitutes SKUs to offer when this one is out of stock, preferred first
 */
public record SkuSpec(String sku, int minOrderQty, int packSize, Integer remainingShelfLifeDays,
        Map<String, Integer> minShelfLifeDays, String packagingCode, List<String> substitutes) {

    public SkuSpec {
        if (sku == null || sku.isBlank()) {
            throw new IllegalArgumentException("sku is required");
        }
        if (minOrderQty < 1 || packSize < 1) {
            throw new IllegalArgumentException(sku + ": minOrderQty and packSize must be >= 1");
        }
        if (remainingShelfLifeDays != null && remainingShelfLifeDays < 0) {
            throw new IllegalArgumentException(sku + ": remainingShelfLifeDays must be >= 0");
        }
        minShelfLifeDays = minShelfLifeDays == null ? Map.of() : Map.copyOf(minShelfLifeDays);
        if (minShelfLifeDays.values().stream().anyMatch(d -> d == null || d < 0)) {
            throw new IllegalArgumentException(sku + ": minShelfLifeDays values must be >= 0");
        }
        substitutes = substitutes == null ? List.of() : List.copyOf(substitutes);
        packagingCode = packagingCode == null || packagingCode.isBlank() ? null : packagingCode;
    }
}
