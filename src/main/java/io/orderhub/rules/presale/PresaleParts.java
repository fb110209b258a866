package io.orderhub.rules.presale;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * The presale aggregation strategy and completion check. A group body is
 * {@code {groupId, parts: {DEPOSIT: part, BALANCE: part}}}; a part sent again replaces itself (re-evaluation is
 * idempotent); a BOTH part fills both roles (keeping an earlier deposit). Complete when both roles are present. The
 * old exchange is returned mutated, as recoverable repositories need.
 */
@ApplicationScoped
@Named("presaleParts")
public class PresaleParts implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        Map<?, ?> part = newExchange.getMessage().getBody(Map.class);
        Exchange target = oldExchange == null ? newExchange : oldExchange;
        Map<?, ?> group = oldExchange == null ? null : oldExchange.getMessage().getBody(Map.class);
        target.getMessage().setBody(merge(group, PresalePart.fromMap(part)));
        return target;
    }

    /** The completion predicate of the aggregate step. */
    public boolean complete(Map<?, ?> group) {
        return isComplete(group);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<?, ?> group, PresalePart part) {
        Map<String, Object> next = new LinkedHashMap<>();
        next.put("groupId", part.groupId());
        Map<String, Object> parts = new LinkedHashMap<>();
        if (group != null && group.get("parts") instanceof Map<?, ?> existing) {
            parts.putAll((Map<String, Object>) existing);
        }
        if (PresalePart.BOTH.equals(part.role())) {
            parts.putIfAbsent(PresalePart.DEPOSIT, part.toMap());
            parts.put(PresalePart.BALANCE, part.toMap());
        } else {
            parts.put(part.role(), part.toMap());
        }
        next.put("parts", parts);
        return next;
    }

    static boolean isComplete(Map<?, ?> group) {
        return part(group, PresalePart.DEPOSIT) != null && part(group, PresalePart.BALANCE) != null;
    }

    /** A role's part of a group body, or null. */
    static PresalePart part(Map<?, ?> group, String role) {
        if (group != null && group.get("parts") instanceof Map<?, ?> parts && parts.get(role) instanceof Map<?, ?> p) {
            return PresalePart.fromMap(p);
        }
        return null;
    }

    static PresaleMaster master(Map<?, ?> group) {
        return PresaleMaster.of(part(group, PresalePart.DEPOSIT), part(group, PresalePart.BALANCE));
    }
}
