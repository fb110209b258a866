package io.orderhub.rules.crm;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import io.orderhub.rules.RuleContext;

/** When an order happened for counting windows: the platform's creation time (stable across replays). */
public final class OrderTime {

    private OrderTime() {
    }

    /** {@code createdAt} of the canonical order, or the evaluation's clock when it is absent or unreadable. */
    public static Instant of(RuleContext ctx) {
        String created = ctx.order().path("createdAt").asText(null);
        try {
            return created == null ? ctx.now() : Instant.parse(created);
        } catch (DateTimeParseException e) {
            return ctx.now();
        }
    }

    public static boolean cancelled(RuleContext ctx) {
        return "CANCELLED".equals(ctx.order().path("status").asText());
    }
}
