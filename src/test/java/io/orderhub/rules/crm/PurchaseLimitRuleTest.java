package io.orderhub.rules.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.rules.RuleContext;

class PurchaseLimitRuleTest {

    record Row(String buyer, String sku, int qty, Instant at, boolean cancelled) {
    }

    /** The store's contract in memory: rows keyed (hub order, sku), replaced on each evaluation. */
    final Map<String, Row> rows = new HashMap<>();
    final PurchaseLimitRule rule = new PurchaseLimitRule((id, buyer, qty, at, cancelled, windows) -> {
        rows.keySet().removeIf(k -> k.startsWith(id + "/"));
        qty.forEach((sku, q) -> rows.put(id + "/" + sku, new Row(buyer, sku, q, at, cancelled)));
        List<Integer> counts = new ArrayList<>();
        for (PurchaseCountStore.Window w : windows) {
            counts.add(rows.values().stream().filter(r -> r.buyer().equals(buyer) && r.sku().equals(w.sku()))
                    .filter(r -> !r.cancelled() && r.at().isAfter(at.minus(w.period())) && !r.at().isAfter(at))
                    .mapToInt(Row::qty).sum());
        }
        return counts;
    });

    // taobao multi-order: skus and quantities as the golden file has them
    static ObjectNode order(String createdAt) {
        ObjectNode o = Orders.golden("taobao/multi-order-refund-requested-table");
        o.put("createdAt", createdAt);
        return o;
    }

    static String firstSku() {
        return order("x").path("lines").get(0).path("sku").asText();
    }

    static int firstQty() {
        return order("x").path("lines").get(0).path("quantity").asInt();
    }

    RuleContext run(String id, ObjectNode o, PurchaseLimitParams p) {
        RuleContext ctx = Orders.ctx(id, o, "purchase-limit", p);
        rule.apply(ctx);
        return ctx;
    }

    PurchaseLimitParams perBuyer(int max, int hours) {
        return new PurchaseLimitParams(List.of(new PurchaseLimitParams.BuyerLimit(firstSku(), max, hours)), List.of());
    }

    @Test
    void perBuyerLimitAcrossTwoOrdersNamesTheLimitAndIsNotDoubleCountedOnReEvaluation() {
        PurchaseLimitParams p = perBuyer(firstQty() + 1, 24);
        assertThat(run("H1", order("2025-06-18T01:00:00Z"), p).held()).isFalse();
        assertThat(run("H1", order("2025-06-18T01:00:00Z"), p).held()).as("re-evaluation").isFalse();
        RuleContext second = run("H2", order("2025-06-18T20:00:00Z"), p);
        assertThat(second.holds()).singleElement().satisfies(h -> {
            assertThat(h.code()).isEqualTo("PURCHASE_LIMIT");
            assertThat(h.review()).isTrue();
            assertThat(h.reason()).contains(firstSku()).contains("max " + (firstQty() + 1)).contains("24 h");
        });
        assertThat(second.<List<Map<String, Object>>>fact("purchaseLimitHits")).singleElement()
                .satisfies(hit -> assertThat(hit).containsEntry("sku", firstSku()).containsEntry("periodHours", 24)
                        .containsEntry("counted", 2 * firstQty()).containsEntry("max", firstQty() + 1));
        assertThat(run("H2", order("2025-06-18T20:00:00Z"), p).<List<Map<String, Object>>>fact("purchaseLimitHits"))
                .singleElement().satisfies(hit -> assertThat(hit).containsEntry("counted", 2 * firstQty()));
    }

    @Test
    void ordersOutsideThePeriodAndCancelledOrdersDoNotCount() {
        PurchaseLimitParams p = perBuyer(firstQty(), 24);
        ObjectNode cancelled = order("2025-06-18T01:00:00Z");
        cancelled.put("status", "CANCELLED");
        assertThat(run("H1", cancelled, p).decisions().get(0).result()).contains("cancelled");
        run("H0", order("2025-06-17T01:00:00Z"), p);
        assertThat(run("H2", order("2025-06-18T01:00:00Z"), p).held()).isFalse();
    }

    @Test
    void perOrderLimit() {
        PurchaseLimitParams p = new PurchaseLimitParams(List.of(),
                List.of(new PurchaseLimitParams.OrderLimit(firstSku(), firstQty() - 1 < 1 ? 1 : firstQty() - 1)));
        ObjectNode o = order("2025-06-18T01:00:00Z");
        ((ObjectNode) o.get("lines").get(0)).put("quantity", Math.max(2, firstQty()));
        RuleContext ctx = run("H1", o, p);
        assertThat(ctx.holds()).singleElement().satisfies(h -> assertThat(h.reason()).contains("per order"));
        ObjectNode withinLimit = order("2025-06-18T01:00:00Z");
        ((ObjectNode) withinLimit.get("lines").get(0)).put("quantity", 1);
        assertThat(run("H2", withinLimit, p).held()).isFalse();
    }

    @Test
    void limitsOnSkusTheOrderDoesNotHaveDoNotHoldIt() {
        PurchaseLimitParams p = new PurchaseLimitParams(
                List.of(new PurchaseLimitParams.BuyerLimit("NOT-IN-ORDER", 1, 24)),
                List.of(new PurchaseLimitParams.OrderLimit("NOT-IN-ORDER", 1)));
        assertThat(run("H1", order("2025-06-18T01:00:00Z"), p).held()).isFalse();
    }

    @Test
    void offAndValidation() {
        RuleContext ctx = run("H1", order("2025-06-18T01:00:00Z"), null);
        assertThat(ctx.decisions().get(0).result()).isEqualTo("off");
        assertThat(rows).isEmpty();
        assertThatThrownBy(() -> rule.validate(perBuyer(0, 24))).hasMessageContaining("perBuyer[0].max");
        assertThatThrownBy(() -> rule.validate(perBuyer(1, 0))).hasMessageContaining("perBuyer[0].periodHours");
        assertThatThrownBy(() -> rule.validate(new PurchaseLimitParams(null,
                List.of(new PurchaseLimitParams.OrderLimit(" ", 1))))).hasMessageContaining("perOrder[0].sku");
    }
}
