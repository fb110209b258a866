package io.orderhub.rules.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.rules.RuleContext;
import io.orderhub.rules.crm.Identities;
import io.orderhub.rules.crm.Orders;

class RiskRuleTest {

    static final RiskParams.PickupPoint PICKUP = new RiskParams.PickupPoint(List.of("代收点", "驿站", "快递柜"),
            "\\d+\\s*(号|栋|幢|座|单元|室|楼|层)|\\d+-\\d+");
    static final RiskParams.Phone PHONE = new RiskParams.Phone("1[3-9]\\d{9}|0\\d{9,11}", List.of("xiaohongshu"));

    record Row(String shop, long paid, String address, Instant at) {
    }

    final Map<String, Row> rows = new HashMap<>();
    final Set<String> blacklisted = new TreeSet<>();
    final RiskStats stats = (id, shop, paid, address, at, cancelled, sampleSize, window) -> {
        if (cancelled) {
            rows.remove(id);
        } else {
            rows.put(id, new Row(shop, paid, address, at));
        }
        List<Long> sample = rows.entrySet().stream().filter(e -> !e.getKey().equals(id))
                .filter(e -> e.getValue().shop().equals(shop) && !e.getValue().at().isAfter(at))
                .map(e -> e.getValue().paid()).sorted().limit(sampleSize).toList();
        Double median = sample.isEmpty()
                ? null
                : (sample.get((sample.size() - 1) / 2) + sample.get(sample.size() / 2)) / 2.0;
        int toAddress = address == null
                ? 0
                : (int) rows.values().stream().filter(r -> address.equals(r.address()))
                        .filter(r -> r.at().isAfter(at.minus(window)) && !r.at().isAfter(at)).count();
        return new RiskStats.Seen(median, sample.size(), toAddress);
    };
    final Blacklist blacklist = new Blacklist() {
        public Set<String> hits(Map<String, String> ids) {
            Set<String> hits = new TreeSet<>();
            ids.forEach((k, h) -> {
                if (h != null && blacklisted.contains(k + "/" + h)) {
                    hits.add(k);
                }
            });
            return hits;
        }

        public int add(List<Entry> entries, Instant now) {
            entries.forEach(e -> blacklisted.add(e.kind() + "/" + e.hash()));
            return entries.size();
        }

        public int remove(List<Entry> entries) {
            return 0;
        }

        public List<Map<String, Object>> list(int limit) {
            return List.of();
        }
    };
    final RiskRule rule = new RiskRule(stats, blacklist);

    RuleContext run(String id, ObjectNode o, RiskParams p) {
        RuleContext ctx = Orders.ctx(id, o, "risk", p);
        rule.apply(ctx);
        return ctx;
    }

    static ObjectNode plain() {
        return Orders.golden("tmall/store-deliver-shipped-plain");
    }

    static RiskParams only(RiskParams.PickupPoint pickup, RiskParams.Phone phone) {
        return new RiskParams(pickup, phone, null, null, false);
    }

    @Test
    void realOrdersWithReachableBuyersAndStreetAddressesPass() {
        RiskParams p = only(PICKUP, PHONE);
        for (String golden : List.of("tmall/store-deliver-shipped-plain", "taobao/refunded-closed-oaid-masked",
                "pdd/paid-encrypted-receiver", "wechat_channels/order-get-two-products-virtual-number",
                "xiaohongshu/presale-balance-paid-multiline-gift")) {
            RuleContext ctx = run("H1", Orders.golden(golden), p);
            assertThat(ctx.held()).as(golden).isFalse();
            assertThat(ctx.decisions()).singleElement()
                    .satisfies(d -> assertThat(d.result()).isEqualTo("not fired: no risk found"));
        }
    }

    @Test
    void pickupPointWithoutHouseNumber() {
        ObjectNode o = plain();
        ((ObjectNode) o.get("receiver")).put("address", "幸福小区门口菜鸟驿站");
        RuleContext ctx = run("H1", o, only(PICKUP, null));
        assertThat(ctx.tags()).containsExactly("RISK");
        assertThat(ctx.holds()).singleElement().satisfies(h -> {
            assertThat(h.code()).isEqualTo("RISK_HOLD");
            assertThat(h.review()).isTrue();
            assertThat(h.reason()).contains("pickupPoint").contains("驿站");
        });
        ((ObjectNode) o.get("receiver")).put("address", "幸福小区12栋菜鸟驿站");
        assertThat(run("H1", o, only(PICKUP, null)).held()).isFalse();
    }

    @Test
    void invalidOrUnreachablePhones() {
        ObjectNode invalid = plain();
        ((ObjectNode) invalid.get("receiver")).put("phone", "12345");
        assertThat(run("H1", invalid, only(null, PHONE)).holds().get(0).reason()).contains("phone: invalid number");
        // kuaishou: masked, no privacy-number service flagged, no platform contact
        RuleContext masked = run("H2", Orders.golden("kuaishou/detail-paid-masked-receiver"), only(null, PHONE));
        assertThat(masked.holds().get(0).reason()).contains("masked, no virtual number");
        ObjectNode none = plain();
        ((ObjectNode) none.get("receiver")).remove(List.of("phone", "phoneKind"));
        assertThat(run("H3", none, only(null, PHONE)).holds().get(0).reason()).contains("no phone");
    }

    @Test
    void amountAboveThresholdOrFarAboveTheShopMedian() {
        RiskParams threshold = new RiskParams(null, null,
                new RiskParams.Amount(Map.of("shop-tmall", 1000L), 5, 200, 3), null, false);
        assertThat(run("H1", plain(), threshold).holds().get(0).reason()).contains("threshold 1000");
        rows.clear();

        RiskParams median = new RiskParams(null, null, new RiskParams.Amount(Map.of(), 5, 200, 3), null, false);
        long paid = plain().path("amounts").path("paidFen").asLong();
        for (int i = 0; i < 3; i++) {
            ObjectNode o = plain();
            o.put("createdAt", "2025-06-1" + i + "T00:00:00Z");
            assertThat(run("N" + i, o, median).held()).isFalse();
        }
        ObjectNode big = plain();
        ((ObjectNode) big.get("amounts")).put("paidFen", paid * 5 + 1);
        big.put("createdAt", "2025-06-15T00:00:00Z");
        RuleContext ctx = run("BIG", big, median);
        assertThat(ctx.holds().get(0).reason()).contains("5 × the shop's median " + paid);
        assertThat(ctx.decisions().get(0).inputs()).containsEntry("shopSamples", 3);
        ((ObjectNode) big.get("amounts")).put("paidFen", paid * 5);
        assertThat(run("BIG", big, median).held()).as("re-evaluated at exactly 5x").isFalse();
    }

    @Test
    void manyOrdersToOneAddressInTheWindow() {
        RiskParams p = new RiskParams(null, null, null, new RiskParams.AddressBurst(60, 2), false);
        String[] times = {"2025-06-18T01:00:00Z", "2025-06-18T01:20:00Z", "2025-06-18T01:40:00Z"};
        List<Boolean> held = new ArrayList<>();
        for (int i = 0; i < times.length; i++) {
            ObjectNode o = plain();
            o.put("createdAt", times[i]);
            held.add(run("A" + i, o, p).held());
        }
        assertThat(held).containsExactly(false, false, true);
        ObjectNode again = plain();
        again.put("createdAt", times[1]);
        assertThat(run("A1", again, p).held()).as("re-evaluating the second order").isFalse();
        ObjectNode later = plain();
        later.put("createdAt", "2025-06-18T02:30:00Z");
        assertThat(run("A3", later, p).held()).isFalse();
    }

    @Test
    void blacklistedBuyerPhoneOrAddressAndAllReasonsTogether() {
        ObjectNode o = plain();
        blacklist.add(List.of(new Blacklist.Entry("BUYER", Identities.buyer(o), null),
                new Blacklist.Entry("ADDRESS", Identities.address(o.get("receiver")), null)), Instant.now());
        ((ObjectNode) o.get("receiver")).put("phone", "999");
        RuleContext ctx = run("H1", o, new RiskParams(null, PHONE, null, null, true));
        assertThat(ctx.<List<String>>fact("riskReasons")).containsExactly("phone: invalid number (3 digits)",
                "blacklist: address is blacklisted", "blacklist: buyer is blacklisted");
        assertThat(ctx.holds()).hasSize(1);
        assertThat(ctx.decisions().get(0).inputs().toString()).doesNotContain(o.path("receiver").path("address")
                .asText()).doesNotContain(o.path("buyer").path("platformBuyerId").asText());
    }

    @Test
    void offAndValidation() {
        RuleContext ctx = run("H1", Orders.golden("kuaishou/detail-paid-masked-receiver"), null);
        assertThat(ctx.decisions().get(0).result()).isEqualTo("off");
        assertThat(ctx.held()).isFalse();
        assertThatThrownBy(() -> rule.validate(only(new RiskParams.PickupPoint(List.of("驿站"), "(("), null)))
                .hasMessageContaining("pickupPoint.houseNumberPattern");
        assertThatThrownBy(() -> rule.validate(new RiskParams(null, null, null, new RiskParams.AddressBurst(0, 1),
                true))).hasMessageContaining("addressBurst.windowMinutes");
    }
}
