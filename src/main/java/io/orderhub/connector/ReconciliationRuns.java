package io.orderhub.connector;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.f4b6a3.uuid.UuidCreator;

import io.orderhub.archive.StoreUnavailableException;

/** The record of every reconciliation: expected (platform), found (hub), recovered, still missing. */
@ApplicationScoped
public class ReconciliationRuns {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String EXPIRE = """
            UPDATE reconciliation_run SET state = 'FAILED', error = 'abandoned (pod stopped mid-run)',
                   finished_at = now()
             WHERE shop_key = ? AND day = ? AND state = 'RUNNING' AND started_at < now() - interval '1 hour'""";
    private static final String START = """
            INSERT INTO reconciliation_run (run_id, shop_key, channel, day, state, started_at)
            VALUES (?, ?, ?, ?, 'RUNNING', now()) ON CONFLICT DO NOTHING""";
    private static final String FINISH = """
            UPDATE reconciliation_run SET state = ?, expected = ?, found = ?, recovered = ?, still_missing = ?,
                   missing_ids = ?::jsonb, error = ?, finished_at = now()
             WHERE run_id = ?""";
    private static final String SETTLED = """
            SELECT 1 FROM reconciliation_run
             WHERE shop_key = ? AND day = ? AND state IN ('OK', 'RECOVERED', 'INCOMPLETE')""";
    private static final String LIST = """
            SELECT run_id, shop_key, channel, day, state, expected, found, recovered, still_missing,
                   missing_ids::text, error, started_at, finished_at
              FROM reconciliation_run WHERE (?::text IS NULL OR shop_key = ?) AND (?::date IS NULL OR day = ?)
             ORDER BY started_at DESC LIMIT ?""";

    private final DataSource dataSource;

    public ReconciliationRuns(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Starts a run; empty while another run of the same shop and day is going on. */
    public Optional<UUID> start(String shopKey, String channel, LocalDate day) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement expire = c.prepareStatement(EXPIRE);
                PreparedStatement start = c.prepareStatement(START)) {
            expire.setString(1, shopKey);
            expire.setObject(2, day);
            expire.executeUpdate();
            UUID id = UuidCreator.getTimeOrderedEpoch();
            start.setObject(1, id);
            start.setString(2, shopKey);
            start.setString(3, channel);
            start.setObject(4, day);
            return start.executeUpdate() == 1 ? Optional.of(id) : Optional.empty();
        } catch (SQLException e) {
            throw new StoreUnavailableException("reconciliation start failed", e);
        }
    }

    public void finish(UUID runId, String state, int expected, int found, int recovered, List<String> stillMissing,
            List<String> missing, String error) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FINISH)) {
            ps.setString(1, state);
            ps.setInt(2, expected);
            ps.setInt(3, found);
            ps.setInt(4, recovered);
            ps.setInt(5, stillMissing.size());
            ps.setString(6, JSON.writeValueAsString(Map.of("missing", missing, "stillMissing", stillMissing)));
            ps.setString(7, error);
            ps.setObject(8, runId);
            ps.executeUpdate();
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new StoreUnavailableException("reconciliation finish failed", e);
        }
    }

    public boolean settled(String shopKey, LocalDate day) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SETTLED)) {
            ps.setString(1, shopKey);
            ps.setObject(2, day);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("reconciliation lookup failed", e);
        }
    }

    public List<Map<String, Object>> list(String shopKey, LocalDate day, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(LIST)) {
            ps.setString(1, shopKey);
            ps.setString(2, shopKey);
            ps.setObject(3, day);
            ps.setObject(4, day);
            ps.setInt(5, limit);
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("runId", rs.getObject(1, UUID.class).toString());
                    r.put("shopKey", rs.getString(2));
                    r.put("channel", rs.getString(3));
                    r.put("day", rs.getObject(4, LocalDate.class).toString());
                    r.put("state", rs.getString(5));
                    r.put("expected", rs.getObject(6));
                    r.put("found", rs.getObject(7));
                    r.put("recovered", rs.getObject(8));
                    r.put("stillMissing", rs.getObject(9));
                    r.put("ids", rs.getString(10) == null ? null : JSON.readTree(rs.getString(10)));
                    r.put("error", rs.getString(11));
                    r.put("startedAt", rs.getTimestamp(12).toInstant().toString());
                    r.put("finishedAt", rs.getTimestamp(13) == null
                            ? null
                            : rs.getTimestamp(13).toInstant()
                                    .toString());
                    rows.add(r);
                }
            }
            return rows;
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new StoreUnavailableException("reconciliation list failed", e);
        }
    }
}
