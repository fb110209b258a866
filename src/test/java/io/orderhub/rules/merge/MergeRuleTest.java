package io.orderhub.rules.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.rules.RuleContext;
import io.orderhub.rules.presale.GoldenOrders;

/** The cross-store merge rule alone, on golden canonical orders, over in-memory shipment groups. */
class MergeRuleTest {

    static final Map<String, Object> ON = Map.of(MergeRule.ID, new MergeParams(null, null));

    final MemoryShipmentGroups groups = new MemoryShipmentGroups();
    final MergeRule rule = new MergeRule(groups);

    /** The WeChat Channels paid golden order, as if placed in another shop, paid {@code minutes} after the golden. */
    static ObjectNode wechat(String shopId, String platformOrderId, int minutes) {
        ObjectNode o = GoldenOrders.load("wechat_channels/order-get-paid-single-product");
        o.put("shopId", shopId);
        o.put("platformOrderId", platformOrderId);
        o.put("paidAt", Instant.parse(o.get("paidAt").asText()).plus(Duration.ofMinutes(minutes)).toString());
        return o;
    }

    /** The Youzan golden order turned PAID and sent to the WeChat golden's receiver, written differently. */
    static ObjectNode youzanToSameReceiver(int minutes) {
        ObjectNode o = GoldenOrders.load("youzan/push-tradecreate-full-order");
        o.put("status", "PAID");
        o.put("paidAt", Instant.parse("2022-07-22T17:00:00Z").plus(Duration.ofMinutes(minutes)).toString());
        ObjectNode r = (ObjectNode) GoldenOrders.load("wechat_channels/order-get-paid-single-product").get("receiver");
        r.put("name", " 陈 先生 ");
        r.put("phone", "+86 2453-4252");
        o.set("receiver", r);
        return o;
    }

    RuleContext run(String hub, ObjectNode order) {
        return run(hub, order, ON);
    }

    RuleContext run(String hub, ObjectNode order, Map<String, Object> params) {
        RuleContext ctx = GoldenOrders.context(hub, order, params, Instant.parse("2022-07-22T18:00:00Z"));
        rule.apply(ctx);
        return ctx;
    }

    @Test
    void offWithoutItsFile() {
        RuleContext ctx = run("h1", wechat("a", "1", 0), Map.of());
        assertThat(ctx.decisions()).singleElement().satisfies(d -> assertThat(d.result()).isEqualTo("off"));
        assertThat(groups.groups).isEmpty();
    }

    @Test
    void ordersOfTwoChannelsToOneReceiverFormOneShipmentGroup() {
        RuleContext first = run("hub-wx", wechat("wx-shop-demo", "37423523451235145", 0));
        assertThat(first.tags()).doesNotContain("MERGED");
        assertThat(first.decisions().get(0).result()).startsWith("not fired: first order");

        RuleContext second = run("hub-yz", youzanToSameReceiver(12));
        assertThat(second.tags()).containsExactly("MERGED");
        Map<String, Object> group = second.fact("shipmentGroup");
        assertThat((List<Map<String, Object>>) group.get("members")).containsExactly(
                Map.of("hubOrderId", "hub-wx", "channel", "wechat_channels", "shopId", "wx-shop-demo",
                        "platformOrderId", "37423523451235145"),
                Map.of("hubOrderId", "hub-yz", "channel", "youzan", "shopId", "13027865", "platformOrderId",
                        "E20210307175649090904167"));
        assertThat(second.decisions().get(0).result()).isEqualTo("fired: shipment group of 2 orders");
        assertThat(second.decisions().get(0).inputs()).containsEntry("shops",
                List.of("wechat_channels/wx-shop-demo", "youzan/13027865"));
    }

    @Test
    void reEvaluationKeepsTheGroupAndCountsNobodyTwice() {
        run("hub-a", wechat("shop-a", "A1", 0));
        run("hub-b", wechat("shop-b", "B1", 5));
        RuleContext again = run("hub-a", wechat("shop-a", "A1", 0));
        assertThat(again.tags()).containsExactly("MERGED");
        assertThat((List<?>) again.<Map<String, Object>>fact("shipmentGroup").get("members")).hasSize(2);
        assertThat(groups.groups).hasSize(1);
    }

    @Test
    void anOrderPaidAfterTheWindowStartsANewGroup() {
        run("hub-a", wechat("shop-a", "A1", 0));
        RuleContext late = run("hub-c", wechat("shop-c", "C1", 31));
        assertThat(late.tags()).doesNotContain("MERGED");
        RuleContext inside = run("hub-d", wechat("shop-d", "D1", 30),
                Map.of(MergeRule.ID, new MergeParams(45, false)));
        assertThat(inside.tags()).containsExactly("MERGED");
        assertThat(groups.groups).hasSize(2);
    }

    @Test
    void maskedReceiversAreNotMerged() {
        RuleContext ctx = run("hub-pdd", paid(GoldenOrders.load("pdd/deposit-presale-gift-refunding-table")));
        assertThat(ctx.decisions().get(0).result()).isEqualTo("not fired: phone MASKED cannot be compared");
        assertThat(ctx.facts()).doesNotContainKey("shipmentGroup");
        assertThat(groups.groups).isEmpty();
    }

    @Test
    void unpaidAndHeldOrdersStayOut() {
        ObjectNode shipped = wechat("shop-a", "A1", 0);
        shipped.put("status", "SHIPPED");
        assertThat(run("hub-s", shipped).decisions().get(0).result()).isEqualTo("not fired: status is not PAID");

        RuleContext held = GoldenOrders.context("hub-h", wechat("shop-a", "A2", 0), ON, Instant.now());
        held.hold(rule, "SOMETHING", "held earlier", true);
        rule.apply(held);
        assertThat(held.decisions().get(0).result()).isEqualTo("not fired: order already held");
        assertThat(groups.groups).isEmpty();
    }

    @Test
    void decisionsCarryNoPersonalData() {
        run("hub-a", wechat("shop-a", "A1", 0));
        RuleContext ctx = run("hub-b", youzanToSameReceiver(1));
        String recorded = ctx.decisions().toString() + ctx.facts();
        assertThat(recorded).doesNotContain("陈", "24534252", "2453-4252", "大塘", "海珠");
        assertThat(ctx.decisions().get(0).inputs().get("receiverKey")).asString().hasSize(12);
    }

    @Test
    void unusableWindowIsRefused() {
        assertThatThrownBy(() -> rule.validate(new MergeParams(0, false))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("windowMinutes");
    }

    static ObjectNode paid(ObjectNode o) {
        o.put("status", "PAID");
        return o;
    }
}
