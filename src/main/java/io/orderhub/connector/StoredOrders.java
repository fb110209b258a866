package io.orderhub.connector;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.orderhub.archive.StoreUnavailableException;

/** What the hub already holds of a channel's platform orders: the platform modification time of each stored one. */
@ApplicationScoped
public class StoredOrders {

    private static final String STORED = """
            SELECT platform_order_id, platform_updated_at FROM hub_order
             WHERE channel = ? AND platform_order_id = ANY (?)""";

    private final DataSource dataSource;

    public StoredOrders(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Map<String, Instant> modifiedTimes(String channel, Collection<String> platformOrderIds) {
        Map<String, Instant> found = new HashMap<>();
        if (platformOrderIds.isEmpty()) {
            return found;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(STORED)) {
            Array ids = c.createArrayOf("text", platformOrderIds.toArray());
            ps.setString(1, channel);
            ps.setArray(2, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                }
            }
            return found;
        } catch (SQLException e) {
            throw new StoreUnavailableException("stored order lookup failed", e);
        }
    }
}
