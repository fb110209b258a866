package io.orderhub.rules.presale;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import io.orderhub.alert.AlertStore;
import io.orderhub.archive.StoreUnavailableException;

/**
 * The outcome side of the presale aggregation: completed groups become master orders ({@code presale_master}, written
 * by the aggregation route, idempotent), overdue deposits are flagged once with an alert ({@code presale_flag}).
 */
@ApplicationScoped
@Named("presaleMasters")
public class PresaleMasters {

    static final String ALERT_KIND = "PRESALE_BALANCE_MISSING";

    private static final String RECORD = """
            INSERT INTO presale_master (group_id, channel, shop_id, group_key, deposit_hub_order_id,
                   deposit_platform_order_id, balance_hub_order_id, balance_platform_order_id, completed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, now()) ON CONFLICT (group_id) DO NOTHING""";
    private static final String FIND = """
            SELECT group_id, group_key, channel, shop_id, deposit_hub_order_id, deposit_platform_order_id,
                   balance_hub_order_id, balance_platform_order_id FROM presale_master WHERE group_id = ?""";
    private static final String FLAGGED = "SELECT 1 FROM presale_flag WHERE group_id = ?";
    private static final String FLAG = """
            INSERT INTO presale_flag (group_id, deposit_hub_order_id, deadline, flagged_at) VALUES (?, ?, ?, now())
            ON CONFLICT (group_id) DO NOTHING""";

    private final DataSource dataSource;
    private final AlertStore alerts;

    public PresaleMasters(DataSource dataSource, AlertStore alerts) {
        this.dataSource = dataSource;
        this.alerts = alerts;
    }

    /** Called by the aggregation route with a completed group body. */
    public void record(Map<String, Object> group) {
        PresaleMaster m = PresaleParts.master(group);
        update(RECORD, m.groupId(), m.channel(), m.shopId(), m.groupKey(), m.depositHubOrderId(),
                m.depositPlatformOrderId(), m.balanceHubOrderId(), m.balancePlatformOrderId());
    }

    public Optional<PresaleMaster> find(String groupId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FIND)) {
            ps.setString(1, groupId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new PresaleMaster(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("presale master lookup failed", e);
        }
    }

    /**
     * Raises the alert, then records the flag: a crash in between raises the same alert again (deduplicated by the
     * alert store) rather than losing it.
     */
    public boolean flagOnce(PresalePart deposit) {
        if (exists(FLAGGED, deposit.groupId())) {
            return false;
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("groupId", deposit.groupId());
        detail.put("channel", deposit.channel());
        detail.put("depositHubOrderId", deposit.hubOrderId());
        detail.put("depositPlatformOrderId", deposit.platformOrderId());
        detail.put("deadline", deposit.deadline());
        alerts.raise(ALERT_KIND, "presale-balance-missing:" + deposit.groupId(), "WARNING",
                "Presale deposit " + deposit.channel() + " " + deposit.platformOrderId()
                        + " has no balance past its deadline " + deposit.deadline(),
                detail);
        return update(FLAG, deposit.groupId(), deposit.hubOrderId(),
                Timestamp.from(Instant.parse(deposit.deadline()))) == 1;
    }

    private boolean exists(String sql, String key) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("presale flag lookup failed", e);
        }
    }

    private int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("presale store failed", e);
        }
    }
}
