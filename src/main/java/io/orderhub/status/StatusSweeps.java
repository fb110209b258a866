package io.orderhub.status;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.jboss.logging.Logger;

import io.orderhub.alert.AlertStore;
import io.orderhub.archive.StoreUnavailableException;

/**
 * The status backbone's timers (route {@code status-sweep}): conflicts whose grace period has run out since the last
 * event (a carrier that never scans sends no event to trigger the check), and shipped orders whose carrier has been
 * silent past {@code orderhub.status.carrier-silence} (default 48 h) — one NO_CARRIER_UPDATE alert to the warehouse
 * per silence, again only after the carrier spoke and fell silent anew.
 */
@ApplicationScoped
@Named("statusSweeps")
public class StatusSweeps {

    private static final Logger LOG = Logger.getLogger(StatusSweeps.class);

    private static final String DUE = """
            SELECT hub_order_id FROM order_status WHERE conflict_check_at <= now()
             ORDER BY conflict_check_at LIMIT 500""";
    private static final String SILENT = """
            SELECT s.hub_order_id, coalesce(cv.at, wv.at), s.waybill_no, cv.phase
              FROM order_status s
              LEFT JOIN order_status_source cv ON cv.hub_order_id = s.hub_order_id AND cv.source_kind = 'carrier'
              LEFT JOIN order_status_source wv ON wv.hub_order_id = s.hub_order_id AND wv.source_kind = 'wms'
             WHERE s.answer = 'SHIPPED' AND coalesce(cv.at, wv.at) < ?
               AND (s.silence_alerted_at IS NULL OR s.silence_alerted_at < coalesce(cv.at, wv.at))
             LIMIT 500""";
    private static final String MARK_SILENCE = "UPDATE order_status SET silence_alerted_at = ? WHERE hub_order_id = ?";

    private final DataSource dataSource;
    private final StatusBackbone backbone;
    private final StatusSources sources;
    private final AlertStore alerts;

    public StatusSweeps(DataSource dataSource, StatusBackbone backbone, StatusSources sources, AlertStore alerts) {
        this.dataSource = dataSource;
        this.backbone = backbone;
        this.sources = sources;
        this.alerts = alerts;
    }

    /** Opens the conflicts that came due; returns how many orders were checked. */
    public int conflicts() {
        List<UUID> due = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(DUE);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                due.add(rs.getObject(1, UUID.class));
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("conflict sweep read failed", e);
        }
        for (UUID id : due) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    backbone.recheck(c, id);
                    c.commit();
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    LOG.warnf("conflict check of %s failed: %s", id, e.getMessage());
                }
            } catch (SQLException e) {
                throw new StoreUnavailableException("conflict sweep failed", e);
            }
        }
        return due.size();
    }

    /** Raises NO_CARRIER_UPDATE for shipped orders silent past the limit; returns how many were raised. */
    public int silentCarriers() {
        Instant limit = Instant.now().minus(sources.config().carrierSilence());
        int raised = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            List<Object[]> silent = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(SILENT)) {
                ps.setTimestamp(1, Timestamp.from(limit));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        silent.add(new Object[]{rs.getObject(1, UUID.class), rs.getTimestamp(2), rs.getString(3),
                                rs.getString(4)});
                    }
                }
            }
            c.commit();
            for (Object[] row : silent) {
                UUID id = (UUID) row[0];
                Timestamp last = (Timestamp) row[1];
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("hubOrderId", id.toString());
                detail.put("waybillNo", row[2]);
                detail.put("lastUpdateAt", last.toInstant().toString());
                detail.put("lastPhase", row[3]);
                detail.put("audience", "warehouse");
                alerts.raise(c, "NO_CARRIER_UPDATE", "no-carrier-update:" + id + ":" + last.toInstant(), "warning",
                        "order " + id + ": no carrier update since " + last.toInstant() + " (waybill " + row[2]
                                + ")",
                        detail);
                try (PreparedStatement ps = c.prepareStatement(MARK_SILENCE)) {
                    ps.setTimestamp(1, last);
                    ps.setObject(2, id);
                    ps.executeUpdate();
                }
                c.commit(); // the alert, its deliveries to the sinks and the mark, together
                raised++;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("carrier silence sweep failed", e);
        }
        return raised;
    }
}
