package io.orderhub.rules.crm;

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
 * Duplicate-submission guard (issue 5 item 2): the same buyer, the same items (sku × quantity multiset) and the same
 * address as an earlier order within the window → tag DUPLICATE_SUSPECT and hold DUPLICATE for review (never
 * dropped). Each order keeps one fingerprint row, so re-evaluating it neither adds a row nor matches itself.
 */
@ApplicationScoped
@Named("duplicateRule")
public class DuplicateRule implements Rule<DuplicateParams> {

    private final FingerprintStore fingerprints;

    public DuplicateRule(FingerprintStore fingerprints) {
        this.fingerprints = fingerprints;
    }

    @Override
    public String id() {
        return "duplicate-guard";
    }

    @Override
    public Class<DuplicateParams> paramsType() {
        return DuplicateParams.class;
    }

    @Override
    public void validate(DuplicateParams p) {
        if (p.windowMinutes() != null && (p.windowMinutes() < 1 || p.windowMinutes() > 10_080)) {
            throw new IllegalArgumentException("windowMinutes must be 1..10080 (one week)");
        }
    }

    public void apply(RuleContext ctx) {
        DuplicateParams p = ctx.params(this);
        if (p == null) {
            ctx.decide(this, Map.of(), "off");
            return;
        }
        JsonNode order = ctx.order();
        String buyer = Identities.buyerOrContact(order);
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("buyer", Identities.mask(buyer));
        inputs.put("windowMinutes", p.window().toMinutes());
        if (buyer == null) {
            ctx.decide(this, inputs, "not fired: no buyer identity (buyer id or stable phone) to compare");
            return;
        }
        String items = items(order);
        String address = Identities.address(order.path("receiver"), true);
        String fingerprint = Identities.hash("dup|" + buyer + "|" + items + "|" + address);
        inputs.put("fingerprint", Identities.mask(fingerprint));
        inputs.put("items", items);
        inputs.put("address", Identities.mask(address));
        boolean cancelled = OrderTime.cancelled(ctx);
        List<String> earlier = fingerprints.recordAndFindEarlier(ctx.hubOrderId(), fingerprint, OrderTime.of(ctx),
                cancelled, p.window());
        inputs.put("earlierOrders", earlier);
        if (cancelled) {
            ctx.decide(this, inputs, "not fired: order is cancelled");
        } else if (earlier.isEmpty()) {
            ctx.decide(this, inputs, "not fired: no identical order in the window");
        } else {
            ctx.tag("DUPLICATE_SUSPECT");
            ctx.hold(this, "DUPLICATE", "same buyer, items and address as " + earlier + " within "
                    + p.window().toMinutes() + " min", true);
            ctx.decide(this, inputs, "fired: " + earlier.size() + " identical earlier order(s)");
        }
    }

    /** The order's items as a sorted {@code key×qty} list: the multiset, independent of line order and splits. */
    static String items(JsonNode order) {
        Map<String, Integer> qty = new TreeMap<>();
        for (JsonNode line : order.path("lines")) {
            qty.merge(itemKey(line), line.path("quantity").asInt(0), Integer::sum);
        }
        StringBuilder s = new StringBuilder();
        qty.forEach((k, q) -> s.append(s.isEmpty() ? "" : ",").append(k).append('×').append(q));
        return s.toString();
    }

    private static String itemKey(JsonNode line) {
        if (line.hasNonNull("sku")) {
            return line.get("sku").asText();
        }
        return line.hasNonNull("platformSkuId")
                ? "psku:" + line.get("platformSkuId").asText()
                : "item:" + line.path("platformItemId").asText("?");
    }
}
