package io.orderhub.archive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Appends batches of raw payloads to the append-only archive in one statement and one transaction, and resolves
 * repeated deliveries to the receipt of the first one.
 */
@ApplicationScoped
public class ArchiveStore {

    private static final String INSERT_HEAD = """
            INSERT INTO raw_receipt (receipt_id, channel, shop_key, received_at, content_type, headers, body,
                                     body_sha256, body_size, auth_kind) VALUES """;
    private static final String ROW = "(?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)";
    private static final String INSERT_TAIL = " ON CONFLICT (channel, body_sha256) DO NOTHING RETURNING receipt_id";
    /** Rows per statement: bodies travel as binary parameters; few distinct statement shapes stay prepared. */
    private static final int CHUNK = 32;

    private static final String EXISTING = """
            SELECT r.receipt_id, r.channel, r.body_sha256 FROM raw_receipt r
              JOIN unnest(?::text[], ?::bytea[]) AS k(ch, sha) ON r.channel = k.ch AND r.body_sha256 = k.sha""";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;

    public ArchiveStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes the batch in one transaction; one result per payload, in order. */
    public List<ArchiveResult> append(List<RawPayload> batch) throws SQLException {
        // a payload delivered twice inside one batch is written once; both get the first one's receipt
        Map<String, UUID> firstByKey = new HashMap<>();
        List<RawPayload> unique = new ArrayList<>(batch.size());
        for (RawPayload p : batch) {
            if (firstByKey.putIfAbsent(key(p.channel(), p.sha256()), p.receiptId()) == null) {
                unique.add(p);
            }
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<UUID> inserted = insert(c, unique);
                if (inserted.size() < unique.size()) {
                    resolveExisting(c, unique, inserted, firstByKey);
                }
                c.commit();
                return results(batch, firstByKey, inserted);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static List<UUID> insert(Connection c, List<RawPayload> rows) throws SQLException {
        List<UUID> inserted = new ArrayList<>(rows.size());
        for (int from = 0; from < rows.size(); from += CHUNK) {
            List<RawPayload> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
            try (PreparedStatement ps = c.prepareStatement(insertSql(chunk.size()))) {
                int i = 1;
                for (RawPayload p : chunk) {
                    ps.setObject(i++, p.receiptId());
                    ps.setString(i++, p.channel());
                    ps.setString(i++, p.shopKey());
                    ps.setObject(i++, p.receivedAt().atOffset(ZoneOffset.UTC));
                    ps.setString(i++, p.contentType());
                    ps.setString(i++, json(p.headers()));
                    ps.setBytes(i++, p.body());
                    ps.setBytes(i++, p.sha256());
                    ps.setInt(i++, p.body().length);
                    ps.setString(i++, p.authKind());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        inserted.add(rs.getObject(1, UUID.class));
                    }
                }
            }
        }
        return inserted;
    }

    private static String insertSql(int rows) {
        StringBuilder sql = new StringBuilder(INSERT_HEAD);
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append(ROW);
        }
        return sql.append(INSERT_TAIL).toString();
    }

    private static void resolveExisting(Connection c, List<RawPayload> unique, List<UUID> inserted,
            Map<String, UUID> firstByKey) throws SQLException {
        List<RawPayload> conflicting = new ArrayList<>();
        Set<UUID> insertedSet = new HashSet<>(inserted);
        for (RawPayload p : unique) {
            if (!insertedSet.contains(p.receiptId())) {
                conflicting.add(p);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(EXISTING)) {
            ps.setArray(1, c.createArrayOf("text", conflicting.stream().map(RawPayload::channel).toArray()));
            ps.setArray(2,
                    c.createArrayOf("bytea", conflicting.stream().map(RawPayload::sha256).toArray(byte[][]::new)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    firstByKey.put(key(rs.getString(2), rs.getBytes(3)), rs.getObject(1, UUID.class));
                }
            }
        }
        for (RawPayload p : conflicting) {
            if (firstByKey.get(key(p.channel(), p.sha256())).equals(p.receiptId())) {
                // a conflict without a visible first row would answer a receipt that does not exist: fail the batch
                throw new SQLException("duplicate of receipt not found for " + p.channel());
            }
        }
    }

    private static List<ArchiveResult> results(List<RawPayload> batch, Map<String, UUID> firstByKey,
            List<UUID> inserted) {
        Set<UUID> insertedSet = new HashSet<>(inserted);
        List<ArchiveResult> results = new ArrayList<>(batch.size());
        for (RawPayload p : batch) {
            UUID receipt = firstByKey.get(key(p.channel(), p.sha256()));
            boolean duplicate = !(receipt.equals(p.receiptId()) && insertedSet.contains(receipt));
            results.add(new ArchiveResult(receipt, duplicate));
        }
        return results;
    }

    private static String key(String channel, byte[] sha256) {
        return channel + ':' + HexFormat.of().formatHex(sha256);
    }

    private static String json(Map<String, String> headers) {
        try {
            return JSON.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("headers are not serialisable", e);
        }
    }
}
