package io.orderhub.aftersales;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.orderhub.status.StatusChange;
import io.orderhub.status.StatusReaction;

/**
 * When an order's after-sales state becomes REFUND_REQUESTED or RETURN_REQUESTED, a ticket for people, scored from
 * the buyer's remark (the canonical order's {@code remarks.buyer}, the only buyer text it carries). One ticket per
 * after-sales episode: an episode starts when a request follows no request in progress (NONE, or a finished one:
 * REFUNDED, RETURNED, REFUND_REJECTED) and is keyed by the order and the event's own time, so a repeated or replayed
 * event opens nothing new and a refund request turning into a return request stays one ticket.
 */
@ApplicationScoped
public class AfterSalesTicketReaction implements StatusReaction {

    static final Set<String> REQUESTS = Set.of("REFUND_REQUESTED", "RETURN_REQUESTED");
    static final Set<String> IN_PROGRESS = Set.of("REFUND_REQUESTED", "REFUNDING", "RETURN_REQUESTED");
    private static final String ORDER = """
            SELECT channel, platform_order_id, order_json -> 'remarks' ->> 'buyer' FROM hub_order
             WHERE hub_order_id = ?""";

    private final AfterSalesTickets tickets;

    public AfterSalesTicketReaction(AfterSalesTickets tickets) {
        this.tickets = tickets;
    }

    @Override
    public void onChange(Connection c, StatusChange change) throws SQLException {
        // Set.of refuses null lookups: an order's first status has no previous after-sales state
        String before = change.previousAfterSales() == null ? "NONE" : change.previousAfterSales();
        if (change.afterSales() == null || !change.afterSalesChanged() || !REQUESTS.contains(change.afterSales())
                || IN_PROGRESS.contains(before)) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(ORDER)) {
            ps.setObject(1, change.hubOrderId());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
                TicketStore.OrderRef order = new TicketStore.OrderRef(change.hubOrderId(), rs.getString(1),
                        rs.getString(2));
                tickets.open(c, order, "status:" + change.afterSales(), rs.getString(3),
                        "status:" + change.hubOrderId() + ":" + change.at());
            }
        }
    }
}
