package io.orderhub.execute;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.f4b6a3.uuid.UuidCreator;

import io.orderhub.alert.AlertStore;
import io.orderhub.archive.StoreUnavailableException;

/**
 * Loading scans (装车扫码): what the driver app says was loaded per waybill, compared with the shipment's lines —
 * missing, extra, or a different quantity per SKU. Every scan is recorded; any difference raises an alert for the
 * warehouse (one per waybill, repeats counted).
 */
@ApplicationScoped
public class LoadingScans {

    /** One difference between the parcel's lines and the scan. */
    public record Difference(String sku, String kind, long expected, long scanned) {
    }

    /** The recorded scan. */
    public record Result(String scanId, String waybillNo, String hubOrderId, List<Difference> differences) {
    }

    private static final String INSERT = """
            INSERT INTO loading_scan (scan_id, waybill_no, hub_order_id, scanned_by, scanned_at, items, differences,
                                      received_at)
            VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, now())""";

    private final DataSource dataSource;
    private final Waybills waybills;
    private final AlertStore alerts;

    public LoadingScans(DataSource dataSource, Waybills waybills, AlertStore alerts) {
        this.dataSource = dataSource;
        this.waybills = waybills;
        this.alerts = alerts;
    }

    public Result record(String waybillNo, String scannedBy, Instant scannedAt, JsonNode items) {
        Optional<Waybills.Waybill> waybill = waybills.find(waybillNo);
        List<Difference> differences = waybill.map(w -> compare(w.lines(), items))
                .orElse(List.of(new Difference(null, "UNKNOWN_WAYBILL", 0, count(items))));
        UUID scanId = UuidCreator.getTimeOrderedEpoch();
        String hubOrderId = waybill.map(w -> w.hubOrderId().toString()).orElse(null);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setObject(1, scanId);
            ps.setString(2, waybillNo);
            ps.setObject(3, waybill.map(Waybills.Waybill::hubOrderId).orElse(null));
            ps.setString(4, scannedBy);
            ps.setTimestamp(5, Timestamp.from(scannedAt));
            ps.setString(6, items.toString());
            ps.setString(7, CommandPlanner.JSON.writeValueAsString(differences));
            ps.executeUpdate();
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new StoreUnavailableException("loading scan record failed", e);
        }
        if (!differences.isEmpty()) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("waybillNo", waybillNo);
            detail.put("hubOrderId", hubOrderId);
            detail.put("scannedBy", scannedBy);
            detail.put("differences", differences);
            alerts.raise("LOADING_MISMATCH", "loading:" + waybillNo, "WARNING",
                    "waybill " + waybillNo + ": " + differences.size() + " difference(s) between loaded and ordered",
                    detail);
        }
        return new Result(scanId.toString(), waybillNo, hubOrderId, differences);
    }

    /** Per SKU: expected quantity from the lines, scanned quantity from the scan. */
    static List<Difference> compare(JsonNode lines, JsonNode items) {
        Map<String, Long> expected = totals(lines);
        Map<String, Long> scanned = totals(items);
        List<Difference> out = new ArrayList<>();
        TreeSet<String> skus = new TreeSet<>(expected.keySet());
        skus.addAll(scanned.keySet());
        for (String sku : skus) {
            long e = expected.getOrDefault(sku, 0L);
            long s = scanned.getOrDefault(sku, 0L);
            if (e == s) {
                continue;
            }
            out.add(new Difference(sku, e == 0 ? "EXTRA" : s == 0 ? "MISSING" : "QUANTITY", e, s));
        }
        return out;
    }

    private static Map<String, Long> totals(JsonNode lines) {
        Map<String, Long> totals = new TreeMap<>();
        for (JsonNode l : lines) {
            String sku = l.path("sku").asText(null);
            if (sku == null || sku.isBlank()) {
                sku = l.path("platformSkuId").asText(l.path("lineId").asText("?"));
            }
            totals.merge(sku, l.path("quantity").asLong(0), Long::sum);
        }
        return totals;
    }

    private static long count(JsonNode items) {
        long n = 0;
        for (JsonNode i : items) {
            n += i.path("quantity").asLong(0);
        }
        return n;
    }
}
