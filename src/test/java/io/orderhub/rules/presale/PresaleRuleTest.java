package io.orderhub.rules.presale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.rules.RuleContext;

/** The presale rule alone, on golden canonical orders, with the real aggregation strategy in memory. */
class PresaleRuleTest {

    static final PresaleParams DEFAULTS = new PresaleParams(null, null);
    static final Map<String, Object> ON = Map.of(PresaleRule.ID, DEFAULTS);

    final MemoryLedger ledger = new MemoryLedger();
    final PresaleRule rule = new PresaleRule(ledger);

    RuleContext run(String hubOrderId, ObjectNode order, Instant now) {
        return run(hubOrderId, order, ON, now);
    }

    RuleContext run(String hubOrderId, ObjectNode order, Map<String, Object> params, Instant now) {
        RuleContext ctx = GoldenOrders.context(hubOrderId, order, params, now);
        rule.apply(ctx);
        return ctx;
    }

    static Instant paidAt(ObjectNode order) {
        return Instant.parse(order.get("paidAt").asText());
    }

    static ObjectNode twoOrderPart(String platformOrderId, String phase, String groupKey) {
        ObjectNode o = GoldenOrders.load("tmall/step-presale-deposit-paid-table");
        o.put("platformOrderId", platformOrderId);
        o.put("status", "PAID");
        ObjectNode presale = (ObjectNode) o.get("presale");
        presale.put("phase", phase);
        presale.put("groupKey", groupKey);
        if ("BALANCE".equals(phase)) {
            o.put("parentPlatformOrderId", groupKey);
            presale.put("balanceFen", 54900);
        }
        return o;
    }

    @Test
    void offWithoutItsFile() {
        RuleContext ctx = run("h1", GoldenOrders.load("douyin/orderdetail-presale-deposit-gift-docsample"), Map.of(),
                Instant.now());
        assertThat(ctx.decisions()).singleElement().satisfies(d -> {
            assertThat(d.result()).isEqualTo("off");
            assertThat(d.ruleVersion()).isEqualTo("presale@off");
        });
        assertThat(ctx.holds()).isEmpty();
        assertThat(ledger.submits).isZero();
    }

    @Test
    void orderWithoutPresaleIsNotTouched() {
        RuleContext ctx = run("h1", GoldenOrders.load("wechat_channels/order-get-paid-single-product"), Instant.now());
        assertThat(ctx.decisions()).singleElement()
                .satisfies(d -> assertThat(d.result()).isEqualTo("not fired: no presale block"));
        assertThat(ctx.tags()).isEmpty();
        assertThat(ctx.state()).isEqualTo(RuleContext.READY);
    }

    @Test
    void singleOrderDepositWaitsThenTheSameOrderWithBalancePaidIsReady() {
        ObjectNode deposit = GoldenOrders.load("douyin/orderdetail-presale-deposit-gift-docsample");
        Instant paid = paidAt(deposit);
        RuleContext first = run("hub-dy", deposit, paid.plus(Duration.ofHours(1)));
        assertThat(first.holds()).singleElement().satisfies(h -> {
            assertThat(h.code()).isEqualTo("AWAITING_BALANCE");
            assertThat(h.review()).isFalse();
        });
        Map<String, Object> group = first.fact("presaleGroup");
        assertThat(group).containsEntry("groupKey", "4781320682406083640").containsEntry("role", "DEPOSIT")
                .containsEntry("deadline", paid.plus(Duration.ofHours(360)).toString());
        assertThat(first.decisions().get(0).inputs()).containsEntry("amountFen", 100L);

        ObjectNode balancePaid = deposit.deepCopy();
        balancePaid.put("status", "PAID");
        ((ObjectNode) balancePaid.get("presale")).put("phase", "BALANCE");
        RuleContext second = run("hub-dy", balancePaid, paid.plus(Duration.ofDays(3)));
        assertThat(second.state()).isEqualTo(RuleContext.READY);
        assertThat(second.tags()).containsExactly("PRESALE");
        assertThat(second.facts()).doesNotContainKey("masterOrder");
        assertThat(ledger.masters.get("douyin:77977:4781320682406083640").singleOrder()).isTrue();
        assertThat(ledger.open).isEmpty();
    }

    @Test
    void stepTradeWithDepositPaidAndBalanceDueIsHeld() {
        ObjectNode tmall = GoldenOrders.load("tmall/step-presale-deposit-paid-table");
        RuleContext ctx = run("hub-tm", tmall, paidAt(tmall).plus(Duration.ofHours(2)));
        assertThat(ctx.holds()).extracting(RuleContext.Hold::code).containsExactly("AWAITING_BALANCE");
        assertThat(ledger.open).containsOnlyKeys("tmall:示例家电旗舰店:2998877665544332211");
    }

    @Test
    void stepTradesWithBalancePaidAreReady() {
        for (String golden : new String[]{"taobao/presale-step-finished-plain",
                "pdd/deposit-presale-gift-refunding-table",
                "xiaohongshu/presale-balance-paid-multiline-gift"}) {
            ObjectNode order = GoldenOrders.load(golden);
            RuleContext ctx = run("hub-" + golden, order, paidAt(order).plus(Duration.ofDays(1)));
            assertThat(ctx.state()).as(golden).isEqualTo(RuleContext.READY);
            assertThat(ctx.tags()).as(golden).contains("PRESALE");
            assertThat(ctx.decisions().get(0).result()).as(golden)
                    .isEqualTo("fired: deposit and balance paid in this order, ready");
        }
        assertThat(ledger.masters).hasSize(3);
    }

    @Test
    void fullPaymentPresaleIsReadyWithoutAggregation() {
        ObjectNode order = GoldenOrders.load("douyin/orderdetail-presale-deposit-gift-docsample");
        order.put("status", "PAID");
        order.set("presale", order.objectNode().put("phase", "FULL").put("groupKey", "4781320682406083640"));
        RuleContext ctx = run("hub-full", order, Instant.now());
        assertThat(ctx.state()).isEqualTo(RuleContext.READY);
        assertThat(ctx.tags()).containsExactly("PRESALE");
        assertThat(ledger.submits).isZero();
    }

    @Test
    void unpaidDepositIsNotAggregated() {
        ObjectNode order = GoldenOrders.load("douyin/orderdetail-presale-deposit-gift-docsample");
        order.remove("paidAt");
        RuleContext ctx = run("hub-unpaid", order, Instant.now());
        assertThat(ctx.decisions().get(0).result()).isEqualTo("not fired: deposit not paid");
        assertThat(ctx.holds()).isEmpty();
        assertThat(ledger.submits).isZero();
    }

    @Test
    void depositAndBalanceOrdersBecomeOneMasterOrder() {
        ObjectNode deposit = twoOrderPart("D-1", "DEPOSIT", "D-1");
        ObjectNode balance = twoOrderPart("B-1", "BALANCE", "D-1");
        Instant now = paidAt(deposit).plus(Duration.ofDays(2));
        assertThat(run("hub-d", deposit, now).holds()).extracting(RuleContext.Hold::code)
                .containsExactly("AWAITING_BALANCE");

        RuleContext b = run("hub-b", balance, now);
        assertThat(b.state()).isEqualTo(RuleContext.READY);
        assertThat(b.tags()).contains("PRESALE", "PRESALE_MERGED");
        Map<String, Object> master = b.fact("masterOrder");
        assertThat(master).containsEntry("groupKey", "D-1").containsEntry("depositHubOrderId", "hub-d")
                .containsEntry("balanceHubOrderId", "hub-b").containsEntry("depositPlatformOrderId", "D-1")
                .containsEntry("balancePlatformOrderId", "B-1");

        RuleContext d = run("hub-d", deposit, now);
        assertThat(d.holds()).singleElement().satisfies(h -> {
            assertThat(h.code()).isEqualTo("MERGED_INTO_MASTER");
            assertThat(h.review()).isFalse();
        });
        assertThat(d.tags()).contains("PRESALE_MERGED");
        assertThat((Map<String, Object>) d.fact("masterOrder")).isEqualTo(master);
    }

    @Test
    void reEvaluationDoesNotAggregateAgain() {
        ObjectNode deposit = twoOrderPart("D-2", "DEPOSIT", "D-2");
        Instant now = paidAt(deposit).plus(Duration.ofDays(1));
        RuleContext first = run("hub-d2", deposit, now);
        RuleContext again = run("hub-d2", deposit, now);
        assertThat(again.holds()).isEqualTo(first.holds());
        assertThat(ledger.open.get("tmall:示例家电旗舰店:D-2")).extracting(g -> ((Map<?, ?>) g.get("parts")).keySet())
                .isEqualTo(java.util.Set.of("DEPOSIT"));

        run("hub-b2", twoOrderPart("B-2", "BALANCE", "D-2"), now);
        int submits = ledger.submits;
        RuleContext balanceAgain = run("hub-b2", twoOrderPart("B-2", "BALANCE", "D-2"), now);
        assertThat(ledger.submits).isEqualTo(submits);
        assertThat(balanceAgain.state()).isEqualTo(RuleContext.READY);
        assertThat(ledger.open).isEmpty();
    }

    @Test
    void balanceBeforeDepositWaitsForTheDeposit() {
        Instant now = Instant.parse("2024-10-22T00:00:00Z");
        RuleContext b = run("hub-b3", twoOrderPart("B-3", "BALANCE", "D-3"), now);
        assertThat(b.holds()).extracting(RuleContext.Hold::code).containsExactly("AWAITING_DEPOSIT");
        RuleContext d = run("hub-d3", twoOrderPart("D-3", "DEPOSIT", "D-3"), now);
        assertThat(d.holds()).extracting(RuleContext.Hold::code).containsExactly("MERGED_INTO_MASTER");
        assertThat((Map<String, Object>) d.fact("masterOrder")).containsEntry("balanceHubOrderId", "hub-b3");
    }

    @Test
    void depositPastItsDeadlineIsFlaggedOnceAndGoesToReview() {
        ObjectNode deposit = twoOrderPart("D-4", "DEPOSIT", "D-4");
        Instant late = paidAt(deposit).plus(Duration.ofHours(361));
        RuleContext ctx = run("hub-d4", deposit, late);
        assertThat(ctx.tags()).contains("PRESALE", "PRESALE_BALANCE_MISSING");
        assertThat(ctx.holds()).singleElement().satisfies(h -> {
            assertThat(h.code()).isEqualTo("BALANCE_MISSING");
            assertThat(h.review()).isTrue();
        });
        run("hub-d4", deposit, late.plusSeconds(60));
        assertThat(ledger.alerts).isEqualTo(1);

        RuleContext inTime = run("hub-d5", twoOrderPart("D-5", "DEPOSIT", "D-5"), late.minus(Duration.ofHours(2)));
        assertThat(inTime.tags()).doesNotContain("PRESALE_BALANCE_MISSING");
    }

    @Test
    void campaignDeadlineWinsOverTheWindow() {
        ObjectNode deposit = twoOrderPart("D-6", "DEPOSIT", "D-6");
        Instant campaign = paidAt(deposit).plus(Duration.ofHours(5));
        RuleContext ctx = run("hub-d6", deposit, Map.of(PresaleRule.ID, new PresaleParams(360, campaign.toString())),
                campaign.plusSeconds(1));
        assertThat(ctx.holds()).extracting(RuleContext.Hold::code).containsExactly("BALANCE_MISSING");
        assertThat(ctx.decisions().get(0).inputs()).containsEntry("deadline", campaign.toString());
    }

    @Test
    void unusableParametersAreRefusedNamingTheField() {
        assertThatThrownBy(() -> rule.validate(new PresaleParams(0, null))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("balanceWindowHours");
        assertThatThrownBy(() -> rule.validate(new PresaleParams(24, "next friday")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("balanceDeadline");
    }

    @Test
    void decisionsCarryNoPersonalData() {
        ObjectNode order = GoldenOrders.load("douyin/orderdetail-presale-deposit-gift-docsample");
        RuleContext ctx = run("hub-pii", order, paidAt(order));
        String recorded = ctx.decisions().toString() + ctx.facts() + ctx.holds();
        assertThat(recorded).doesNotContain("张三", "12345678911", "丹棱街");
    }
}
