package io.orderhub.mapping;

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

/** The stored versions of channel mappings and which one each channel serves (one row per channel). */
@ApplicationScoped
public class MappingHistory {

    /** What a channel serves, and why. */
    public record Live(String channel, String version, String dirVersion, String cause) {
    }

    /** A stored version, newest first in listings. */
    public record Entry(String version, String firstLiveAt) {
    }

    private static final String SAVE = """
            INSERT INTO mapping_version (version, channel, jsonata, status_yaml, input_schema, first_live_at)
            VALUES (?, ?, ?, ?, ?, now()) ON CONFLICT (version) DO NOTHING""";
    private static final String SET_LIVE = """
            INSERT INTO mapping_live (channel, version, dir_version, cause, changed_at) VALUES (?, ?, ?, ?, now())
            ON CONFLICT (channel) DO UPDATE SET version = excluded.version, dir_version = excluded.dir_version,
                   cause = excluded.cause, changed_at = excluded.changed_at""";

    private final DataSource dataSource;

    public MappingHistory(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Keeps the files of a version that went live and records it as the channel's live version. */
    public void live(MappingSources sources, String dirVersion, String cause) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(SAVE)) {
                ps.setString(1, sources.version());
                ps.setString(2, sources.channel());
                ps.setBytes(3, sources.jsonata());
                ps.setBytes(4, sources.statusYaml());
                ps.setBytes(5, sources.inputSchema());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(SET_LIVE)) {
                ps.setString(1, sources.channel());
                ps.setString(2, sources.version());
                ps.setString(3, dirVersion);
                ps.setString(4, cause);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("mapping history write failed", e);
        }
    }

    public List<Live> liveVersions() {
        List<Live> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c
                        .prepareStatement("SELECT channel, version, dir_version, cause FROM mapping_live");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new Live(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
            return rows;
        } catch (SQLException e) {
            throw new StoreUnavailableException("mapping history read failed", e);
        }
    }

    public List<Entry> versions(String channel) {
        List<Entry> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT version, first_live_at FROM mapping_version WHERE channel = ? ORDER BY first_live_at DESC")) {
            ps.setString(1, channel);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Entry(rs.getString(1), rs.getTimestamp(2).toInstant().toString()));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new StoreUnavailableException("mapping history read failed", e);
        }
    }

    public Optional<MappingSources> sources(String version) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT channel, jsonata, status_yaml, input_schema FROM mapping_version WHERE version = ?")) {
            ps.setString(1, version);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new MappingSources(rs.getString(1), rs.getBytes(2), rs.getBytes(3), rs.getBytes(4)));
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("mapping history read failed", e);
        }
    }
}
