package io.orderhub.rules.stock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.orderhub.archive.StoreUnavailableException;

/** The B2B SKU library in PostgreSQL ({@code b2b_sku}): read by the catalog rule, written by the admin API. */
@ApplicationScoped
public class JdbcSkuLibrary implements SkuLibrary {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = """
            SELECT sku, min_order_qty, pack_size, remaining_shelf_life_days, min_shelf_life_days::text,
                   packaging_code, substitutes::text FROM b2b_sku""";
    private static final String UPSERT = """
            INSERT INTO b2b_sku (sku, min_order_qty, pack_size, remaining_shelf_life_days, min_shelf_life_days,
                                 packaging_code, substitutes, updated_at)
            VALUES (?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?)
            ON CONFLICT (sku) DO UPDATE SET min_order_qty = excluded.min_order_qty, pack_size = excluded.pack_size,
                remaining_shelf_life_days = excluded.remaining_shelf_life_days,
                min_shelf_life_days = excluded.min_shelf_life_days, packaging_code = excluded.packaging_code,
                substitutes = excluded.substitutes, updated_at = excluded.updated_at""";

    private final DataSource dataSource;

    public JdbcSkuLibrary(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Map<String, SkuSpec> find(Collection<String> skus) {
        Map<String, SkuSpec> found = new LinkedHashMap<>();
        query(COLUMNS + " WHERE sku = ANY(?)", skus.toArray(new String[0]), 0).forEach(s -> found.put(s.sku(), s));
        return found;
    }

    /** Listed SKUs, optionally one only. */
    public List<SkuSpec> list(String sku, int limit) {
        return sku == null
                ? query(COLUMNS + " ORDER BY sku LIMIT ?", null, limit)
                : query(COLUMNS + " WHERE sku = ANY(?) LIMIT ?", new String[]{sku}, limit);
    }

    /** Inserts or replaces the given SKUs, all or none. */
    public int upsert(List<SkuSpec> specs) {
        Instant now = Instant.now();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
                for (SkuSpec s : specs) {
                    ps.setString(1, s.sku());
                    ps.setInt(2, s.minOrderQty());
                    ps.setInt(3, s.packSize());
                    ps.setObject(4, s.remainingShelfLifeDays(), java.sql.Types.INTEGER);
                    ps.setString(5, JSON.writeValueAsString(s.minShelfLifeDays()));
                    ps.setString(6, s.packagingCode());
                    ps.setString(7, JSON.writeValueAsString(s.substitutes()));
                    ps.setTimestamp(8, Timestamp.from(now));
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
                return specs.size();
            } catch (SQLException | JsonProcessingException e) {
                c.rollback();
                throw new StoreUnavailableException("SKU library update failed", e);
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("SKU library update failed", e);
        }
    }

    private List<SkuSpec> query(String sql, String[] skus, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (skus != null) {
                ps.setArray(i++, c.createArrayOf("text", skus));
            }
            if (limit > 0) {
                ps.setInt(i, limit);
            }
            List<SkuSpec> specs = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    specs.add(new SkuSpec(rs.getString(1), rs.getInt(2), rs.getInt(3),
                            (Integer) rs.getObject(4), JSON.readValue(rs.getString(5), new TypeReference<>() {
                            }), rs.getString(6), JSON.readValue(rs.getString(7), new TypeReference<>() {
                            })));
                }
            }
            return specs;
        } catch (SQLException | JsonProcessingException e) {
            throw new StoreUnavailableException("SKU library lookup failed", e);
        }
    }
}
