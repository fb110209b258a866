package io.orderhub.rules.crm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import com.fasterxml.jackson.databind.JsonNode;

import io.orderhub.rules.Rule;
import io.orderhub.rules.RuleContext;

/**
 * Enrichment (issue 5 item 1): finds the buyer's CRM customer by stable identities — platform buyer id, then the
 * receiver's plain phone or platform contact ciphertext, then a virtual number still valid now, then the HTTP CRM —
 * and records facts {@code customerId} and {@code segment} (VIP, NEW, REGULAR); VIP orders are tagged VIP.
 */
@ApplicationScoped
@Named("customerRule")
public class CustomerRule implements Rule<CustomerParams> {

    private final CustomerStore customers;
    private final CrmLookup crm;
    private final CrmCache cache = new CrmCache(10_000);

    public CustomerRule(CustomerStore customers, CrmLookup crm) {
        this.customers = customers;
        this.crm = crm;
    }

    @Override
    public String id() {
        return "customer";
    }

    @Override
    public Class<CustomerParams> paramsType() {
        return CustomerParams.class;
    }

    @Override
    public void validate(CustomerParams p) {
        CustomerParams.Crm c = p.crm();
        if (c == null) {
            return;
        }
        if (c.url() == null || !c.url().matches("https?://\\S+")) {
            throw new IllegalArgumentException("crm.url must be an http:// or https:// URL");
        }
        if (c.timeoutMs() != null && (c.timeoutMs() < 1 || c.timeoutMs() > 30_000)) {
            throw new IllegalArgumentException("crm.timeoutMs must be 1..30000");
        }
        if (c.cacheTtlSeconds() != null && c.cacheTtlSeconds() < 0) {
            throw new IllegalArgumentException("crm.cacheTtlSeconds must be >= 0");
        }
    }

    public void apply(RuleContext ctx) {
        CustomerParams p = ctx.params(this);
        if (p == null) {
            ctx.decide(this, Map.of(), "off");
            return;
        }
        JsonNode order = ctx.order();
        JsonNode receiver = order.path("receiver");
        String phoneKind = receiver.path("phoneKind").asText(null);
        String buyer = Identities.buyer(order);
        String phone = Identities.phone(order);
        String virtual = "VIRTUAL".equals(phoneKind) ? Identities.virtualNumber(receiver.path("phone").asText()) : null;
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("buyer", Identities.mask(buyer));
        inputs.put("phoneKind", phoneKind);
        inputs.put("phone", Identities.mask(phone != null ? phone : virtual));

        Optional<Customer> found = Optional.empty();
        String via = "none";
        if (buyer != null && (found = customers.byIdentity(CustomerStore.BUYER, buyer)).isPresent()) {
            via = "buyerId";
        } else if (phone != null && (found = customers.byIdentity(
                "PLAIN".equals(phoneKind) ? CustomerStore.PHONE : CustomerStore.CONTACT, phone)).isPresent()) {
            via = "PLAIN".equals(phoneKind) ? "phone" : "platformContact";
        } else if (virtual != null && (found = customers.byVirtualNumber(virtual, ctx.now())).isPresent()) {
            via = "virtualNumber";
        } else if (p.crm() != null && (buyer != null || phone != null)) {
            found = fromCrm(ctx, p.crm(), buyer, phone, inputs);
            via = "crm";
        }
        decide(ctx, p, found, via, inputs);
    }

    private void decide(RuleContext ctx, CustomerParams p, Optional<Customer> found, String via,
            Map<String, Object> inputs) {
        inputs.put("matchedBy", found.isPresent() ? via : "none");
        String segment = found.map(Customer::effectiveSegment).orElse(Customer.NEW);
        found.ifPresent(c -> {
            ctx.fact("customerId", c.customerId());
            inputs.put("customerId", c.customerId());
            inputs.put("earlierOrders", c.earlierOrders());
        });
        ctx.fact("segment", segment);
        if (Customer.VIP.equals(segment) && p.tagsVip()) {
            ctx.tag("VIP");
        }
        ctx.decide(this, inputs, found.isPresent()
                ? "fired: customer " + found.get().customerId() + " " + segment + " by " + via
                : "not fired: no customer found (" + via + "), segment NEW");
    }

    /** The CRM's answer, cached for the parameters' TTL; empty (and noted) when the CRM is unavailable. */
    private Optional<Customer> fromCrm(RuleContext ctx, CustomerParams.Crm c, String buyer, String phone,
            Map<String, Object> inputs) {
        String key = crmKey(buyer, phone);
        Optional<Customer> cached = cache.get(key, ctx.now());
        if (cached != null) {
            inputs.put("crm", "cached");
            return cached;
        }
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("channel", ctx.channel());
        query.put("platformBuyerId", ctx.order().path("buyer").path("platformBuyerId").asText(null));
        query.put("phoneHash", phone);
        try {
            Optional<Customer> answer = crm.find(c.url(), c.timeout(), query);
            inputs.put("crm", answer.isPresent() ? "found" : "unknown");
            if (!c.ttl().isZero()) {
                cache.put(key, answer, ctx.now(), c.ttl());
            }
            return answer;
        } catch (CrmLookup.CrmUnavailableException e) {
            inputs.put("crm", "unavailable: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static String crmKey(String buyer, String phone) {
        return buyer + "/" + phone;
    }
}
