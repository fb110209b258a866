package io.orderhub.rules;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.orderhub.archive.StoreUnavailableException;

/** Every rule-file version that was live (restorable), and what each rule serves now, shared by all pods. */
@ApplicationScoped
public class RuleHistory {

    public record Live(String ruleId, String version, String dirVersion, String cause) {
    }

    public record Entry(String version, String firstLiveAt) {
    }

    private static final String KEEP = """
            INSERT INTO rule_version (version, rule_id, yaml, first_live_at) VALUES (?, ?, ?, now())
            ON CONFLICT (version) DO NOTHING""";
    private static final String LIVE = """
            INSERT INTO rule_live (rule_id, version, dir_version, cause, changed_at) VALUES (?, ?, ?, ?, now())
            ON CONFLICT (rule_id) DO UPDATE SET version = excluded.version, dir_version = excluded.dir_version,
                   cause = excluded.cause, changed_at = now()""";

    private final DataSource dataSource;

    public RuleHistory(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void live(String ruleId, String version, byte[] yaml, String dirVersion, String cause) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement keep = c.prepareStatement(KEEP);
                PreparedStatement live = c.prepareStatement(LIVE)) {
            keep.setString(1, version);
            keep.setString(2, ruleId);
            keep.setBytes(3, yaml);
            keep.executeUpdate();
            live.setString(1, ruleId);
            live.setString(2, version);
            live.setString(3, dirVersion);
            live.setString(4, cause);
            live.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("rule version store failed", e);
        }
    }

    public List<Live> liveVersions() {
        List<Live> rows = new ArrayList<>();
        query("SELECT rule_id, version, dir_version, cause FROM rule_live", null,
                rs -> rows.add(new Live(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))));
        return rows;
    }

    public List<Entry> versions(String ruleId) {
        List<Entry> rows = new ArrayList<>();
        query("SELECT version, first_live_at FROM rule_version WHERE rule_id = ? ORDER BY first_live_at DESC", ruleId,
                rs -> rows.add(new Entry(rs.getString(1), rs.getTimestamp(2).toInstant().toString())));
        return rows;
    }

    public Optional<byte[]> yaml(String version) {
        List<byte[]> rows = new ArrayList<>();
        query("SELECT yaml FROM rule_version WHERE version = ?", version, rs -> rows.add(rs.getBytes(1)));
        return rows.stream().findFirst();
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, String param, Row row) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (param != null) {
                ps.setString(1, param);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("rule version read failed", e);
        }
    }
}
