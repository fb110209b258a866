package io.orderhub.rules.stock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import com.fasterxml.jackson.databind.JsonNode;

import io.orderhub.rules.Rule;
import io.orderhub.rules.RuleContext;

/**
 * The B2B SKU library check for field-sales forms: minimum order quantity, pack-size multiples and minimum remaining
 * shelf life per customer class. Violations hold the order as B2B_VIOLATION (back to the form's submitter, not the
 * review pool) with the fact {@code b2bViolations}; SKUs without enough stock get {@code substitutes} to offer.
 */
@ApplicationScoped
@Named("b2bCatalogRule")
public class B2bCatalogRule implements Rule<B2bCatalogParams> {

    public static final String ID = "b2b-catalog";
    static final String CHANNEL = "b2b_form";

    private final SkuLibrary library;
    private final StockLedger ledger;

    public B2bCatalogRule(SkuLibrary library, StockLedger ledger) {
        this.library = library;
        this.ledger = ledger;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Class<B2bCatalogParams> paramsType() {
        return B2bCatalogParams.class;
    }

    @Override
    public void validate(B2bCatalogParams p) {
        if (p.defaultClass().isBlank()) {
            throw new IllegalArgumentException("defaultClass: must not be blank");
        }
        p.minShelfLifeDays().forEach((cls, days) -> {
            if (days == null || days < 0) {
                throw new IllegalArgumentException("minShelfLifeDays." + cls + ": must be an integer >= 0");
            }
        });
    }

    /** Called by routes/rules.yaml for every order (the Rule SPI does not declare apply). */
    public void apply(RuleContext ctx) {
        B2bCatalogParams p = ctx.params(this);
        if (p == null) {
            ctx.decide(this, Map.of(), "off");
            return;
        }
        if (!CHANNEL.equals(ctx.channel())) {
            ctx.decide(this, Map.of("channel", String.valueOf(ctx.channel())), "not fired: not a B2B form");
            return;
        }
        Map<String, Long> quantities = new LinkedHashMap<>();
        for (JsonNode line : ctx.order().path("lines")) {
            if (line.path("sku").isTextual()) {
                quantities.merge(line.path("sku").asText(), line.path("quantity").asLong(), Long::sum);
            }
        }
        String customerClass = customerClass(ctx, p);
        Map<String, SkuSpec> specs = library.find(quantities.keySet());
        List<Map<String, Object>> violations = new ArrayList<>();
        List<Map<String, Object>> packaging = new ArrayList<>();
        quantities.forEach((sku, q) -> check(sku, q, specs.get(sku), customerClass, p, violations, packaging));
        List<Map<String, Object>> substitutes = substitutes(quantities, specs);
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("customerClass", customerClass);
        inputs.put("skus", List.copyOf(quantities.keySet()));
        inputs.put("unlisted", quantities.keySet().stream().filter(s -> !specs.containsKey(s)).toList());
        inputs.put("outOfStock", substitutes.stream().map(s -> s.get("sku")).toList());
        if (!packaging.isEmpty()) {
            ctx.fact("b2bPackaging", packaging);
        }
        if (!substitutes.isEmpty()) {
            ctx.fact("substitutes", substitutes);
        }
        if (violations.isEmpty()) {
            ctx.decide(this, inputs, "not fired: " + quantities.size() + " SKU(s) within the library's terms");
            return;
        }
        ctx.fact("b2bViolations", violations);
        List<String> reasons = violations.stream().map(v -> v.get("sku") + " " + v.get("rule") + ": expected "
                + v.get("expected") + ", got " + v.get("actual")).toList();
        ctx.hold(this, "B2B_VIOLATION", String.join("; ", reasons), false);
        inputs.put("violations", violations.size());
        ctx.decide(this, inputs, "fired: B2B_VIOLATION x" + violations.size());
    }

    private static String customerClass(RuleContext ctx, B2bCatalogParams p) {
        Object fromFact = ctx.fact("customerClass");
        if (fromFact instanceof String s && !s.isBlank()) {
            return s;
        }
        String buyer = ctx.order().path("buyer").path("platformBuyerId").asText(null);
        return buyer == null ? p.defaultClass() : p.customerClasses().getOrDefault(buyer, p.defaultClass());
    }

    private static void check(String sku, long q, SkuSpec spec, String cls, B2bCatalogParams p,
            List<Map<String, Object>> violations, List<Map<String, Object>> packaging) {
        if (spec == null) {
            if (p.requireListed()) {
                violations.add(violation(sku, "listed", "in the B2B SKU library", "not listed"));
            }
            return;
        }
        if (q < spec.minOrderQty()) {
            violations.add(violation(sku, "min_order_qty", spec.minOrderQty(), q));
        }
        if (q % spec.packSize() != 0) {
            violations.add(violation(sku, "pack_size_multiple", spec.packSize(), q));
        }
        Integer min = spec.minShelfLifeDays().getOrDefault(cls, p.minShelfLifeDays().get(cls));
        if (min != null && spec.remainingShelfLifeDays() != null && spec.remainingShelfLifeDays() < min) {
            violations.add(violation(sku, "min_shelf_life_days", min, spec.remainingShelfLifeDays()));
        }
        if (spec.packagingCode() != null) {
            packaging.add(Map.of("sku", sku, "packagingCode", spec.packagingCode()));
        }
    }

    private static Map<String, Object> violation(String sku, String rule, Object expected, Object actual) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("sku", sku);
        v.put("rule", rule);
        v.put("expected", expected);
        v.put("actual", actual);
        return v;
    }

    /** SKUs short of stock over all warehouses, each with the configured substitutes that have enough. */
    private List<Map<String, Object>> substitutes(Map<String, Long> quantities, Map<String, SkuSpec> specs) {
        Set<String> all = new LinkedHashSet<>(quantities.keySet());
        specs.values().forEach(s -> all.addAll(s.substitutes()));
        Map<String, Long> available = ledger.availableTotals(all);
        List<Map<String, Object>> out = new ArrayList<>();
        quantities.forEach((sku, q) -> {
            long have = Math.max(0, available.getOrDefault(sku, 0L));
            if (have >= q) {
                return;
            }
            List<Map<String, Object>> offers = new ArrayList<>();
            SkuSpec spec = specs.get(sku);
            for (String s : spec == null ? List.<String>of() : spec.substitutes()) {
                long subHave = available.getOrDefault(s, 0L);
                if (subHave >= q) {
                    offers.add(Map.of("sku", s, "available", subHave));
                }
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("sku", sku);
            entry.put("quantity", q);
            entry.put("available", have);
            entry.put("substitutes", offers);
            out.add(entry);
        });
        return out;
    }
}
