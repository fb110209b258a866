package io.orderhub.archive;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    private static final String INSERT = """
            INSERT INTO raw_receipt (receipt_id, channel, shop_key, received_at, content_type, headers, body,
                                     body_sha256, body_size, auth_kind)
            SELECT u.id, u.ch, u.shop, u.at::timestamptz, u.ct, u.hd::jsonb, u.body, u.sha, u.size, u.auth
              FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bytea[], ?::bytea[],
                          ?::int[], ?::text[]) AS u(id, ch, shop, at, ct, hd, body, sha, size, auth)
            ON CONFLICT (channel, body_sha256) DO NOTHING
            RETURNING receipt_id""";

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
        int n = rows.size();
        UUID[] ids = new UUID[n];
        String[] channels = new String[n], shops = new String[n], at = new String[n], ct = new String[n];
        String[] headers = new String[n], auth = new String[n];
        byte[][] bodies = new byte[n][], shas = new byte[n][];
        Integer[] sizes = new Integer[n];
        for (int i = 0; i < n; i++) {
            RawPayload p = rows.get(i);
            ids[i] = p.receiptId();
            channels[i] = p.channel();
            shops[i] = p.shopKey();
            at[i] = p.receivedAt().toString();
            ct[i] = p.contentType();
            headers[i] = json(p.headers());
            bodies[i] = p.body();
            shas[i] = p.sha256();
            sizes[i] = p.body().length;
            auth[i] = p.authKind();
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            Array[] arrays = {c.createArrayOf("uuid", ids), c.createArrayOf("text", channels),
                    c.createArrayOf("text", shops), c.createArrayOf("text", at), c.createArrayOf("text", ct),
                    c.createArrayOf("text", headers), c.createArrayOf("bytea", bodies), c.createArrayOf("bytea", shas),
                    c.createArrayOf("int4", sizes), c.createArrayOf("text", auth)};
            for (int i = 0; i < arrays.length; i++) {
                ps.setArray(i + 1, arrays[i]);
            }
            List<UUID> inserted = new ArrayList<>(n);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    inserted.add(rs.getObject(1, UUID.class));
                }
            }
            return inserted;
        }
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
