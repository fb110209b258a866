package io.orderhub.rules.stock;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import com.fasterxml.jackson.databind.JsonNode;

import io.orderhub.rules.Rule;
import io.orderhub.rules.RuleContext;
import io.orderhub.rules.stock.AllocationPlanner.Demand;

/**
 * Inventory pre-allocation (库存预占): reserves the order's lines (the kit-split {@code lines} fact when present) in the
 * nearest warehouses the channel may use, all or nothing, once per order however often it is evaluated. Produces the
 * fact {@code shipments} (tag SPLIT when more than one) or holds OUT_OF_STOCK with the SKUs that are short.
 */
@ApplicationScoped
@Named("inventoryRule")
public class InventoryRule implements Rule<InventoryParams> {

    public static final String ID = "inventory";

    /** What the order's transaction came to. */
    record Outcome(String kind, List<StockLedger.Reserved> rows, List<String> shortSkus, String closedBy) {
    }

    private final StockLedger ledger;

    public InventoryRule(StockLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Class<InventoryParams> paramsType() {
        return InventoryParams.class;
    }

    @Override
    public void validate(InventoryParams p) {
        p.holdTimeoutDuration();
        p.provinceDistance().forEach((from, ranks) -> {
            if (ranks == null || ranks.values().stream().anyMatch(r -> r == null || r < 0)) {
                throw new IllegalArgumentException("provinceDistance." + from + ": ranks must be integers >= 0");
            }
        });
    }

    /** Called by routes/rules.yaml for every order (the Rule SPI does not declare apply). */
    public void apply(RuleContext ctx) {
        InventoryParams p = ctx.params(this);
        if (p == null) {
            ctx.decide(this, Map.of(), "off");
            return;
        }
        String status = ctx.order().path("status").asText();
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("status", status);
        if ("CANCELLED".equals(status) || Boolean.FALSE.equals(ctx.fact("reserveStock"))) {
            String cause = "CANCELLED".equals(status) ? "CANCELLED" : "NOT_RESERVING";
            int released = ledger.withOrder(ctx.hubOrderId(), tx -> tx.release(cause, ctx.now())).size();
            inputs.put("releasedRows", released);
            ctx.decide(this, inputs, "not fired: " + ("CANCELLED".equals(cause)
                    ? "order cancelled"
                    : "reserveStock=false") + (released > 0 ? ", released its reservation" : ""));
            return;
        }
        if (!p.statuses().contains(status)) {
            ctx.decide(this, inputs, "not fired: status " + status + " does not reserve");
            return;
        }
        List<Demand> demand = AllocationLines.of(ctx);
        List<String> noSku = demand.stream().filter(d -> d.sku() == null).map(Demand::lineId).toList();
        inputs.put("lines", demand.size());
        inputs.put("units", demand.stream().mapToLong(Demand::quantity).sum());
        if (!noSku.isEmpty()) {
            inputs.put("linesWithoutSku", noSku);
            ctx.hold(this, "NO_SKU", "line(s) " + noSku + " carry no merchant SKU: stock cannot be reserved", true);
            ctx.decide(this, inputs, "fired: NO_SKU");
            return;
        }
        List<String> ranked = candidates(ctx, p, inputs);
        Instant expires = ctx.held() ? ctx.now().plus(p.holdTimeoutDuration()) : null;
        inputs.put("heldBefore", ctx.held());
        Outcome o = ledger.withOrder(ctx.hubOrderId(), tx -> reserve(tx, demand, ranked, expires, ctx.now()));
        effects(ctx, o, ranked, inputs);
    }

    static Outcome reserve(StockLedger.OrderStock tx, List<Demand> demand, List<String> ranked, Instant expires,
            Instant now) {
        String closed = tx.closedBy().orElse(null);
        if (closed != null) {
            return new Outcome("CLOSED", List.of(), List.of(), closed);
        }
        List<StockLedger.Reserved> existing = tx.reservation();
        if (!existing.isEmpty() && AllocationLines.same(existing, demand)
                && existing.stream().allMatch(r -> ranked.contains(r.warehouse()))) {
            tx.keep(expires);
            return new Outcome("KEPT", existing, List.of(), null);
        }
        Map<String, Map<String, Long>> available = tx.lockAvailable(demand.stream().map(Demand::sku).toList());
        AllocationPlanner.Plan plan = AllocationPlanner.plan(demand, ranked, available);
        if (!plan.feasible()) {
            tx.release("OUT_OF_STOCK", now);
            return new Outcome("SHORT", List.of(), plan.shortSkus(), null);
        }
        tx.replace(plan.rows(), expires, now);
        return new Outcome("RESERVED", plan.rows(), List.of(), null);
    }

    private void effects(RuleContext ctx, Outcome o, List<String> ranked, Map<String, Object> inputs) {
        switch (o.kind()) {
            case "CLOSED" -> ctx.decide(this, inputs, "not fired: order released as " + o.closedBy());
            case "SHORT" -> {
                inputs.put("shortSkus", o.shortSkus());
                ctx.hold(this, "OUT_OF_STOCK", "not enough stock for " + String.join(", ", o.shortSkus())
                        + " in the warehouses this channel may use; nothing reserved", true);
                ctx.decide(this, inputs, "fired: OUT_OF_STOCK " + o.shortSkus());
            }
            default -> {
                List<Map<String, Object>> shipments = AllocationPlanner.shipments(o.rows(), ranked);
                ctx.fact("shipments", shipments);
                if (shipments.size() > 1) {
                    ctx.tag("SPLIT");
                }
                inputs.put("warehouses", shipments.stream().map(s -> s.get("warehouse")).toList());
                ctx.decide(this, inputs, "fired: " + ("KEPT".equals(o.kind()) ? "kept" : "reserved") + " in "
                        + shipments.size() + " shipment(s)");
            }
        }
    }

    /** Warehouses this order may reserve from, nearest first (unknown distance last, then by code). */
    private List<String> candidates(RuleContext ctx, InventoryParams p, Map<String, Object> inputs) {
        boolean any = p.anyWarehouseChannels().contains(ctx.channel());
        JsonNode province = ctx.order().path("receiver").path("province");
        Map<String, Integer> ranks = Provinces.ranksFrom(p.provinceDistance(),
                province.isTextual() ? province.asText() : null);
        List<String> ranked = ledger.warehouses().stream().filter(w -> any || w.shipsWithin24h())
                .sorted(Comparator.<StockLedger.Warehouse>comparingInt(
                        w -> ranks.getOrDefault(Provinces.normalize(w.province()), Integer.MAX_VALUE))
                        .thenComparing(StockLedger.Warehouse::code))
                .map(StockLedger.Warehouse::code).toList();
        inputs.put("tier", any ? "any-warehouse" : "ships-within-24h");
        inputs.put("receiverProvince", province.isTextual() ? province.asText() : null);
        inputs.put("candidates", ranked);
        return ranked;
    }
}
