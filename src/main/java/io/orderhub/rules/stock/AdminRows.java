package io.orderhub.rules.stock;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import com.fasterxml.jackson.databind.JsonNode;

import io.orderhub.web.ApiError;
import io.orderhub.web.HttpReplies;

/**
 * Reads the admin API's bodies — JSON lists and CSV files with a header row — into stock counts, warehouses and SKU
 * specs; anything unusable is a 400 naming the row and the field.
 */
final class AdminRows {

    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .setTrim(true).setIgnoreEmptyLines(true).get();

    private AdminRows() {
    }

    /** A JSON array (or one object) of rows, each read by {@code reader}; the row index prefixes any error. */
    static <T> List<T> json(byte[] body, Function<JsonNode, T> reader) {
        JsonNode root;
        try {
            root = HttpReplies.mapper().readTree(body == null ? new byte[0] : body);
        } catch (IOException e) {
            throw new ApiError(400, "malformed_payload", "body must be JSON");
        }
        List<JsonNode> items = new ArrayList<>();
        if (root != null && root.isArray()) {
            root.forEach(items::add);
        } else if (root != null && root.isObject()) {
            items.add(root);
        }
        if (items.isEmpty()) {
            throw new ApiError(400, "bad_parameter", "body must be a non-empty JSON array (or one object)");
        }
        return read(items, reader, i -> "item " + i);
    }

    /** CSV rows after the header, each read by {@code reader}; the line number prefixes any error. */
    static <T> List<T> csv(byte[] body, Function<CSVRecord, T> reader) {
        List<CSVRecord> records;
        try (CSVParser p = CSV.parse(new StringReader(new String(body == null ? new byte[0] : body,
                StandardCharsets.UTF_8)))) {
            records = p.getRecords();
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new ApiError(400, "malformed_payload", "body must be CSV with a header row: " + e.getMessage());
        }
        if (records.isEmpty()) {
            throw new ApiError(400, "bad_parameter", "CSV has no data rows");
        }
        return read(records, reader, i -> "row " + (i + 1));
    }

    private static <S, T> List<T> read(List<S> items, Function<S, T> reader, Function<Integer, String> where) {
        List<T> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                out.add(reader.apply(items.get(i)));
            } catch (IllegalArgumentException e) {
                throw new ApiError(400, "bad_parameter", where.apply(i) + ": " + e.getMessage());
            }
        }
        return out;
    }

    static StockCatalog.Count count(JsonNode n) {
        return count(text(n, "warehouse"), text(n, "sku"), json(n, "onHand"));
    }

    static StockCatalog.Count count(CSVRecord r) {
        return count(cell(r, "warehouse"), cell(r, "sku"), cell(r, "on_hand"));
    }

    private static StockCatalog.Count count(String warehouse, String sku, String onHand) {
        long q = number(onHand, "onHand", true);
        if (warehouse == null || sku == null || q < 0) {
            throw new IllegalArgumentException("warehouse, sku and onHand (an integer >= 0) are required");
        }
        return new StockCatalog.Count(warehouse, sku, q);
    }

    static StockLedger.Warehouse warehouse(JsonNode n) {
        String code = text(n, "code");
        String province = text(n, "province");
        if (code == null || province == null || !n.path("shipsWithin24h").isBoolean()) {
            throw new IllegalArgumentException("code, province and shipsWithin24h (true/false) are required");
        }
        return new StockLedger.Warehouse(code, province, n.get("shipsWithin24h").asBoolean());
    }

    static SkuSpec sku(JsonNode n) {
        Map<String, Integer> minShelf = new LinkedHashMap<>();
        n.path("minShelfLifeDays").properties().forEach(e -> minShelf.put(e.getKey(),
                (int) number(e.getValue().isIntegralNumber() ? e.getValue().asText() : "x", "minShelfLifeDays", true)));
        List<String> subs = new ArrayList<>();
        n.path("substitutes").forEach(s -> subs.add(s.asText()));
        return new SkuSpec(text(n, "sku"), (int) number(json(n, "minOrderQty"), "minOrderQty", false),
                (int) number(json(n, "packSize"), "packSize", false), nullableInt(json(n, "remainingShelfLifeDays")),
                minShelf, text(n, "packagingCode"), subs);
    }

    static SkuSpec sku(CSVRecord r) {
        Map<String, Integer> minShelf = new LinkedHashMap<>();
        for (String pair : split(cell(r, "min_shelf_life_days"))) {
            String[] kv = pair.split(":", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("min_shelf_life_days must read CLASS:DAYS|CLASS:DAYS");
            }
            minShelf.put(kv[0].trim(), (int) number(kv[1].trim(), "min_shelf_life_days", true));
        }
        return new SkuSpec(cell(r, "sku"), (int) number(cell(r, "min_order_qty"), "min_order_qty", false),
                (int) number(cell(r, "pack_size"), "pack_size", false),
                nullableInt(cell(r, "remaining_shelf_life_days")), minShelf, cell(r, "packaging_code"),
                split(cell(r, "substitutes")));
    }

    private static List<String> split(String cell) {
        return cell == null
                ? List.of()
                : Arrays.stream(cell.split("\\|")).map(String::trim)
                        .filter(s -> !s.isEmpty()).toList();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isTextual() && !v.asText().isBlank() ? v.asText().trim() : null;
    }

    private static String json(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.isIntegralNumber() ? v.asText() : "not an integer";
    }

    private static String cell(CSVRecord r, String column) {
        if (!r.isMapped(column)) {
            throw new IllegalArgumentException("column " + column + " is missing from the header");
        }
        String v = r.isSet(column) ? r.get(column) : null;
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** An integer; absent means 1 for optional counts ({@code required} false) and is refused otherwise. */
    private static long number(String v, String field, boolean required) {
        if (v == null) {
            if (required) {
                throw new IllegalArgumentException(field + " is required");
            }
            return 1;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be an integer");
        }
    }

    private static Integer nullableInt(String v) {
        return v == null ? null : (int) number(v, "remainingShelfLifeDays", true);
    }
}
