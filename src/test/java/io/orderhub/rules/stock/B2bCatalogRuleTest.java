package io.orderhub.rules.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.rules.RuleContext;

class B2bCatalogRuleTest {

    // the confirmed form orders TEA-OOL-250 x24 and MUG-350-WHT x12 for customer store C-3301
    static final SkuSpec TEA = new SkuSpec("TEA-OOL-250", 12, 6, 200, Map.of("KA", 240), "GIFT-WRAP",
            List.of("TEA-OOL-500", "TEA-GRN-250"));
    static final SkuSpec MUG = new SkuSpec("MUG-350-WHT", 6, 6, null, Map.of(), null, List.of());

    final MemoryStockLedger ledger = new MemoryStockLedger().warehouse("HZ", "浙江省", true)
            .stock("HZ", "TEA-OOL-250", 100).stock("HZ", "MUG-350-WHT", 100);
    Map<String, SkuSpec> library = Map.of(TEA.sku(), TEA, MUG.sku(), MUG);
    final B2bCatalogRule rule = new B2bCatalogRule(
            skus -> skus.stream().filter(library::containsKey).collect(Collectors.toMap(s -> s, library::get)),
            ledger);
    B2bCatalogParams params = new B2bCatalogParams("STANDARD", Map.of("C-3301", "CONVENIENCE"),
            Map.of("CONVENIENCE", 60, "STANDARD", 30), true);

    ObjectNode form() {
        return Orders.golden("b2b_form", "confirmed-multi-line");
    }

    RuleContext run(ObjectNode order) {
        RuleContext ctx = Orders.ctx("b-1", order, Map.of(B2bCatalogRule.ID, params));
        rule.apply(ctx);
        return ctx;
    }

    @Test
    void offWithoutItsFile() {
        RuleContext ctx = Orders.ctx("b-1", form(), Map.of());
        rule.apply(ctx);

        assertThat(ctx.decisions()).singleElement().satisfies(d -> assertThat(d.result()).isEqualTo("off"));
    }

    @Test
    void otherChannelsAreNotChecked() {
        RuleContext ctx = run(Orders.golden("taobao", "multi-order-refund-requested-table"));

        assertThat(ctx.held()).isFalse();
        assertThat(ctx.decisions()).singleElement().satisfies(d -> assertThat(d.result()).startsWith("not fired"));
    }

    @Test
    void aFormWithinTheLibrarysTermsPassesAndCarriesItsPackagingCodes() {
        RuleContext ctx = run(form());

        assertThat(ctx.held()).isFalse();
        assertThat(ctx.facts()).doesNotContainKeys("b2bViolations", "substitutes");
        assertThat(ctx.<List<Map<String, Object>>>fact("b2bPackaging"))
                .containsExactly(Map.of("sku", "TEA-OOL-250", "packagingCode", "GIFT-WRAP"));
        assertThat(ctx.decisions()).singleElement().satisfies(d -> {
            assertThat(d.result()).startsWith("not fired");
            assertThat(d.inputs()).containsEntry("customerClass", "CONVENIENCE");
        });
    }

    @Test
    void everyViolationIsListedForTheSubmitterAndTheOrderWaitsOutsideTheReviewPool() {
        ObjectNode order = Orders.line(Orders.line(form(), 0, "TEA-OOL-250", 10), 1, "MUG-350-WHT", 8);
        params = new B2bCatalogParams("STANDARD", Map.of("C-3301", "KA"), Map.of(), true);

        RuleContext ctx = run(order);

        assertThat(ctx.holds()).singleElement().satisfies(h -> {
            assertThat(h.code()).isEqualTo("B2B_VIOLATION");
            assertThat(h.review()).isFalse();
            assertThat(h.reason()).contains("TEA-OOL-250 min_order_qty", "MUG-350-WHT pack_size_multiple");
        });
        assertThat(ctx.<List<Map<String, Object>>>fact("b2bViolations")).containsExactly(
                Map.of("sku", "TEA-OOL-250", "rule", "min_order_qty", "expected", 12, "actual", 10L),
                Map.of("sku", "TEA-OOL-250", "rule", "pack_size_multiple", "expected", 6, "actual", 10L),
                // KA wants 240 days, the tea on hand has 200 left
                Map.of("sku", "TEA-OOL-250", "rule", "min_shelf_life_days", "expected", 240, "actual", 200),
                Map.of("sku", "MUG-350-WHT", "rule", "pack_size_multiple", "expected", 6, "actual", 8L));
        assertThat(ctx.decisions()).singleElement().satisfies(d -> assertThat(d.result()).startsWith("fired:"));
    }

    @Test
    void theClassMinimumFromTheParametersAppliesWhenTheSkuNamesNone() {
        params = new B2bCatalogParams("STANDARD", Map.of(), Map.of("STANDARD", 30, "PREMIUM", 250), true);
        ObjectNode order = form();

        RuleContext standard = run(order);
        RuleContext ctx = Orders.ctx("b-1", order, Map.of(B2bCatalogRule.ID, params));
        ctx.fact("customerClass", "PREMIUM");
        rule.apply(ctx);

        assertThat(standard.held()).isFalse();
        assertThat(ctx.<List<Map<String, Object>>>fact("b2bViolations")).containsExactly(
                Map.of("sku", "TEA-OOL-250", "rule", "min_shelf_life_days", "expected", 250, "actual", 200));
    }

    @Test
    void anUnlistedSkuIsAViolationUnlessTheLibraryIsOptional() {
        library = Map.of(TEA.sku(), TEA);

        RuleContext strict = run(form());
        params = new B2bCatalogParams("STANDARD", Map.of(), Map.of(), false);
        RuleContext lenient = run(form());

        assertThat(strict.<List<Map<String, Object>>>fact("b2bViolations")).singleElement()
                .satisfies(v -> assertThat(v).containsEntry("sku", "MUG-350-WHT").containsEntry("rule", "listed"));
        assertThat(lenient.held()).isFalse();
    }

    @Test
    void anOutOfStockSkuGetsTheSubstitutesThatHaveEnough() {
        ledger.stock("HZ", "TEA-OOL-250", 5).stock("HZ", "TEA-OOL-500", 30).stock("HZ", "TEA-GRN-250", 10);

        RuleContext ctx = run(form());

        assertThat(ctx.<List<Map<String, Object>>>fact("substitutes")).containsExactly(Map.of("sku", "TEA-OOL-250",
                "quantity", 24L, "available", 5L, "substitutes",
                List.of(Map.of("sku", "TEA-OOL-500", "available", 30L))));
        assertThat(ctx.held()).isFalse();
    }

    @Test
    void aSecondEvaluationDecidesTheSame() {
        ObjectNode order = Orders.line(form(), 0, "TEA-OOL-250", 10);

        RuleContext first = run(order);
        RuleContext second = run(order);

        assertThat(second.holds()).isEqualTo(first.holds());
        assertThat(second.facts()).isEqualTo(first.facts());
    }

    @Test
    void refusesNegativeShelfLifeAndABlankDefaultClass() {
        assertThatThrownBy(() -> rule.validate(new B2bCatalogParams(" ", null, null, null)))
                .hasMessageStartingWith("defaultClass");
        assertThatThrownBy(() -> rule.validate(new B2bCatalogParams(null, null, Map.of("KA", -1), null)))
                .hasMessageStartingWith("minShelfLifeDays.KA");
    }
}
