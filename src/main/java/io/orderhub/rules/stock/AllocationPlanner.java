package io.orderhub.rules.stock;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides which warehouse ships which line: the whole order from the first warehouse (in rank order) that has all of
 * it; otherwise line by line, preferring warehouses already shipping part of the order, splitting a line across
 * warehouses only when no single one has it all. Pure: the caller supplies availability under its locks.
 */
public final class AllocationPlanner {

    /** A line to allocate: an order line or a kit component, with the order line it came from. */
    public record Demand(String lineId, String sourceLineId, String sku, long quantity) {
    }

    /** The outcome: reserved rows, or the SKUs that not enough stock exists for among the candidates. */
    public record Plan(List<StockLedger.Reserved> rows, List<String> shortSkus) {

        public boolean feasible() {
            return shortSkus.isEmpty();
        }
    }

    private AllocationPlanner() {
    }

    /**
     * @param ranked candidate warehouses, best first
     * @param available warehouse → sku → available units (negative or absent: none)
     */
    public static Plan plan(List<Demand> lines, List<String> ranked, Map<String, Map<String, Long>> available) {
        Map<String, Long> need = new LinkedHashMap<>();
        lines.forEach(l -> need.merge(l.sku(), l.quantity(), Long::sum));
        Map<String, Map<String, Long>> left = new HashMap<>();
        ranked.forEach(w -> left.put(w, new HashMap<>(available.getOrDefault(w, Map.of()))));
        Set<String> shortSkus = new TreeSet<>();
        need.forEach((sku, q) -> {
            if (ranked.stream().mapToLong(w -> units(left, w, sku)).sum() < q) {
                shortSkus.add(sku);
            }
        });
        if (!shortSkus.isEmpty()) {
            return new Plan(List.of(), List.copyOf(shortSkus));
        }
        for (String w : ranked) {
            if (need.entrySet().stream().allMatch(e -> units(left, w, e.getKey()) >= e.getValue())) {
                return new Plan(lines.stream().map(l -> row(l, w, l.quantity())).toList(), List.of());
            }
        }
        List<StockLedger.Reserved> rows = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        for (Demand l : lines) {
            List<String> order = new ArrayList<>(ranked.stream().filter(used::contains).toList());
            ranked.stream().filter(w -> !used.contains(w)).forEach(order::add);
            String whole = order.stream().filter(w -> units(left, w, l.sku()) >= l.quantity()).findFirst()
                    .orElse(null);
            long rest = l.quantity();
            for (String w : whole != null ? List.of(whole) : order) {
                long q = Math.min(rest, units(left, w, l.sku()));
                if (q > 0) {
                    rows.add(row(l, w, q));
                    left.get(w).merge(l.sku(), -q, Long::sum);
                    used.add(w);
                    rest -= q;
                }
                if (rest == 0) {
                    break;
                }
            }
        }
        return new Plan(rows, List.of());
    }

    private static long units(Map<String, Map<String, Long>> left, String warehouse, String sku) {
        return Math.max(0, left.get(warehouse).getOrDefault(sku, 0L));
    }

    private static StockLedger.Reserved row(Demand l, String warehouse, long q) {
        return new StockLedger.Reserved(l.lineId(), l.sourceLineId(), warehouse, l.sku(), q);
    }

    /**
     * The shipments fact: one entry per warehouse in rank order, each with its lines.
     */
    public static List<Map<String, Object>> shipments(List<StockLedger.Reserved> rows, List<String> ranked) {
        Map<String, List<Map<String, Object>>> byWarehouse = new LinkedHashMap<>();
        List<String> order = new ArrayList<>(ranked);
        rows.stream().map(StockLedger.Reserved::warehouse).filter(w -> !order.contains(w)).forEach(order::add);
        order.forEach(w -> rows.stream().filter(r -> r.warehouse().equals(w)).forEach(r -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("lineId", r.lineId());
            line.put("sourceLineId", r.sourceLineId());
            line.put("sku", r.sku());
            line.put("quantity", r.quantity());
            byWarehouse.computeIfAbsent(w, k -> new ArrayList<>()).add(line);
        }));
        List<Map<String, Object>> shipments = new ArrayList<>();
        byWarehouse.forEach((w, lines) -> {
            Map<String, Object> shipment = new LinkedHashMap<>();
            shipment.put("warehouse", w);
            shipment.put("lines", lines);
            shipments.add(shipment);
        });
        return shipments;
    }
}
