package io.orderhub.rules.stock;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.orderhub.rules.RuleContext;
import io.orderhub.rules.stock.AllocationPlanner.Demand;

/** The lines an order allocates, and whether a reservation already matches them. */
final class AllocationLines {

    private AllocationLines() {
    }

    /** The lines to allocate: the kit-split rule's {@code lines} fact, else the order's own lines. */
    static List<Demand> of(RuleContext ctx) {
        List<Map<String, Object>> lines = ctx.fact("lines");
        List<Demand> demand = new ArrayList<>();
        if (lines != null) {
            for (Map<String, Object> l : lines) {
                demand.add(new Demand((String) l.get("lineId"), (String) l.get("sourceLineId"), (String) l.get("sku"),
                        ((Number) l.get("quantity")).longValue()));
            }
            return demand;
        }
        for (JsonNode l : ctx.order().path("lines")) {
            String id = l.path("lineId").asText();
            demand.add(new Demand(id, id, l.path("sku").isTextual() ? l.path("sku").asText() : null,
                    l.path("quantity").asLong()));
        }
        return demand;
    }

    /** Whether an existing reservation covers exactly these lines (same line ids, SKUs and quantities). */
    static boolean same(List<StockLedger.Reserved> existing, List<Demand> demand) {
        Map<String, String> had = new TreeMap<>();
        Map<String, Long> hadQ = new TreeMap<>();
        existing.forEach(r -> {
            had.put(r.lineId(), r.sku());
            hadQ.merge(r.lineId(), r.quantity(), Long::sum);
        });
        Map<String, String> want = new TreeMap<>();
        Map<String, Long> wantQ = new TreeMap<>();
        demand.forEach(d -> {
            want.put(d.lineId(), d.sku());
            wantQ.merge(d.lineId(), d.quantity(), Long::sum);
        });
        return Objects.equals(had, want) && Objects.equals(hadQ, wantQ);
    }
}
