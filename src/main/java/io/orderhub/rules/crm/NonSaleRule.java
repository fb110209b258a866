package io.orderhub.rules.crm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import com.fasterxml.jackson.databind.JsonNode;

import io.orderhub.rules.Rule;
import io.orderhub.rules.RuleContext;

/**
 * Lucky-bag and non-sale orders (issue 5 item 4): configurable markers tag LUCKY_BAG and/or NON_SALE and, for those
 * orders, set facts {@code reserveStock} and {@code countInSales} as the parameters say. Stateless, so idempotent.
 * The canonical order carries no Douyin trade_type/theme_type: a 福袋 prize shows as a zero-paid order (lines paid 0,
 * {@code gift} from given_product_type FREE), which is what the default markers look for.
 */
@ApplicationScoped
@Named("nonSaleRule")
public class NonSaleRule implements Rule<NonSaleParams> {

    @Override
    public String id() {
        return "non-sale";
    }

    @Override
    public Class<NonSaleParams> paramsType() {
        return NonSaleParams.class;
    }

    @Override
    public void validate(NonSaleParams p) {
        if (p.luckyBag() != null) {
            noBlanks(p.luckyBag().channels(), "luckyBag.channels");
            noBlanks(p.luckyBag().titleKeywords(), "luckyBag.titleKeywords");
            noBlanks(p.luckyBag().skus(), "luckyBag.skus");
            noBlanks(p.luckyBag().tags(), "luckyBag.tags");
        }
        if (p.nonSale() != null) {
            noBlanks(p.nonSale().skus(), "nonSale.skus");
            noBlanks(p.nonSale().tags(), "nonSale.tags");
        }
    }

    private static void noBlanks(List<String> values, String field) {
        // a blank keyword would match every title
        if (NonSaleParams.list(values).stream().anyMatch(v -> v == null || v.isBlank())) {
            throw new IllegalArgumentException(field + " must not contain blank entries");
        }
    }

    public void apply(RuleContext ctx) {
        NonSaleParams p = ctx.params(this);
        if (p == null) {
            ctx.decide(this, Map.of(), "off");
            return;
        }
        JsonNode order = ctx.order();
        boolean zeroPaid = zeroPaid(order);
        List<String> reasons = new ArrayList<>();
        boolean luckyBag = p.luckyBag() != null && luckyBag(order, zeroPaid, p.luckyBag(), reasons);
        boolean nonSale = luckyBag || (p.nonSale() != null && nonSale(order, zeroPaid, p.nonSale(), reasons));
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("channel", order.path("channel").asText());
        inputs.put("paidFen", order.path("amounts").path("paidFen").asLong());
        inputs.put("zeroPaid", zeroPaid);
        inputs.put("orderTags", tags(order));
        inputs.put("markers", reasons);
        if (!nonSale) {
            ctx.decide(this, inputs, "not fired: no non-sale marker");
            return;
        }
        if (luckyBag) {
            ctx.tag("LUCKY_BAG");
        }
        ctx.tag("NON_SALE");
        boolean reserve = Boolean.TRUE.equals(p.reserveStock());
        boolean count = Boolean.TRUE.equals(p.countInSales());
        ctx.fact("reserveStock", reserve);
        ctx.fact("countInSales", count);
        ctx.decide(this, inputs, "fired: " + (luckyBag ? "LUCKY_BAG+NON_SALE" : "NON_SALE") + ", reserveStock="
                + reserve + ", countInSales=" + count);
    }

    private static boolean luckyBag(JsonNode order, boolean zeroPaid, NonSaleParams.LuckyBag m, List<String> why) {
        String channel = order.path("channel").asText();
        if (zeroPaid && NonSaleParams.list(m.channels()).contains(channel)) {
            why.add("luckyBag.channels: zero-paid " + channel + " order");
        }
        if (zeroPaid) {
            for (JsonNode line : order.path("lines")) {
                String title = line.path("title").asText("");
                NonSaleParams.list(m.titleKeywords()).stream().filter(title::contains).findFirst()
                        .ifPresent(k -> why.add("luckyBag.titleKeywords: " + k));
            }
        }
        markers(order, m.skus(), m.tags(), "luckyBag", why);
        return !why.isEmpty();
    }

    private static boolean nonSale(JsonNode order, boolean zeroPaid, NonSaleParams.NonSale m, List<String> why) {
        int before = why.size();
        if (zeroPaid && Boolean.TRUE.equals(m.zeroPrice())) {
            why.add("nonSale.zeroPrice");
        }
        markers(order, m.skus(), m.tags(), "nonSale", why);
        return why.size() > before;
    }

    private static void markers(JsonNode order, List<String> skus, List<String> tags, String kind, List<String> why) {
        List<String> s = NonSaleParams.list(skus);
        boolean allLines = order.path("lines").size() > 0;
        for (JsonNode line : order.path("lines")) {
            // List.of().contains(null) throws: a line without a SKU is in no list
            allLines &= line.hasNonNull("sku") && s.contains(line.get("sku").asText());
        }
        if (allLines) {
            why.add(kind + ".skus: every line");
        }
        tags(order).stream().filter(NonSaleParams.list(tags)::contains).forEach(t -> why.add(kind + ".tags: " + t));
    }

    /** Paid total 0, or every line paid 0 (the buyer may still pay the freight of a give-away). */
    static boolean zeroPaid(JsonNode order) {
        if (order.path("amounts").path("paidFen").asLong(-1) == 0) {
            return true;
        }
        boolean all = order.path("lines").size() > 0;
        for (JsonNode line : order.path("lines")) {
            all &= line.path("paidFen").asLong(-1) == 0;
        }
        return all;
    }

    private static List<String> tags(JsonNode order) {
        List<String> t = new ArrayList<>();
        order.path("tags").forEach(n -> t.add(n.asText()));
        return t;
    }
}
