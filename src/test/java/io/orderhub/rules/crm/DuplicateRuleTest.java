package io.orderhub.rules.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.rules.RuleContext;

class DuplicateRuleTest {

    /** The store's contract in memory: one row per hub order, earlier = before in time (ties: smaller id). */
    record Row(String fingerprint, Instant at, boolean cancelled) {
    }

    final Map<String, Row> rows = new HashMap<>();
    final DuplicateRule rule = new DuplicateRule((id, fp, at, cancelled, window) -> {
        rows.put(id, new Row(fp, at, cancelled));
        if (cancelled) {
            return List.of();
        }
        return rows.entrySet().stream().filter(e -> !e.getKey().equals(id))
                .filter(e -> e.getValue().fingerprint().equals(fp) && !e.getValue().cancelled())
                .filter(e -> !e.getValue().at().isBefore(at.minus(window)))
                .filter(e -> e.getValue().at().isBefore(at)
                        || (e.getValue().at().equals(at) && e.getKey().compareTo(id) < 0))
                .map(Map.Entry::getKey).sorted().toList();
    });
    final DuplicateParams tenMinutes = new DuplicateParams(10);

    static ObjectNode order(String createdAt) {
        ObjectNode o = Orders.golden("tmall/multi-order-refund-requested-table");
        o.put("createdAt", createdAt);
        return o;
    }

    RuleContext run(String hubOrderId, ObjectNode order) {
        RuleContext ctx = Orders.ctx(hubOrderId, order, "duplicate-guard", tenMinutes);
        rule.apply(ctx);
        return ctx;
    }

    @Test
    void secondIdenticalOrderWithinTheWindowIsHeldForReviewAndReEvaluationDoesNotChangeThat() {
        assertThat(run("H1", order("2025-06-18T01:00:00Z")).held()).isFalse();
        RuleContext second = run("H2", order("2025-06-18T01:09:59Z"));
        assertThat(second.tags()).containsExactly("DUPLICATE_SUSPECT");
        assertThat(second.holds()).singleElement().satisfies(h -> {
            assertThat(h.code()).isEqualTo("DUPLICATE");
            assertThat(h.review()).isTrue();
            assertThat(h.reason()).contains("H1");
        });
        // re-evaluations: the first stays clean, the second still sees exactly one earlier order (not itself)
        assertThat(run("H1", order("2025-06-18T01:00:00Z")).held()).isFalse();
        RuleContext again = run("H2", order("2025-06-18T01:09:59Z"));
        assertThat(again.decisions().get(0).inputs().get("earlierOrders")).isEqualTo(List.of("H1"));
        assertThat(rows).hasSize(2);
    }

    @Test
    void outsideTheWindowIsNoDuplicate() {
        run("H1", order("2025-06-18T01:00:00Z"));
        RuleContext late = run("H2", order("2025-06-18T01:10:01Z"));
        assertThat(late.held()).isFalse();
        assertThat(late.decisions().get(0).result()).isEqualTo("not fired: no identical order in the window");
    }

    @Test
    void itemsAreAMultisetButQuantitiesAndAddressCount() {
        run("H1", order("2025-06-18T01:00:00Z"));
        ObjectNode reordered = order("2025-06-18T01:01:00Z");
        ArrayNode lines = (ArrayNode) reordered.get("lines");
        lines.insert(0, lines.remove(1));
        assertThat(run("H2", reordered).held()).as("same lines in another order").isTrue();

        ObjectNode moreUnits = order("2025-06-18T01:02:00Z");
        ((ObjectNode) moreUnits.get("lines").get(0)).put("quantity", 3);
        assertThat(run("H3", moreUnits).held()).isFalse();

        ObjectNode elsewhere = order("2025-06-18T01:03:00Z");
        ((ObjectNode) elsewhere.get("receiver")).put("district", "徐汇区");
        assertThat(run("H4", elsewhere).held()).isFalse();
    }

    @Test
    void cancelledOrdersAreNoEarlierDuplicate() {
        ObjectNode cancelled = order("2025-06-18T01:00:00Z");
        cancelled.put("status", "CANCELLED");
        assertThat(run("H1", cancelled).decisions().get(0).result()).isEqualTo("not fired: order is cancelled");
        assertThat(run("H2", order("2025-06-18T01:05:00Z")).held()).isFalse();
    }

    @Test
    void anOrderWithoutBuyerIdentityIsNotCompared() {
        ObjectNode o = Orders.golden("xiaohongshu/presale-balance-paid-multiline-gift");
        ((ObjectNode) o.get("buyer")).remove("platformBuyerId");
        RuleContext ctx = run("H1", o);
        assertThat(ctx.decisions().get(0).result()).startsWith("not fired: no buyer identity");
        assertThat(rows).isEmpty();
    }

    @Test
    void offAndValidation() {
        RuleContext ctx = Orders.ctx("H1", order("2025-06-18T01:00:00Z"), "duplicate-guard", null);
        rule.apply(ctx);
        assertThat(ctx.decisions().get(0).result()).isEqualTo("off");
        assertThat(rows).isEmpty();
        assertThatThrownBy(() -> rule.validate(new DuplicateParams(0))).hasMessageContaining("windowMinutes");
        assertThat(new DuplicateParams(null).window()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void decisionsCarryNoAddressOrBuyerInClear() {
        run("H1", order("2025-06-18T01:00:00Z"));
        RuleContext ctx = run("H2", order("2025-06-18T01:01:00Z"));
        String inputs = ctx.decisions().get(0).inputs().toString();
        ObjectNode o = order("x");
        assertThat(inputs).doesNotContain(o.path("receiver").path("address").asText())
                .doesNotContain(o.path("buyer").path("platformBuyerId").asText());
    }
}
