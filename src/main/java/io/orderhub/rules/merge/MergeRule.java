package io.orderhub.rules.merge;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import com.fasterxml.jackson.databind.JsonNode;

import io.orderhub.rules.Rule;
import io.orderhub.rules.RuleContext;

/**
 * Cross-store merge (跨店合单): paid orders from different shops or channels to the same receiver and address inside
 * the window form one shipment group for the WMS (fact {@code shipmentGroup}); tag MERGED once the group has two or
 * more orders. Receivers are compared by {@link ReceiverKey}; masked ones are never merged.
 */
@ApplicationScoped
@Named("mergeRule")
public class MergeRule implements Rule<MergeParams> {

    public static final String ID = "cross-store-merge";

    private final ShipmentGroups groups;

    public MergeRule(ShipmentGroups groups) {
        this.groups = groups;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Class<MergeParams> paramsType() {
        return MergeParams.class;
    }

    @Override
    public void validate(MergeParams params) {
        params.check();
    }

    public void apply(RuleContext ctx) {
        MergeParams params = ctx.params(this);
        if (params == null) {
            ctx.decide(this, Map.of(), "off");
            return;
        }
        JsonNode order = ctx.order();
        ReceiverKey key = ReceiverKey.of(order.path("receiver"));
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("status", order.path("status").asText());
        inputs.put("phoneKind", key.phoneKind());
        inputs.put("receiverKey", key.shortHash());
        inputs.put("windowMinutes", params.windowMinutes());
        if (!"PAID".equals(order.path("status").asText())) {
            ctx.decide(this, inputs, "not fired: status is not PAID");
        } else if (ctx.held() && !params.includeHeld()) {
            inputs.put("heldBy", ctx.holds().stream().map(RuleContext.Hold::code).toList());
            ctx.decide(this, inputs, "not fired: order already held");
        } else if (key.hash() == null) {
            ctx.decide(this, inputs, "not fired: " + key.reason());
        } else {
            join(ctx, key, params, inputs);
        }
    }

    private void join(RuleContext ctx, ReceiverKey key, MergeParams params, Map<String, Object> inputs) {
        JsonNode order = ctx.order();
        Instant paidAt = order.hasNonNull("paidAt") ? Instant.parse(order.get("paidAt").asText()) : ctx.now();
        ShipmentGroups.Member me = new ShipmentGroups.Member(ctx.hubOrderId(), ctx.channel(),
                order.path("shopId").asText(), order.path("platformOrderId").asText());
        ShipmentGroups.Group group = groups.join(key.hash(), me, paidAt,
                Duration.ofMinutes(params.windowMinutes()));
        List<Map<String, Object>> members = group.members().stream().map(ShipmentGroups.Member::toMap).toList();
        Map<String, Object> fact = new LinkedHashMap<>();
        fact.put("groupId", group.groupId());
        fact.put("members", members);
        ctx.fact("shipmentGroup", fact);
        inputs.put("groupId", group.groupId());
        inputs.put("members", members.size());
        inputs.put("shops", group.members().stream().map(m -> m.channel() + "/" + m.shopId()).distinct().toList());
        if (members.size() >= 2) {
            ctx.tag("MERGED");
            ctx.decide(this, inputs, "fired: shipment group of " + members.size() + " orders");
        } else {
            ctx.decide(this, inputs, "not fired: first order of its receiver in the window (group opened)");
        }
    }
}
