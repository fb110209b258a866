package io.orderhub.intercept;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.orderhub.status.StatusChange;

/** Which status changes open an interception, and on which side of shipment. */
class InterceptDecisionTest {

    static StatusChange change(String answer, String before, String after) {
        return new StatusChange(UUID.randomUUID(), answer, answer, "wms", before, after, "platform", "taobao", null,
                null, Instant.now());
    }

    @Test
    void aRefundRequestBeforeShipmentStopsTheOutbound() {
        for (String answer : new String[]{"PENDING_PAYMENT", "PAID", "ALLOCATED", "CANCELLED"}) {
            assertThat(InterceptReaction.path(change(answer, "NONE", "REFUND_REQUESTED"))).as(answer)
                    .hasValue("BEFORE_SHIPMENT");
        }
        assertThat(InterceptReaction.path(change("PAID", "NONE", "REFUNDING"))).hasValue("BEFORE_SHIPMENT");
        assertThat(InterceptReaction.path(change("ALLOCATED", "NONE", "RETURN_REQUESTED")))
                .hasValue("BEFORE_SHIPMENT");
    }

    @Test
    void aRefundRequestAfterShipmentGoesToTheCarrierButAReturnRequestDoesNot() {
        assertThat(InterceptReaction.path(change("SHIPPED", "NONE", "REFUND_REQUESTED"))).hasValue("AFTER_SHIPMENT");
        assertThat(InterceptReaction.path(change("SHIPPED", "REFUND_REQUESTED", "REFUNDING")))
                .hasValue("AFTER_SHIPMENT");
        assertThat(InterceptReaction.path(change("SHIPPED", "NONE", "RETURN_REQUESTED"))).isEmpty();
    }

    @Test
    void deliveredOrdersEndedEpisodesAndUnchangedStatesOpenNothing() {
        assertThat(InterceptReaction.path(change("COMPLETED", "NONE", "REFUND_REQUESTED"))).isEmpty();
        for (String end : new String[]{"REFUNDED", "RETURNED", "REFUND_REJECTED", "NONE"}) {
            assertThat(InterceptReaction.path(change("ALLOCATED", "REFUND_REQUESTED", end))).as(end).isEmpty();
        }
        assertThat(InterceptReaction.path(change("ALLOCATED", "REFUND_REQUESTED", "REFUND_REQUESTED"))).isEmpty();
        assertThat(InterceptReaction.path(new StatusChange(UUID.randomUUID(), "PAID", "SHIPPED", "carrier",
                "NONE", "NONE", "carrier", "kuaidi100", "SF1", "SF", Instant.now()))).isEmpty();
    }
}
