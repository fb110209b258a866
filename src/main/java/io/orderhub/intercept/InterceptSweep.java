package io.orderhub.intercept;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Named;

import org.jboss.logging.Logger;

import io.orderhub.archive.StoreUnavailableException;
import io.orderhub.intercept.Interceptions.State;
import io.orderhub.rules.OrderRelease;

/**
 * Moves interceptions on as the downstream systems answer (the route {@code intercept-sweep} calls it): a WMS cancel
 * confirmed → WMS_CANCELLED; a cancel the WMS refused for good ("already shipped", class {@code REFUSED:*}) →
 * TOO_LATE and the carrier path; WMS_CANCELLED → the reservation released (cause CANCELLED) → RELEASED; carrier
 * intercepts and the finance reversal confirmed → REVERSAL_POSTED. Each step is one transaction that moves from a named
 * state, so several pods can sweep.
 */
@ApplicationScoped
@Named("interceptSweep")
public class InterceptSweep {

    private static final Logger LOG = Logger.getLogger(InterceptSweep.class);
    private static final int BATCH = 100;

    /** Per system: the order's commands, those not yet confirmed, those refused for good. */
    private static final String COUNTS = """
            SELECT count(*), count(*) FILTER (WHERE state <> 'SENT'),
                   count(*) FILTER (WHERE state = 'FAILED' AND error_class LIKE 'REFUSED:%')
              FROM outbox_command WHERE hub_order_id = ? AND system = ? AND state <> 'DISCARDED'""";

    private record Counts(long total, long open, long refused) {
    }

    private final DataSource dataSource;
    private final Interceptions interceptions;
    private final ParcelIntercept parcels;
    private final Instance<OrderRelease> releases;

    public InterceptSweep(DataSource dataSource, Interceptions interceptions, ParcelIntercept parcels,
            Instance<OrderRelease> releases) {
        this.dataSource = dataSource;
        this.interceptions = interceptions;
        this.parcels = parcels;
        this.releases = releases;
    }

    /** One pass over the open interceptions; answers how many moved per step. */
    public Map<String, Integer> sweep() {
        Map<String, Integer> moved = new LinkedHashMap<>();
        moved.put("wms", each(State.REQUESTED, this::wmsAnswered));
        moved.put("released", each(State.WMS_CANCELLED, this::release));
        moved.put("carrier", each(State.CARRIER_INTERCEPT_REQUESTED, this::carrierAnswered));
        return moved;
    }

    @FunctionalInterface
    private interface Step {
        boolean apply(Connection c, UUID hubOrderId) throws SQLException;
    }

    private int each(State state, Step step) {
        List<UUID> ids;
        try (Connection c = dataSource.getConnection()) {
            ids = interceptions.inState(c, state, BATCH);
        } catch (SQLException e) {
            throw new StoreUnavailableException("interception sweep failed", e);
        }
        int n = 0;
        for (UUID id : ids) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    n += step.apply(c, id) ? 1 : 0;
                    c.commit();
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    LOG.warnf("interception of %s: step from %s failed, next sweep retries: %s", id, state,
                            e.getMessage());
                }
            } catch (SQLException e) {
                throw new StoreUnavailableException("interception sweep failed", e);
            }
        }
        return n;
    }

    private boolean wmsAnswered(Connection c, UUID id) throws SQLException {
        Counts wms = counts(c, id, OutboundStop.WMS_CANCEL);
        if (wms.refused() > 0) {
            // the WMS has shipped: too late to stop it in the warehouse, the carrier must stop the parcel
            if (!interceptions.move(c, id, State.REQUESTED, State.TOO_LATE, null)) {
                return false;
            }
            ParcelIntercept.Outcome done = parcels.intercept(c, id, "WMS refused the cancel: already shipped", null,
                    null);
            return done.intercepts() == 0
                    || interceptions.move(c, id, State.TOO_LATE, State.CARRIER_INTERCEPT_REQUESTED, done.detail());
        }
        return wms.total() > 0 && wms.open() == 0
                && interceptions.move(c, id, State.REQUESTED, State.WMS_CANCELLED, null);
    }

    /** Release first (idempotent, its own transaction): a crash before the move releases again, harmlessly. */
    private boolean release(Connection c, UUID id) throws SQLException {
        for (OrderRelease r : releases) {
            r.release(id.toString(), "CANCELLED");
        }
        return interceptions.move(c, id, State.WMS_CANCELLED, State.RELEASED, null);
    }

    private boolean carrierAnswered(Connection c, UUID id) throws SQLException {
        Counts carrier = counts(c, id, ParcelIntercept.CARRIER_INTERCEPT);
        if (carrier.total() == 0 || carrier.open() > 0) {
            return false;
        }
        interceptions.carrierAccepted(c, id);
        Counts finance = counts(c, id, ParcelIntercept.FINANCE_REVERSE);
        return finance.open() == 0
                && interceptions.move(c, id, State.CARRIER_INTERCEPT_REQUESTED, State.REVERSAL_POSTED, null);
    }

    private static Counts counts(Connection c, UUID id, String system) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(COUNTS)) {
            ps.setObject(1, id);
            ps.setString(2, system);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3));
            }
        }
    }
}
