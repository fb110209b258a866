package io.orderhub.rules.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.rules.Rule;
import io.orderhub.rules.RuleContext;
import io.orderhub.rules.stock.KitSplitParams.Component;

class InventoryRuleTest {

    // taobao (江苏省, PAID): MUG-350-WHT x2, TEA-OOL-250 x1
    static final String TAOBAO_MUG_LINE = "3812456790123456790";

    final MemoryStockLedger ledger = new MemoryStockLedger().warehouse("SH-24H", "上海", true)
            .warehouse("GZ-24H", "广东省", true).warehouse("HZ-SLOW", "浙江省", false);
    final InventoryRule rule = new InventoryRule(ledger);
    final StockReleases releases = new StockReleases(ledger);
    InventoryParams params = new InventoryParams(List.of("PAID"), "24h", List.of("b2b_form"),
            Map.of("江苏省", Map.of("上海市", 1, "浙江省", 1, "广东省", 5), "浙江", Map.of("浙江省", 0, "上海市", 1)));

    ObjectNode taobao() {
        return Orders.golden("taobao", "multi-order-refund-requested-table");
    }

    RuleContext run(String id, ObjectNode order, Rule<?>... before) {
        Map<String, Object> all = Map.of(InventoryRule.ID, params, KitSplitRule.ID,
                new KitSplitParams(Map.of("GIFTBOX", List.of(new Component("TEA-OOL-250", 2)))));
        RuleContext ctx = Orders.ctx(id, order, all);
        for (Rule<?> r : before) {
            ((KitSplitRule) r).apply(ctx);
        }
        rule.apply(ctx);
        return ctx;
    }

    @Test
    void offWithoutItsFileAndReservesNothing() {
        ledger.stock("SH-24H", "MUG-350-WHT", 10).stock("SH-24H", "TEA-OOL-250", 10);
        RuleContext ctx = Orders.ctx("o-1", taobao(), Map.of());
        rule.apply(ctx);

        assertThat(ctx.decisions()).singleElement().satisfies(d -> assertThat(d.result()).isEqualTo("off"));
        assertThat(ledger.reserved("SH-24H", "MUG-350-WHT")).isZero();
    }

    @Test
    void aConsumerOrderReservesInTheNearestWarehouseThatShipsWithin24h() {
        ledger.stock("SH-24H", "MUG-350-WHT", 10).stock("SH-24H", "TEA-OOL-250", 10)
                .stock("GZ-24H", "MUG-350-WHT", 10).stock("GZ-24H", "TEA-OOL-250", 10)
                .stock("HZ-SLOW", "MUG-350-WHT", 10).stock("HZ-SLOW", "TEA-OOL-250", 10);

        RuleContext ctx = run("o-1", taobao());

        assertThat(ctx.held()).isFalse();
        assertThat(ctx.tags()).doesNotContain("SPLIT");
        assertThat(ctx.<List<Map<String, Object>>>fact("shipments")).singleElement()
                .satisfies(s -> assertThat(s).containsEntry("warehouse", "SH-24H"));
        assertThat(ledger.reserved("SH-24H", "MUG-350-WHT")).isEqualTo(2);
        assertThat(ledger.reserved("SH-24H", "TEA-OOL-250")).isEqualTo(1);
        assertThat(ctx.decisions()).singleElement().satisfies(d -> {
            assertThat(d.result()).isEqualTo("fired: reserved in 1 shipment(s)");
            assertThat(d.inputs()).containsEntry("candidates", List.of("SH-24H", "GZ-24H"))
                    .containsEntry("tier", "ships-within-24h");
        });
    }

    @Test
    void stockOnlyInASlowWarehouseIsNotVisibleToConsumerChannelsButIsToB2b() {
        ledger.stock("HZ-SLOW", "MUG-350-WHT", 100).stock("HZ-SLOW", "TEA-OOL-250", 100)
                .stock("SH-24H", "MUG-350-WHT", 100).stock("SH-24H", "TEA-OOL-250", 100);
        ObjectNode consumer = Orders.line(Orders.line(taobao(), 0, "MUG-350-WHT", 12), 1, "TEA-OOL-250", 24);
        consumer.withObject("receiver").put("province", "浙江省");

        RuleContext b2b = run("b-1", Orders.golden("b2b_form", "confirmed-multi-line"));
        RuleContext shop = run("o-1", consumer);

        // the receiver is in Zhejiang for both: b2b gets the Zhejiang warehouse, the shop order the 24h one
        assertThat(b2b.<List<Map<String, Object>>>fact("shipments")).singleElement()
                .satisfies(s -> assertThat(s).containsEntry("warehouse", "HZ-SLOW"));
        assertThat(shop.<List<Map<String, Object>>>fact("shipments")).singleElement()
                .satisfies(s -> assertThat(s).containsEntry("warehouse", "SH-24H"));
    }

    @Test
    void linesThatFitNoSingleWarehouseSplitIntoShipments() {
        ledger.stock("SH-24H", "MUG-350-WHT", 1).stock("GZ-24H", "MUG-350-WHT", 5).stock("GZ-24H", "TEA-OOL-250", 0)
                .stock("SH-24H", "TEA-OOL-250", 3);

        RuleContext ctx = run("o-1", taobao());

        assertThat(ctx.tags()).contains("SPLIT");
        List<Map<String, Object>> shipments = ctx.fact("shipments");
        assertThat(shipments).extracting(s -> s.get("warehouse")).containsExactly("SH-24H", "GZ-24H");
        assertThat(ledger.reservationOf("o-1")).extracting(StockLedger.Reserved::warehouse,
                StockLedger.Reserved::sku, StockLedger.Reserved::quantity).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("GZ-24H", "MUG-350-WHT", 2L),
                        org.assertj.core.groups.Tuple.tuple("SH-24H", "TEA-OOL-250", 1L));
    }

    @Test
    void notEnoughStockAnywhereHoldsForReviewAndReservesNothing() {
        ledger.stock("SH-24H", "MUG-350-WHT", 1).stock("GZ-24H", "MUG-350-WHT", 0).stock("SH-24H", "TEA-OOL-250", 5)
                .stock("HZ-SLOW", "MUG-350-WHT", 50);

        RuleContext ctx = run("o-1", taobao());

        assertThat(ctx.holds()).singleElement().satisfies(h -> {
            assertThat(h.code()).isEqualTo("OUT_OF_STOCK");
            assertThat(h.review()).isTrue();
            assertThat(h.reason()).contains("MUG-350-WHT").doesNotContain("TEA-OOL-250");
        });
        assertThat(ledger.reserved("SH-24H", "TEA-OOL-250")).isZero();
        assertThat(ledger.reserved("SH-24H", "MUG-350-WHT")).isZero();
        assertThat(ctx.facts()).doesNotContainKey("shipments");
    }

    @Test
    void aSecondEvaluationKeepsTheReservationInsteadOfDoublingIt() {
        ledger.stock("SH-24H", "MUG-350-WHT", 3).stock("SH-24H", "TEA-OOL-250", 3);

        RuleContext first = run("o-1", taobao());
        RuleContext second = run("o-1", taobao());

        assertThat(ledger.reserved("SH-24H", "MUG-350-WHT")).isEqualTo(2);
        assertThat(second.held()).isFalse();
        assertThat(second.facts()).isEqualTo(first.facts());
        assertThat(second.decisions().get(0).result()).isEqualTo("fired: kept in 1 shipment(s)");
    }

    @Test
    void aChangedOrderReplacesItsReservationAndAShortOneReleasesIt() {
        ledger.stock("SH-24H", "MUG-350-WHT", 3).stock("SH-24H", "TEA-OOL-250", 3);
        run("o-1", taobao());

        run("o-1", Orders.line(taobao(), 0, "MUG-350-WHT", 3));
        long afterGrow = ledger.reserved("SH-24H", "MUG-350-WHT");
        RuleContext tooMany = run("o-1", Orders.line(taobao(), 0, "MUG-350-WHT", 4));

        assertThat(afterGrow).isEqualTo(3);
        assertThat(tooMany.holds()).extracting(RuleContext.Hold::code).containsExactly("OUT_OF_STOCK");
        assertThat(ledger.reserved("SH-24H", "MUG-350-WHT")).isZero();
        assertThat(ledger.reserved("SH-24H", "TEA-OOL-250")).isZero();
    }

    @Test
    void kitComponentsAreWhatIsReserved() {
        ledger.stock("SH-24H", "MUG-350-WHT", 0).stock("SH-24H", "TEA-OOL-250", 10);

        RuleContext ctx = run("o-1", Orders.line(taobao(), 0, "GIFTBOX", 2), new KitSplitRule());

        assertThat(ctx.tags()).contains("KIT");
        assertThat(ledger.reservationOf("o-1")).extracting(StockLedger.Reserved::lineId,
                StockLedger.Reserved::sourceLineId, StockLedger.Reserved::quantity).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(TAOBAO_MUG_LINE + "/TEA-OOL-250", TAOBAO_MUG_LINE, 4L),
                        org.assertj.core.groups.Tuple.tuple("3812456790123456791", "3812456790123456791", 1L));
        assertThat(ledger.reserved("SH-24H", "TEA-OOL-250")).isEqualTo(5);
    }

    @Test
    void luckyBagAndCancelledOrdersGiveBackWhatTheyHeld() {
        ledger.stock("SH-24H", "MUG-350-WHT", 10).stock("SH-24H", "TEA-OOL-250", 10);
        run("bag", taobao());
        run("cancel", taobao());

        RuleContext bag = Orders.ctx("bag", taobao(), Map.of(InventoryRule.ID, params));
        bag.fact("reserveStock", false);
        rule.apply(bag);
        ObjectNode cancelled = taobao();
        cancelled.put("status", "CANCELLED");
        RuleContext cancel = run("cancel", cancelled);
        RuleContext again = run("cancel", taobao());

        assertThat(bag.decisions().get(0).result())
                .isEqualTo("not fired: reserveStock=false, released its reservation");
        assertThat(cancel.decisions().get(0).result())
                .isEqualTo("not fired: order cancelled, released its reservation");
        assertThat(again.decisions().get(0).result()).isEqualTo("not fired: order released as CANCELLED");
        assertThat(ledger.reserved("SH-24H", "MUG-350-WHT")).isZero();
    }

    @Test
    void statusesOutsideTheListDoNotReserve() {
        ledger.stock("SH-24H", "MUG-350-WHT", 10).stock("SH-24H", "TEA-OOL-250", 10);
        ObjectNode unpaid = taobao();
        unpaid.put("status", "PENDING_PAYMENT");

        RuleContext ctx = run("o-1", unpaid);

        assertThat(ctx.decisions().get(0).result()).isEqualTo("not fired: status PENDING_PAYMENT does not reserve");
        assertThat(ledger.reserved("SH-24H", "MUG-350-WHT")).isZero();
    }

    @Test
    void aLineWithoutSkuHoldsForReview() {
        RuleContext ctx = run("w-1", Orders.golden("wechat_channels", "order-get-paid-single-product"));

        assertThat(ctx.holds()).extracting(RuleContext.Hold::code).containsExactly("NO_SKU");
    }

    @Test
    void aHeldOrdersReservationTimesOutButAReadyOneDoesNot() {
        ledger.stock("SH-24H", "MUG-350-WHT", 10).stock("SH-24H", "TEA-OOL-250", 10);
        RuleContext held = Orders.ctx("held", taobao(), Map.of(InventoryRule.ID, params));
        held.hold(new KitSplitRule(), "SOMETHING", "an earlier rule held it", true);
        rule.apply(held);
        run("ready", taobao());

        assertThat(ledger.expiryOf("held")).isEqualTo(Orders.NOW.plus(Duration.ofHours(24)));
        assertThat(ledger.expiryOf("ready")).isNull();
        // the sweep runs on the wall clock, long after the test clock's 24 h
        assertThat(releases.releaseExpired()).containsEntry("hubOrderIds", List.of("held"));
        assertThat(ledger.reservationOf("held")).isEmpty();
        assertThat(ledger.reservationOf("ready")).isNotEmpty();
        assertThat(ledger.reserved("SH-24H", "MUG-350-WHT")).isEqualTo(2);
    }

    @Test
    void releaseAcceptsOnlyTheKnownCausesAndRejectedClosesTheOrder() {
        ledger.stock("SH-24H", "MUG-350-WHT", 10).stock("SH-24H", "TEA-OOL-250", 10);
        run("o-1", taobao());

        assertThatThrownBy(() -> releases.release("o-1", "BORED")).isInstanceOf(IllegalArgumentException.class);
        assertThat(releases.release("o-1", "REJECTED")).hasSize(2);
        RuleContext again = run("o-1", taobao());

        assertThat(again.decisions().get(0).result()).isEqualTo("not fired: order released as REJECTED");
        assertThat(ledger.reserved("SH-24H", "MUG-350-WHT")).isZero();
    }

    @Test
    void refusesAnUnusableHoldTimeout() {
        assertThatThrownBy(() -> rule.validate(new InventoryParams(null, "soon", null, null)))
                .hasMessageStartingWith("holdTimeout");
        assertThatThrownBy(() -> rule.validate(new InventoryParams(null, "0h", null, null)))
                .hasMessageStartingWith("holdTimeout");
        assertThat(new InventoryParams(null, "PT90M", null, null).holdTimeoutDuration()).hasMinutes(90);
        assertThat(new InventoryParams(null, "2d", null, null).holdTimeoutDuration()).hasHours(48);
    }
}
