package io.orderhub.rules.merge;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.f4b6a3.uuid.UuidCreator;

import io.orderhub.archive.StoreUnavailableException;

/**
 * Shipment groups in PostgreSQL ({@code merge_group}, {@code merge_member}). Joins of one receiver are serialised by a
 * transaction-scoped advisory lock on the receiver hash, so two orders of one receiver evaluated at once end in the
 * same group.
 */
@ApplicationScoped
public class MergeGroups implements ShipmentGroups {

    private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))";
    private static final String MEMBER_OF = """
            SELECT m.group_id FROM merge_member m JOIN merge_group g ON g.group_id = m.group_id
             WHERE m.hub_order_id = ? AND g.receiver_hash = ?""";
    private static final String LEAVE = "DELETE FROM merge_member WHERE hub_order_id = ?";
    private static final String OPEN = """
            SELECT group_id FROM merge_group WHERE receiver_hash = ? AND opened_at BETWEEN ? AND ?
             ORDER BY opened_at LIMIT 1""";
    private static final String CREATE = """
            INSERT INTO merge_group (group_id, receiver_hash, opened_at, window_ends_at) VALUES (?, ?, ?, ?)""";
    private static final String ADD = """
            INSERT INTO merge_member (hub_order_id, group_id, channel, shop_id, platform_order_id, paid_at, joined_at)
            VALUES (?, ?, ?, ?, ?, ?, now())""";
    private static final String MEMBERS = """
            SELECT hub_order_id, channel, shop_id, platform_order_id FROM merge_member WHERE group_id = ?
             ORDER BY paid_at, hub_order_id""";

    private final DataSource dataSource;

    public MergeGroups(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Group join(String receiverHash, Member member, Instant paidAt, Duration window) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                exec(c, LOCK, receiverHash);
                UUID group = first(c, MEMBER_OF, member.hubOrderId(), receiverHash);
                if (group == null) {
                    // a member whose receiver changed leaves its old group
                    exec(c, LEAVE, member.hubOrderId());
                    group = first(c, OPEN, receiverHash, Timestamp.from(paidAt.minus(window)), Timestamp.from(paidAt));
                    if (group == null) {
                        group = UuidCreator.getTimeOrderedEpoch();
                        exec(c, CREATE, group, receiverHash, Timestamp.from(paidAt),
                                Timestamp.from(paidAt.plus(window)));
                    }
                    exec(c, ADD, member.hubOrderId(), group, member.channel(), member.shopId(),
                            member.platformOrderId(), Timestamp.from(paidAt));
                }
                Group answer = new Group(group.toString(), members(c, group));
                c.commit();
                return answer;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("shipment group join failed", e);
        }
    }

    private static List<Member> members(Connection c, UUID group) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(MEMBERS)) {
            ps.setObject(1, group);
            List<Member> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Member(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
            return out;
        }
    }

    private static UUID first(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = bind(c, sql, args); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getObject(1, UUID.class) : null;
        }
    }

    private static void exec(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = bind(c, sql, args)) {
            ps.execute();
        }
    }

    private static PreparedStatement bind(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }
}
