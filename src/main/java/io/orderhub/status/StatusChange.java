package io.orderhub.status;

import java.time.Instant;
import java.util.UUID;

/**
 * What one status event changed about an order: its answer (the canonical status customers are told) and/or its
 * after-sales state. Handed to every {@link StatusReaction} inside the transaction that stored it.
 *
 * @param previousAnswer     the answer before (null for the order's first status)
 * @param answer             the answer now
 * @param answerSource       the source kind the answer comes from ({@code carrier}, {@code wms}, {@code erp},
 *                           {@code platform})
 * @param previousAfterSales after-sales state before ({@code NONE} when none)
 * @param afterSales         after-sales state now
 * @param sourceKind         the kind of source whose event caused the change
 * @param system             the system that sent it ({@code kuaidi100}, {@code sandbox-wms}, a channel code...)
 * @param waybillNo          the order's latest known waybill number, or null
 * @param carrierCode        the carrier of that waybill as the hub knows it ({@code SF}, {@code YTO}...), or null
 * @param at                 the event's own time
 */
public record StatusChange(UUID hubOrderId, String previousAnswer, String answer, String answerSource,
        String previousAfterSales, String afterSales, String sourceKind, String system, String waybillNo,
        String carrierCode, Instant at) {

    public boolean answerChanged() {
        return previousAnswer == null ? answer != null : !previousAnswer.equals(answer);
    }

    public boolean afterSalesChanged() {
        return previousAfterSales == null ? afterSales != null : !previousAfterSales.equals(afterSales);
    }
}
