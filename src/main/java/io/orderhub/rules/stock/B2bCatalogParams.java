package io.orderhub.rules.stock;

import java.util.Map;

/**
 * Parameters of {@code rules/b2b-catalog.yaml}.
 *
 * @param defaultClass customer class of a buyer that neither the fact {@code customerClass} nor
 *        {@code customerClasses} classifies
 * @param customerClasses customer store code (the form's buyer id) → customer class
 * @param minShelfLifeDays customer class → minimum remaining shelf life in days, for SKUs whose library entry names
 *        none for that class
 * @param requireListed a SKU missing from the library is a violation
 */
public record B2bCatalogParams(String defaultClass, Map<String, String> customerClasses,
        Map<String, Integer> minShelfLifeDays, Boolean requireListed) {

    public B2bCatalogParams {
        defaultClass = defaultClass == null ? "STANDARD" : defaultClass;
        customerClasses = customerClasses == null ? Map.of() : Map.copyOf(customerClasses);
        minShelfLifeDays = minShelfLifeDays == null ? Map.of() : Map.copyOf(minShelfLifeDays);
        requireListed = requireListed == null || requireListed;
    }
}
