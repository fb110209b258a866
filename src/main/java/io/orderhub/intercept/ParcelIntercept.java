package io.orderhub.intercept;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.execute.CommandPlanner;

/**
 * After shipment: asks the carrier to intercept every parcel of the order (system {@code carrier-intercept}, one
 * command per waybill) and reverses the order's receivable in finance (system {@code finance-reverse}, a 红冲 entry
 * that carries the original voucher as sent). A receivable finance never got is discarded instead of reversed.
 */
@ApplicationScoped
public class ParcelIntercept {

    static final String CARRIER_INTERCEPT = "carrier-intercept";
    static final String FINANCE = "finance";
    static final String FINANCE_REVERSE = "finance-reverse";

    /** The order's waybills with the carrier that issued each (its e-waybill answer's cp_code). */
    private static final String WAYBILLS = """
            SELECT w.waybill_no, o.response ->> 'cp_code'
              FROM waybill w LEFT JOIN outbox_command o ON o.command_id = w.command_id
             WHERE w.hub_order_id = ? ORDER BY w.shipment_index, w.created_at""";

    private final CommandPlanner planner;

    public ParcelIntercept(CommandPlanner planner) {
        this.planner = planner;
    }

    /** What was done; {@code intercepts} is how many carrier intercepts were planned (0: no waybill known). */
    public record Outcome(int intercepts, int reversals, ObjectNode detail) {
    }

    /**
     * @param waybillNo   the waybill the status event named, when the hub's own waybill table does not have it
     * @param carrierCode that waybill's carrier as the status backbone knows it
     */
    public Outcome intercept(Connection c, UUID hubOrderId, String reason, String waybillNo, String carrierCode)
            throws SQLException {
        ObjectNode detail = Interceptions.JSON.createObjectNode();
        ArrayNode waybills = detail.putArray("carrierIntercepts");
        int intercepts = 0;
        for (Map.Entry<String, String> w : waybills(c, hubOrderId, waybillNo, carrierCode).entrySet()) {
            ObjectNode extra = Interceptions.JSON.createObjectNode();
            extra.put("waybillNo", w.getKey());
            extra.put("carrierCode", w.getValue());
            extra.put("reason", reason);
            planner.planReaction(c, hubOrderId, CARRIER_INTERCEPT, "CARRIER_INTERCEPT", "intercept#" + w.getKey(),
                    extra);
            waybills.add(w.getKey());
            intercepts++;
        }
        ArrayNode reversed = detail.putArray("financeReversals");
        ArrayNode discarded = detail.putArray("discardedCommands");
        int reversals = 0;
        for (SentCommands.Row row : SentCommands.lock(c, hubOrderId, FINANCE)) {
            if (row.unsent() && SentCommands.discard(c, row, reason)) {
                discarded.add(row.key());
            }
            if (row.update() || !row.maybeDelivered()) {
                continue;
            }
            ObjectNode extra = Interceptions.JSON.createObjectNode();
            extra.set("original", row.payload());
            extra.put("reason", reason);
            planner.planReaction(c, hubOrderId, FINANCE_REVERSE, "FINANCE_REVERSAL", "intercept#" + row.key(), extra);
            reversed.add(row.key());
            reversals++;
        }
        return new Outcome(intercepts, reversals, detail);
    }

    private static Map<String, String> waybills(Connection c, UUID hubOrderId, String waybillNo, String carrierCode)
            throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(WAYBILLS)) {
            ps.setObject(1, hubOrderId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String cp = rs.getString(2);
                    out.put(rs.getString(1), cp != null ? cp : carrierCode);
                }
            }
        }
        if (waybillNo != null && !waybillNo.isBlank()) {
            out.putIfAbsent(waybillNo, carrierCode);
        }
        return out;
    }
}
