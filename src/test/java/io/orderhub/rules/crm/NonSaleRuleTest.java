package io.orderhub.rules.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.rules.RuleContext;

class NonSaleRuleTest {

    static final NonSaleParams DEFAULTS = new NonSaleParams(
            new NonSaleParams.LuckyBag(List.of("douyin"), List.of("福袋"), List.of(), List.of("LUCKY_BAG")),
            new NonSaleParams.NonSale(true, List.of(), List.of()), false, false);

    final NonSaleRule rule = new NonSaleRule();

    RuleContext run(ObjectNode o, NonSaleParams p) {
        RuleContext ctx = Orders.ctx("H1", o, "non-sale", p);
        rule.apply(ctx);
        return ctx;
    }

    /** A prize order as the Douyin mapping shows one: every line paid 0 (the winner pays only freight, if any). */
    static ObjectNode zeroPaid(String golden) {
        ObjectNode o = Orders.golden(golden);
        long freight = o.path("amounts").path("freightFen").asLong(0);
        for (JsonNode line : o.get("lines")) {
            ((ObjectNode) line).put("paidFen", 0).put("discountFen", line.path("unitPriceFen").asLong()
                    * line.path("quantity").asLong());
        }
        ((ObjectNode) o.get("amounts")).put("paidFen", freight);
        return o;
    }

    @Test
    void zeroPaidDouyinOrderIsALuckyBagThatReservesNoStockAndIsNoSale() {
        ObjectNode prize = zeroPaid("douyin/orderdetail-two-skus-refunded-encrypted");
        for (int i = 0; i < 2; i++) {
            RuleContext ctx = run(prize, DEFAULTS);
            assertThat(ctx.tags()).containsExactly("LUCKY_BAG", "NON_SALE");
            assertThat(ctx.facts()).containsEntry("reserveStock", false).containsEntry("countInSales", false);
            assertThat(ctx.held()).isFalse();
            assertThat(ctx.decisions()).singleElement()
                    .satisfies(d -> assertThat(d.result()).startsWith("fired: LUCKY_BAG+NON_SALE"));
        }
    }

    @Test
    void zeroPaidElsewhereIsAGiveAwayButNoLuckyBag() {
        RuleContext ctx = run(zeroPaid("wechat_channels/order-get-paid-single-product"), DEFAULTS);
        assertThat(ctx.tags()).containsExactly("NON_SALE");
        assertThat(ctx.decisions().get(0).inputs().get("markers")).isEqualTo(List.of("nonSale.zeroPrice"));
    }

    @Test
    void luckyBagTitleOnAnotherChannel() {
        ObjectNode o = zeroPaid("kuaishou/detail-paid-masked-receiver");
        ((ObjectNode) o.get("lines").get(0)).put("title", "直播间福袋 惊喜款");
        assertThat(run(o, DEFAULTS).tags()).containsExactly("LUCKY_BAG", "NON_SALE");
    }

    @Test
    void paidOrdersGiftLinesAndPaidMysteryBoxesAreSales() {
        assertThat(run(Orders.golden("douyin/orderdetail-two-skus-refunded-encrypted"), DEFAULTS).tags()).isEmpty();
        // a paid order with a 0-fen gift line is still a sale
        RuleContext gift = run(Orders.golden("pdd/deposit-presale-gift-refunding-table"), DEFAULTS);
        assertThat(gift.tags()).isEmpty();
        assertThat(gift.facts()).doesNotContainKeys("reserveStock", "countInSales");
        ObjectNode box = Orders.golden("kuaishou/detail-paid-masked-receiver");
        ((ObjectNode) box.get("lines").get(0)).put("title", "福袋盲盒");
        assertThat(run(box, DEFAULTS).tags()).as("a sold 福袋 product").isEmpty();
    }

    @Test
    void configuredSkusAndTagsMarkOrders() {
        ObjectNode o = Orders.golden("taobao/multi-order-refund-requested-table");
        NonSaleParams samples = new NonSaleParams(null,
                new NonSaleParams.NonSale(false, List.of("MUG-350-WHT", "TEA-OOL-250"), List.of()), true, false);
        RuleContext ctx = run(o, samples);
        assertThat(ctx.tags()).containsExactly("NON_SALE");
        assertThat(ctx.facts()).containsEntry("reserveStock", true).containsEntry("countInSales", false);
        NonSaleParams oneSku = new NonSaleParams(null,
                new NonSaleParams.NonSale(false, List.of("MUG-350-WHT"), List.of()), false, false);
        assertThat(run(o, oneSku).tags()).as("not every line").isEmpty();
        NonSaleParams giftOnly = new NonSaleParams(null,
                new NonSaleParams.NonSale(false, List.of(), List.of("GIFT_ONLY")), false, false);
        assertThat(run(Orders.golden("xiaohongshu/docsample-pending-gift-only"), giftOnly).tags())
                .containsExactly("NON_SALE");
    }

    @Test
    void off() {
        RuleContext ctx = run(zeroPaid("douyin/orderdetail-two-skus-refunded-encrypted"), null);
        assertThat(ctx.tags()).isEmpty();
        assertThat(ctx.decisions().get(0).result()).isEqualTo("off");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> rule.validate(new NonSaleParams(
                new NonSaleParams.LuckyBag(List.of("douyin"), List.of(""), null, null), null, false, false)))
                .hasMessageContaining("luckyBag.titleKeywords");
    }
}
