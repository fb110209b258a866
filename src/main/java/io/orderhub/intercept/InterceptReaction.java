package io.orderhub.intercept;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.orderhub.alert.AlertStore;
import io.orderhub.intercept.Interceptions.State;
import io.orderhub.status.StatusChange;
import io.orderhub.status.StatusReaction;

/**
 * Issue 7's interception (拦截): when an order's after-sales state turns to a refund request, stop the goods. Before
 * shipment the WMS outbound is cancelled ({@link OutboundStop}); the reservation is released by the
 * {@link InterceptSweep} once the WMS confirmed (or nothing had reached it). After shipment the carrier is asked to
 * intercept the parcels and finance gets a reversal ({@link ParcelIntercept}). Plans only, in the status backbone's
 * transaction; one interception per order, so the same change seen twice plans nothing twice.
 */
@ApplicationScoped
public class InterceptReaction implements StatusReaction {

    private static final Logger LOG = Logger.getLogger(InterceptReaction.class);

    /**
     * After-sales states that mean "the buyer wants the money back, stop the goods". REFUND_REQUESTED is the request;
     * REFUNDING too, because a platform may skip the request (a seller's quick refund of an unshipped order) and
     * the goods must stop all the same — after a REFUND_REQUESTED it finds the interception open and does nothing.
     * RETURN_REQUESTED only before shipment: after it the buyer holds or receives the goods and sends them back, so
     * a carrier intercept is pointless; before it there is nothing to return and stopping the outbound is the point.
     * REFUNDED, RETURNED, REFUND_REJECTED stop nothing: they end an episode.
     */
    static final Set<String> REFUND = Set.of("REFUND_REQUESTED", "REFUNDING");
    static final String RETURN = "RETURN_REQUESTED";

    static final String BEFORE_SHIPMENT = "BEFORE_SHIPMENT";
    static final String AFTER_SHIPMENT = "AFTER_SHIPMENT";

    private final Interceptions interceptions;
    private final OutboundStop outbound;
    private final ParcelIntercept parcels;
    private final AlertStore alerts;

    public InterceptReaction(Interceptions interceptions, OutboundStop outbound, ParcelIntercept parcels,
            AlertStore alerts) {
        this.interceptions = interceptions;
        this.outbound = outbound;
        this.parcels = parcels;
        this.alerts = alerts;
    }

    /** Whether the change calls for an interception, and which: before or after shipment. */
    static Optional<String> path(StatusChange change) {
        if (!change.afterSalesChanged() || change.hubOrderId() == null) {
            return Optional.empty();
        }
        String afterSales = change.afterSales();
        boolean shipped = "SHIPPED".equals(change.answer());
        // a delivered order cannot be intercepted: its refund is a return, handled by people and the platform
        boolean delivered = "COMPLETED".equals(change.answer());
        boolean wanted = REFUND.contains(afterSales) || RETURN.equals(afterSales) && !shipped;
        if (!wanted || delivered) {
            return Optional.empty();
        }
        return Optional.of(shipped ? AFTER_SHIPMENT : BEFORE_SHIPMENT);
    }

    @Override
    public void onChange(Connection c, StatusChange change) throws SQLException {
        if (change.afterSalesChanged() && "REFUND_REJECTED".equals(change.afterSales())) {
            refundRejected(c, change);
            return;
        }
        Optional<String> path = path(change);
        if (path.isEmpty() || !interceptions.open(c, change.hubOrderId(), path.get(), change.afterSales(),
                change.answer(), change.at())) {
            return;
        }
        String reason = "after-sales " + change.afterSales() + " (" + change.sourceKind() + ")";
        if (AFTER_SHIPMENT.equals(path.get())) {
            ParcelIntercept.Outcome done = parcels.intercept(c, change.hubOrderId(), reason, change.waybillNo(),
                    change.carrierCode());
            // without a waybill there is no parcel to stop: TOO_LATE stays for people to follow up
            interceptions.move(c, change.hubOrderId(), State.REQUESTED, State.TOO_LATE, done.detail());
            if (done.intercepts() > 0) {
                interceptions.move(c, change.hubOrderId(), State.TOO_LATE, State.CARRIER_INTERCEPT_REQUESTED, null);
            }
            LOG.infof("interception of %s after shipment: %d carrier intercepts, %d reversals", change.hubOrderId(),
                    done.intercepts(), done.reversals());
            return;
        }
        OutboundStop.Outcome done = outbound.stop(c, change.hubOrderId(), reason);
        if (done.cancels() == 0) {
            // nothing reached the WMS: the sweep can release at once
            interceptions.move(c, change.hubOrderId(), State.REQUESTED, State.WMS_CANCELLED, done.detail());
        } else {
            interceptions.move(c, change.hubOrderId(), State.REQUESTED, State.REQUESTED, done.detail());
        }
        LOG.infof("interception of %s before shipment: %d WMS cancels, %d creates discarded", change.hubOrderId(),
                done.cancels(), done.detail().path("discardedCommands").size());
    }

    /**
     * The platform rejected the refund after the hub stopped the goods: nothing undoes a WMS cancel or a carrier
     * intercept by itself, so a person decides (re-send the order, or cancel it with the buyer). The alert store
     * writes in its own transaction; should the status change roll back, the change comes again and the alert's key
     * makes the repeat one alert.
     */
    private void refundRejected(Connection c, StatusChange change) throws SQLException {
        Optional<Map<String, Object>> open = interceptions.find(c, change.hubOrderId());
        if (open.isEmpty()) {
            return;
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("hubOrderId", change.hubOrderId().toString());
        detail.put("interception", open.get().get("state"));
        detail.put("path", open.get().get("path"));
        alerts.raise("INTERCEPT_REFUND_REJECTED", "intercept-refund-rejected:" + change.hubOrderId(), "WARNING",
                "order " + change.hubOrderId() + ": refund rejected after the interception ("
                        + open.get().get("state") + "); re-send or cancel the order",
                detail);
    }
}
