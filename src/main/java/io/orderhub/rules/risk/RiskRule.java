package io.orderhub.rules.risk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import com.fasterxml.jackson.databind.JsonNode;

import io.orderhub.rules.Rule;
import io.orderhub.rules.RuleContext;
import io.orderhub.rules.crm.Identities;
import io.orderhub.rules.crm.OrderTime;

/**
 * Risk rules (issue 5 item 7): pickup point without house number, unreachable or invalid phone, amount far above the
 * shop's normal, many orders to one address, blacklisted buyer / phone / address. Any hit tags RISK and holds
 * RISK_HOLD for review with every reason; the rule never rejects.
 */
@ApplicationScoped
@Named("riskRule")
public class RiskRule implements Rule<RiskParams> {

    private final RiskStats stats;
    private final Blacklist blacklist;

    public RiskRule(RiskStats stats, Blacklist blacklist) {
        this.stats = stats;
        this.blacklist = blacklist;
    }

    @Override
    public String id() {
        return "risk";
    }

    @Override
    public Class<RiskParams> paramsType() {
        return RiskParams.class;
    }

    @Override
    public void validate(RiskParams p) {
        RiskValidation.check(p);
    }

    public void apply(RuleContext ctx) {
        RiskParams p = ctx.params(this);
        if (p == null) {
            ctx.decide(this, Map.of(), "off");
            return;
        }
        JsonNode order = ctx.order();
        JsonNode receiver = order.path("receiver");
        List<String> reasons = new ArrayList<>();
        Map<String, Object> inputs = new LinkedHashMap<>();
        if (p.pickupPoint() != null) {
            RiskChecks.pickupPoint(receiver, p.pickupPoint()).ifPresent(reasons::add);
        }
        if (p.phone() != null) {
            inputs.put("phoneKind", receiver.path("phoneKind").asText(null));
            RiskChecks.phone(order, p.phone()).ifPresent(reasons::add);
        }
        String address = Identities.address(receiver);
        inputs.put("address", Identities.mask(address));
        statistics(ctx, p, address, inputs, reasons);
        if (p.blacklist() == null || p.blacklist()) {
            Map<String, String> ids = new LinkedHashMap<>();
            ids.put("BUYER", Identities.buyer(order));
            ids.put("PHONE", Identities.phone(order));
            ids.put("ADDRESS", address);
            inputs.put("buyer", Identities.mask(ids.get("BUYER")));
            inputs.put("phone", Identities.mask(ids.get("PHONE")));
            Set<String> hits = blacklist.hits(ids);
            hits.forEach(k -> reasons.add("blacklist: " + k.toLowerCase(java.util.Locale.ROOT) + " is blacklisted"));
        }
        inputs.put("reasons", reasons);
        if (reasons.isEmpty()) {
            ctx.decide(this, inputs, "not fired: no risk found");
            return;
        }
        ctx.tag("RISK");
        ctx.fact("riskReasons", List.copyOf(reasons));
        ctx.hold(this, "RISK_HOLD", String.join("; ", reasons), true);
        ctx.decide(this, inputs, "fired: " + reasons.size() + " risk(s)");
    }

    /** Amount against the shop's threshold or rolling median; orders to the address in the window. */
    private void statistics(RuleContext ctx, RiskParams p, String address, Map<String, Object> inputs,
            List<String> reasons) {
        if (p.amount() == null && p.addressBurst() == null) {
            return;
        }
        long paid = ctx.order().path("amounts").path("paidFen").asLong();
        RiskParams.Amount a = p.amount();
        RiskParams.AddressBurst b = p.addressBurst();
        int sampleSize = a == null || a.sampleSize() == null ? 200 : a.sampleSize();
        Duration window = Duration.ofMinutes(b == null || b.windowMinutes() == null ? 60 : b.windowMinutes());
        RiskStats.Seen seen = stats.recordAndRead(ctx.hubOrderId(), ctx.shopKey(), paid,
                b == null ? null : address, OrderTime.of(ctx), OrderTime.cancelled(ctx), sampleSize, window);
        if (a != null) {
            inputs.put("paidFen", paid);
            inputs.put("shopMedianFen", seen.medianFen());
            inputs.put("shopSamples", seen.samples());
            Long threshold = a.thresholdFen() == null ? null : a.thresholdFen().get(ctx.shopKey());
            int factor = a.factor() == null ? 0 : a.factor();
            int minSamples = a.minSamples() == null ? 20 : a.minSamples();
            if (threshold != null) {
                inputs.put("thresholdFen", threshold);
                if (paid > threshold) {
                    reasons.add("amount: paid " + paid + " fen above the shop's threshold " + threshold + " fen");
                }
            } else if (factor > 0 && seen.medianFen() != null && seen.samples() >= minSamples
                    && paid > factor * seen.medianFen()) {
                reasons.add("amount: paid " + paid + " fen above " + factor + " × the shop's median "
                        + Math.round(seen.medianFen()) + " fen");
            }
        }
        if (b != null && address != null) {
            int max = b.maxOrders() == null ? 3 : b.maxOrders();
            inputs.put("ordersToAddress", seen.ordersToAddress());
            if (seen.ordersToAddress() > max) {
                reasons.add("addressBurst: " + seen.ordersToAddress() + " orders to one address within "
                        + window.toMinutes() + " min (max " + max + ")");
            }
        }
    }

    /** Compiles a pattern parameter or refuses it naming the field. */
    static Pattern pattern(String regex, String field) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException | NullPointerException e) {
            throw new IllegalArgumentException(field + " is not a valid regular expression");
        }
    }
}
