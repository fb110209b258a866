package io.orderhub.rules.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.rules.RuleContext;
import io.orderhub.rules.stock.KitSplitParams.Component;

class KitSplitRuleTest {

    final KitSplitRule rule = new KitSplitRule();
    final KitSplitParams params = new KitSplitParams(
            Map.of("GIFTBOX", List.of(new Component("TEA-OOL-250", 2), new Component("MUG-350-WHT", 1))));

    ObjectNode order() {
        // taobao: MUG-350-WHT x2, TEA-OOL-250 x1; the mug line becomes a gift box of 3
        return Orders.line(Orders.golden("taobao", "multi-order-refund-requested-table"), 0, "GIFTBOX", 3);
    }

    @Test
    void offWithoutItsFile() {
        RuleContext ctx = Orders.ctx("o-1", order(), Map.of());
        rule.apply(ctx);

        assertThat(ctx.decisions()).singleElement().satisfies(d -> assertThat(d.result()).isEqualTo("off"));
        assertThat(ctx.facts()).doesNotContainKey("lines");
    }

    @Test
    void aKitLineBecomesItsComponentsTimesTheKitsOrdered() {
        RuleContext ctx = Orders.ctx("o-1", order(), Map.of(KitSplitRule.ID, params));
        rule.apply(ctx);

        List<Map<String, Object>> lines = ctx.fact("lines");
        assertThat(lines).extracting(l -> l.get("lineId"), l -> l.get("sourceLineId"), l -> l.get("sku"),
                l -> l.get("quantity")).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("3812456790123456790/TEA-OOL-250", "3812456790123456790",
                                "TEA-OOL-250", 6L),
                        org.assertj.core.groups.Tuple.tuple("3812456790123456790/MUG-350-WHT", "3812456790123456790",
                                "MUG-350-WHT", 3L),
                        org.assertj.core.groups.Tuple.tuple("3812456790123456791", "3812456790123456791",
                                "TEA-OOL-250", 1L));
        assertThat(ctx.tags()).containsExactly("KIT");
        assertThat(ctx.decisions()).singleElement().satisfies(d -> {
            assertThat(d.result()).startsWith("fired:");
            assertThat(d.inputs()).containsEntry("kitsExpanded", List.of("GIFTBOX"));
        });
    }

    @Test
    void noKitLeavesTheOrderLinesAsTheyAreAndNoTag() {
        RuleContext ctx = Orders.ctx("o-1", Orders.golden("taobao", "multi-order-refund-requested-table"),
                Map.of(KitSplitRule.ID, params));
        rule.apply(ctx);

        List<Map<String, Object>> lines = ctx.fact("lines");
        assertThat(lines).extracting(l -> l.get("sku")).containsExactly("MUG-350-WHT", "TEA-OOL-250");
        assertThat(lines).allSatisfy(l -> assertThat(l.get("lineId")).isEqualTo(l.get("sourceLineId")));
        assertThat(ctx.tags()).isEmpty();
        assertThat(ctx.decisions()).singleElement().satisfies(d -> assertThat(d.result()).startsWith("not fired"));
    }

    @Test
    void aSecondEvaluationGivesTheSameLines() {
        RuleContext first = Orders.ctx("o-1", order(), Map.of(KitSplitRule.ID, params));
        RuleContext second = Orders.ctx("o-1", order(), Map.of(KitSplitRule.ID, params));
        rule.apply(first);
        rule.apply(second);

        assertThat(second.facts()).isEqualTo(first.facts());
        assertThat(second.tags()).isEqualTo(first.tags());
    }

    @Test
    void refusesNestedKitsAndEmptyOrZeroComponents() {
        assertThatThrownBy(() -> rule.validate(new KitSplitParams(Map.of("A", List.of(new Component("B", 1)), "B",
                List.of(new Component("C", 1)))))).hasMessageContaining("itself a kit");
        assertThatThrownBy(() -> rule.validate(new KitSplitParams(Map.of("A", List.of(new Component("B", 0))))))
                .hasMessageStartingWith("kits.A");
        assertThatThrownBy(() -> rule.validate(new KitSplitParams(Map.of("A", List.of()))))
                .hasMessageStartingWith("kits.A");
    }
}
