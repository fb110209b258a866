package io.orderhub.rules.risk;

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
import java.util.Set;
import java.util.TreeSet;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.orderhub.archive.StoreUnavailableException;

/** {@link Blacklist} on {@code risk_blacklist}. */
@ApplicationScoped
public class JdbcBlacklist implements Blacklist {

    private static final String HIT = "SELECT 1 FROM risk_blacklist WHERE kind = ? AND id_hash = ?";
    private static final String ADD = """
            INSERT INTO risk_blacklist (kind, id_hash, note, created_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (kind, id_hash) DO UPDATE SET note = excluded.note""";
    private static final String REMOVE = "DELETE FROM risk_blacklist WHERE kind = ? AND id_hash = ?";
    private static final String LIST = """
            SELECT kind, id_hash, note, created_at FROM risk_blacklist ORDER BY created_at DESC, kind, id_hash LIMIT ?""";

    private final DataSource dataSource;

    public JdbcBlacklist(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Set<String> hits(Map<String, String> hashByKind) {
        Set<String> hits = new TreeSet<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(HIT)) {
            for (Map.Entry<String, String> e : hashByKind.entrySet()) {
                if (e.getValue() == null) {
                    continue;
                }
                ps.setString(1, e.getKey());
                ps.setString(2, e.getValue());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        hits.add(e.getKey());
                    }
                }
            }
            return hits;
        } catch (SQLException e) {
            throw new StoreUnavailableException("blacklist lookup failed", e);
        }
    }

    @Override
    public int add(List<Entry> entries, Instant now) {
        return write(ADD, entries, now);
    }

    @Override
    public int remove(List<Entry> entries) {
        return write(REMOVE, entries, null);
    }

    private int write(String sql, List<Entry> entries, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            int n = 0;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (Entry e : entries) {
                    ps.setString(1, e.kind());
                    ps.setString(2, e.hash());
                    if (now != null) {
                        ps.setString(3, e.note());
                        ps.setTimestamp(4, Timestamp.from(now));
                    }
                    n += ps.executeUpdate();
                }
                c.commit();
                return n;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("blacklist write failed", e);
        }
    }

    @Override
    public List<Map<String, Object>> list(int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(LIST)) {
            ps.setInt(1, limit);
            List<Map<String, Object>> items = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("kind", rs.getString(1));
                    m.put("hash", rs.getString(2));
                    m.put("note", rs.getString(3));
                    m.put("createdAt", rs.getTimestamp(4).toInstant().toString());
                    items.add(m);
                }
            }
            return items;
        } catch (SQLException e) {
            throw new StoreUnavailableException("blacklist list failed", e);
        }
    }
}
