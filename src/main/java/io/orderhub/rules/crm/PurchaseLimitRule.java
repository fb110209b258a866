package io.orderhub.rules.crm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import com.fasterxml.jackson.databind.JsonNode;

import io.orderhub.rules.Rule;
import io.orderhub.rules.RuleContext;

/**
 * Purchase limits (issue 5 item 3): per SKU per buyer per period and per SKU per order; a limit exceeded holds the
 * order PURCHASE_LIMIT for review with every limit hit (sku, limit, period, counted). Quantities are counted per (hub
 * order, sku), so a re-evaluation replaces its own count; cancelled orders do not count.
 */
@ApplicationScoped
@Named("purchaseLimitRule")
public class PurchaseLimitRule implements Rule<PurchaseLimitParams> {

    private final PurchaseCountStore counts;

    public PurchaseLimitRule(PurchaseCountStore counts) {
        this.counts = counts;
    }

    @Override
    public String id() {
        return "purchase-limit";
    }

    @Override
    public Class<PurchaseLimitParams> paramsType() {
        return PurchaseLimitParams.class;
    }

    @Override
    public void validate(PurchaseLimitParams p) {
        for (int i = 0; i < p.buyerLimits().size(); i++) {
            PurchaseLimitParams.BuyerLimit l = p.buyerLimits().get(i);
            check(l.sku(), l.max(), "perBuyer[" + i + "]");
            if (l.periodHours() == null || l.periodHours() < 1 || l.periodHours() > 24 * 366) {
                throw new IllegalArgumentException("perBuyer[" + i + "].periodHours must be 1..8784");
            }
        }
        for (int i = 0; i < p.orderLimits().size(); i++) {
            check(p.orderLimits().get(i).sku(), p.orderLimits().get(i).max(), "perOrder[" + i + "]");
        }
    }

    private static void check(String sku, Integer max, String where) {
        if (sku == null || sku.isBlank()) {
            throw new IllegalArgumentException(where + ".sku is required");
        }
        if (max == null || max < 1) {
            throw new IllegalArgumentException(where + ".max must be >= 1");
        }
    }

    public void apply(RuleContext ctx) {
        PurchaseLimitParams p = ctx.params(this);
        if (p == null) {
            ctx.decide(this, Map.of(), "off");
            return;
        }
        Map<String, Integer> qty = quantities(ctx.order());
        String buyer = Identities.buyerOrContact(ctx.order());
        boolean cancelled = OrderTime.cancelled(ctx);
        List<Map<String, Object>> hits = new ArrayList<>();
        for (PurchaseLimitParams.OrderLimit l : p.orderLimits()) {
            int q = qty.getOrDefault(l.sku(), 0);
            if (q > l.max()) {
                hits.add(hit("perOrder", l.sku(), l.max(), null, q));
            }
        }
        List<PurchaseLimitParams.BuyerLimit> relevant = p.buyerLimits().stream()
                .filter(l -> qty.containsKey(l.sku())).toList();
        if (buyer != null && !qty.isEmpty()) {
            List<PurchaseCountStore.Window> windows = relevant.stream()
                    .map(l -> new PurchaseCountStore.Window(l.sku(), Duration.ofHours(l.periodHours()))).toList();
            List<Integer> counted = counts.recordAndCount(ctx.hubOrderId(), buyer, qty, OrderTime.of(ctx), cancelled,
                    windows);
            for (int i = 0; i < relevant.size(); i++) {
                PurchaseLimitParams.BuyerLimit l = relevant.get(i);
                if (!cancelled && counted.get(i) > l.max()) {
                    hits.add(hit("perBuyer", l.sku(), l.max(), l.periodHours(), counted.get(i)));
                }
            }
        }
        decide(ctx, qty, buyer, cancelled, relevant, hits);
    }

    private void decide(RuleContext ctx, Map<String, Integer> qty, String buyer, boolean cancelled,
            List<PurchaseLimitParams.BuyerLimit> relevant, List<Map<String, Object>> hits) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("buyer", Identities.mask(buyer));
        inputs.put("quantities", qty);
        inputs.put("hits", hits);
        if (cancelled) {
            ctx.decide(this, inputs, "not fired: order is cancelled (not counted)");
        } else if (!hits.isEmpty()) {
            ctx.fact("purchaseLimitHits", hits);
            ctx.hold(this, "PURCHASE_LIMIT", reason(hits), true);
            ctx.decide(this, inputs, "fired: " + hits.size() + " limit(s) exceeded");
        } else if (buyer == null && !relevant.isEmpty()) {
            ctx.decide(this, inputs, "not fired: per-order limits kept; no buyer identity for per-buyer limits");
        } else {
            ctx.decide(this, inputs, "not fired: within limits");
        }
    }

    private static Map<String, Object> hit(String kind, String sku, int limit, Integer periodHours, int counted) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("limit", kind);
        h.put("sku", sku);
        h.put("max", limit);
        if (periodHours != null) {
            h.put("periodHours", periodHours);
        }
        h.put("counted", counted);
        return h;
    }

    private static String reason(List<Map<String, Object>> hits) {
        List<String> parts = new ArrayList<>();
        for (Map<String, Object> h : hits) {
            parts.add(h.get("sku") + ": " + h.get("counted") + " > max " + h.get("max")
                    + (h.containsKey("periodHours") ? " per buyer per " + h.get("periodHours") + " h" : " per order"));
        }
        return "purchase limit exceeded: " + String.join("; ", parts);
    }

    /** Quantity per merchant SKU (lines without a SKU cannot be limited). */
    static Map<String, Integer> quantities(JsonNode order) {
        Map<String, Integer> qty = new TreeMap<>();
        for (JsonNode line : order.path("lines")) {
            if (line.hasNonNull("sku")) {
                qty.merge(line.get("sku").asText(), line.path("quantity").asInt(0), Integer::sum);
            }
        }
        return qty;
    }
}
