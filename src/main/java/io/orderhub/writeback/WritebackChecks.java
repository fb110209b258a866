package io.orderhub.writeback;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.orderhub.archive.StoreUnavailableException;

/** The {@code writeback_check} rows: one per shop and day, replaced by a re-run. */
@ApplicationScoped
public class WritebackChecks {

    private static final String START = """
            INSERT INTO writeback_check (shop_key, day, state, started_at) VALUES (?, ?, 'RUNNING', now())
            ON CONFLICT (shop_key, day) DO UPDATE SET state = 'RUNNING', started_at = now(), finished_at = NULL""";
    private static final String FINISH = """
            UPDATE writeback_check SET state = ?, checked = ?, matched = ?, resent = ?, unchecked = ?, errors = ?,
                   differences = ?::jsonb, finished_at = now()
             WHERE shop_key = ? AND day = ?""";
    private static final String DONE = """
            SELECT 1 FROM writeback_check WHERE shop_key = ? AND day = ? AND state IN ('MATCHED', 'RESENT')""";
    private static final String HISTORY = """
            SELECT shop_key, day, state, checked, matched, resent, unchecked, errors, differences::text, started_at,
                   finished_at
              FROM writeback_check WHERE (?::text IS NULL OR shop_key = ?) ORDER BY day DESC, shop_key LIMIT ?""";

    private final DataSource dataSource;

    public WritebackChecks(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void start(String shopKey, LocalDate day) {
        update(START, shopKey, day);
    }

    /** Settled runs are not repeated by the timer; a FAILED one is, on its next tick. */
    boolean done(String shopKey, LocalDate day) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(DONE)) {
            ps.setString(1, shopKey);
            ps.setObject(2, day);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("writeback_check read failed", e);
        }
    }

    void finish(WritebackCheck.Result r) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FINISH)) {
            ps.setString(1, r.state());
            ps.setInt(2, r.checked());
            ps.setInt(3, r.matched());
            ps.setInt(4, r.resent());
            ps.setInt(5, r.unchecked());
            ps.setInt(6, r.errors());
            ps.setString(7, WritebackReaction.JSON.writeValueAsString(r.differences()));
            ps.setString(8, r.shopKey());
            ps.setObject(9, r.day());
            ps.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw new StoreUnavailableException("writeback_check write failed", e);
        }
    }

    public List<Map<String, Object>> history(String shopKey, int limit) {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(HISTORY)) {
            ps.setString(1, shopKey);
            ps.setString(2, shopKey);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("shopKey", rs.getString(1));
                    m.put("day", rs.getObject(2, LocalDate.class).toString());
                    m.put("state", rs.getString(3));
                    m.put("checked", rs.getInt(4));
                    m.put("matched", rs.getInt(5));
                    m.put("resent", rs.getInt(6));
                    m.put("unchecked", rs.getInt(7));
                    m.put("errors", rs.getInt(8));
                    m.put("differences", WritebackReaction.read(rs.getString(9)));
                    m.put("startedAt", String.valueOf(rs.getTimestamp(10).toInstant()));
                    m.put("finishedAt",
                            rs.getTimestamp(11) == null ? null : rs.getTimestamp(11).toInstant().toString());
                    rows.add(m);
                }
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("writeback_check read failed", e);
        }
        return rows;
    }

    private void update(String sql, String shopKey, LocalDate day) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, shopKey);
            ps.setObject(2, day);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("writeback_check write failed", e);
        }
    }
}
