package io.orderhub.intercept;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.execute.CommandPlanner;

/**
 * Before shipment: stops the order's WMS outbound. A create the WMS never got (PENDING, or FAILED without an answer
 * that could hide a delivery) is discarded, so it is never sent; one the WMS has or may have (SENT, in flight, or
 * last failed by a timeout) gets a QiMen {@code taobao.qimen.order.cancel} (system {@code wms-cancel}) with the
 * delivery order code that create used. An uncertain create is both discarded and cancelled: whichever the WMS saw,
 * nothing ships.
 */
@ApplicationScoped
public class OutboundStop {

    static final String WMS = "wms";
    static final String WMS_CANCEL = "wms-cancel";
    static final String CANCEL_TYPE = "CANCEL_OUTBOUND";

    private final CommandPlanner planner;

    public OutboundStop(CommandPlanner planner) {
        this.planner = planner;
    }

    /** What was done; {@code cancels} is how many WMS cancels were planned (0: nothing to wait for). */
    public record Outcome(int cancels, ObjectNode detail) {
    }

    public Outcome stop(Connection c, UUID hubOrderId, String reason) throws SQLException {
        ObjectNode detail = Interceptions.JSON.createObjectNode();
        ArrayNode discarded = detail.putArray("discardedCommands");
        ArrayNode cancelled = detail.putArray("wmsCancels");
        int cancels = 0;
        for (SentCommands.Row row : SentCommands.lock(c, hubOrderId, WMS)) {
            if (row.unsent() && SentCommands.discard(c, row, reason)) {
                discarded.add(row.key());
            }
            String orderCode = row.payload().path("deliveryOrder").path("deliveryOrderCode").asText("");
            if (row.update() || !row.maybeDelivered() || orderCode.isEmpty()) {
                continue;
            }
            ObjectNode extra = Interceptions.JSON.createObjectNode();
            extra.put("orderCode", orderCode);
            extra.put("warehouseCode", row.payload().path("deliveryOrder").path("warehouseCode").asText(null));
            extra.put("orderId", row.response().path("response").path("deliveryOrderId").asText(null));
            extra.put("reason", reason);
            planner.planReaction(c, hubOrderId, WMS_CANCEL, CANCEL_TYPE, "intercept#" + orderCode, extra);
            cancelled.add(orderCode);
            cancels++;
        }
        return new Outcome(cancels, detail);
    }
}
