package io.orderhub.rules.presale;

import java.time.Instant;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where a canonical order stands in a presale. Platforms differ: Taobao/Tmall, Douyin, Pinduoduo and Xiaohongshu send
 * ONE order paid in steps (groupKey = its own platform order id; the phase moves and the status turns PAID when the
 * balance is in: a BOTH part); a platform that issues the balance as a second order links it to the deposit order by
 * groupKey (≠ its own id) or parentPlatformOrderId. Phase DEPOSIT is always a deposit part, whatever the status.
 *
 * @param kind NONE (no presale block), FULL (paid in full, shipped later), CANCELLED, UNPAID (nothing paid yet) or PART
 * @param part the deposit/balance part to aggregate, for PART only
 */
public record PresaleStage(String kind, String reason, PresalePart part) {

    static final Set<String> PAID = Set.of("PAID", "ALLOCATED", "SHIPPED", "COMPLETED");

    public static PresaleStage of(JsonNode order, String hubOrderId, PresaleParams params) {
        JsonNode presale = order.path("presale");
        if (!presale.isObject()) {
            return new PresaleStage("NONE", "no presale block", null);
        }
        String phase = text(presale, "phase");
        String status = order.path("status").asText();
        if ("FULL".equals(phase)) {
            return new PresaleStage("FULL", "paid in full", null);
        }
        if ("CANCELLED".equals(status)) {
            return new PresaleStage("CANCELLED", "order cancelled", null);
        }
        String platformOrderId = order.path("platformOrderId").asText();
        String parent = text(order, "parentPlatformOrderId");
        String groupKey = text(presale, "groupKey");
        groupKey = groupKey != null ? groupKey : parent != null ? parent : platformOrderId;
        // a balance order of its own points at the deposit (parent, or a group key that is another order's id)
        boolean linked = parent != null || !groupKey.equals(platformOrderId);
        boolean paidNow = PAID.contains(status);
        boolean depositPaid = paidNow || order.hasNonNull("paidAt");
        String role;
        if ("DEPOSIT".equals(phase)) {
            // a deposit-stage order, even when its own status is PAID: its payment covered the deposit only
            role = depositPaid ? PresalePart.DEPOSIT : null;
        } else if (linked) {
            role = paidNow ? PresalePart.BALANCE : null;
        } else if (paidNow) {
            role = PresalePart.BOTH;
        } else {
            role = "BALANCE".equals(phase) || depositPaid ? PresalePart.DEPOSIT : null;
        }
        if (role == null) {
            return new PresaleStage("UNPAID", linked ? "balance order not paid" : "deposit not paid", null);
        }
        String channel = order.path("channel").asText();
        String shopId = order.path("shopId").asText();
        String deadline = PresalePart.BALANCE.equals(role) ? null : deadline(order, params).toString();
        Long amount = amount(presale, PresalePart.BALANCE.equals(role) ? "balanceFen" : "depositFen");
        return new PresaleStage("PART", role.toLowerCase() + " part",
                new PresalePart(role, PresalePart.groupId(channel, shopId, groupKey), groupKey, hubOrderId, channel,
                        shopId, platformOrderId, amount, deadline));
    }

    private static Instant deadline(JsonNode order, PresaleParams params) {
        String at = order.hasNonNull("paidAt") ? order.get("paidAt").asText() : order.path("createdAt").asText();
        return params.deadlineAfter(Instant.parse(at));
    }

    private static Long amount(JsonNode presale, String field) {
        return presale.hasNonNull(field) ? presale.get(field).asLong() : null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isNull() || v.isMissingNode() || v.asText().isBlank() ? null : v.asText();
    }
}
