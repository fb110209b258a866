package io.orderhub.aftersales;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The {@code aftersales_ticket} rows; every method runs in the caller's connection. */
@ApplicationScoped
public class TicketStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = """
            ticket_id, hub_order_id, channel, platform_order_id, source, text, urgency, matched_keywords::text,
            rule_version, state, assignee, resolution_note, created_at, claimed_at, resolved_at""";
    private static final String INSERT = """
            INSERT INTO aftersales_ticket (ticket_id, hub_order_id, channel, platform_order_id, source, text, urgency,
                                           matched_keywords, rule_version, state, episode_key, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, 'OPEN', ?, now(), now())
            ON CONFLICT (episode_key) DO NOTHING
            RETURNING\s""" + COLUMNS;
    private static final String QUEUE = "SELECT " + COLUMNS
            + " FROM aftersales_ticket WHERE state = ? ORDER BY urgency, created_at, ticket_id LIMIT ?";
    private static final String ONE = "SELECT " + COLUMNS + " FROM aftersales_ticket WHERE ticket_id = ?";
    private static final String CLAIM = """
            UPDATE aftersales_ticket SET state = 'CLAIMED', assignee = ?, claimed_at = now(), updated_at = now()
             WHERE ticket_id = ? AND state = 'OPEN' RETURNING\s""" + COLUMNS;
    private static final String RESOLVE = """
            UPDATE aftersales_ticket SET state = 'RESOLVED', resolution_note = ?,
                   assignee = coalesce(assignee, ?), resolved_at = now(), updated_at = now()
             WHERE ticket_id = ? AND state IN ('OPEN', 'CLAIMED') RETURNING\s""" + COLUMNS;
    private static final String ORDER = """
            SELECT hub_order_id, channel, platform_order_id FROM hub_order
             WHERE (?::uuid IS NOT NULL AND hub_order_id = ?::uuid)
                OR (?::uuid IS NULL AND channel = ? AND platform_order_id = ?)
             ORDER BY updated_at DESC LIMIT 1""";

    /** What the hub knows of the order a ticket names. */
    public record OrderRef(UUID hubOrderId, String channel, String platformOrderId) {
    }

    /** Empty when the episode already has its ticket. */
    public Optional<Ticket> insert(Connection c, OrderRef order, String source, String text,
            UrgencyScorer.Score score, String episodeKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setObject(1, com.github.f4b6a3.uuid.UuidCreator.getTimeOrderedEpoch());
            ps.setObject(2, order.hubOrderId());
            ps.setString(3, order.channel());
            ps.setString(4, order.platformOrderId());
            ps.setString(5, source);
            ps.setString(6, text);
            ps.setString(7, score.urgency());
            ps.setString(8, JSON.writeValueAsString(score.matched()));
            ps.setString(9, score.ruleVersion());
            ps.setString(10, episodeKey);
            return first(ps);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<OrderRef> order(Connection c, UUID hubOrderId, String channel, String platformOrderId)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ORDER)) {
            ps.setObject(1, hubOrderId);
            ps.setObject(2, hubOrderId);
            ps.setObject(3, hubOrderId);
            ps.setString(4, channel);
            ps.setString(5, platformOrderId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new OrderRef(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)))
                        : Optional.empty();
            }
        }
    }

    public List<Ticket> queue(Connection c, String state, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(QUEUE)) {
            ps.setString(1, state);
            ps.setInt(2, limit);
            return all(ps);
        }
    }

    public Optional<Ticket> get(Connection c, UUID id) throws SQLException {
        return one(c, ONE, id);
    }

    public Optional<Ticket> claim(Connection c, UUID id, String assignee) throws SQLException {
        return one(c, CLAIM, assignee, id);
    }

    public Optional<Ticket> resolve(Connection c, UUID id, String note, String by) throws SQLException {
        return one(c, RESOLVE, note, by, id);
    }

    private Optional<Ticket> one(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return first(ps);
        }
    }

    private Optional<Ticket> first(PreparedStatement ps) throws SQLException {
        List<Ticket> all = all(ps);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    private List<Ticket> all(PreparedStatement ps) throws SQLException {
        List<Ticket> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Ticket(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), list(rs.getString(8)),
                        rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), at(rs, 13),
                        at(rs, 14), at(rs, 15)));
            }
        }
        return out;
    }

    private static List<String> list(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("matched_keywords is not a JSON list", e);
        }
    }

    private static Instant at(ResultSet rs, int i) throws SQLException {
        Timestamp t = rs.getTimestamp(i);
        return t == null ? null : t.toInstant();
    }
}
