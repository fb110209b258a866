package io.orderhub.rules.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.rules.RuleContext;
import io.orderhub.web.ApiError;

class CustomerRuleTest {

    static final CustomerParams ON = new CustomerParams(true, null);
    static final Instant NOW = Instant.parse("2025-06-18T12:00:00Z");

    final MemCustomers customers = new MemCustomers();
    final List<Map<String, Object>> crmCalls = new ArrayList<>();
    Optional<Customer> crmAnswer = Optional.empty();
    boolean crmDown;
    final CustomerRule rule = new CustomerRule(customers, (url, timeout, query) -> {
        crmCalls.add(query);
        if (crmDown) {
            throw new CrmLookup.CrmUnavailableException("timed out", null);
        }
        return crmAnswer;
    });

    void load(String json) throws Exception {
        customers.upsert(CustomerRows.fromJson(Orders.JSON.readTree(json)), NOW);
    }

    RuleContext run(ObjectNode order, CustomerParams p, Instant now) {
        RuleContext ctx = Orders.ctx("H1", order, "customer", p, now);
        rule.apply(ctx);
        return ctx;
    }

    @Test
    void offWithoutParameters() {
        RuleContext ctx = run(Orders.golden("taobao/refunded-closed-oaid-masked"), null, NOW);
        assertThat(ctx.decisions()).singleElement().satisfies(d -> assertThat(d.result()).isEqualTo("off"));
        assertThat(ctx.facts()).isEmpty();
    }

    @Test
    void vipByPlatformBuyerIdIsTaggedAndIdempotent() throws Exception {
        load("""
                [{"customerId":"C-VIP","segment":"VIP","earlierOrders":7,"channel":"taobao",
                  "buyerId":"AAHwHVMUAAJ_dKyzaDWzAvEP"}]""");
        ObjectNode order = Orders.golden("taobao/refunded-closed-oaid-masked");
        for (int i = 0; i < 2; i++) {
            RuleContext ctx = run(order, ON, NOW);
            assertThat(ctx.facts()).containsEntry("customerId", "C-VIP").containsEntry("segment", "VIP");
            assertThat(ctx.tags()).containsExactly("VIP");
            assertThat(ctx.decisions()).singleElement().satisfies(d -> {
                assertThat(d.result()).startsWith("fired: customer C-VIP VIP by buyerId");
                assertThat(d.inputs().toString()).doesNotContain("AAHwHVMUAAJ_dKyzaDWzAvEP");
            });
        }
    }

    @Test
    void sameBuyerIdOnAnotherChannelIsAnotherPerson() throws Exception {
        load("""
                [{"customerId":"C1","earlierOrders":3,"channel":"tmall","buyerId":"AAHwHVMUAAJ_dKyzaDWzAvEP"}]""");
        RuleContext ctx = run(Orders.golden("taobao/refunded-closed-oaid-masked"), ON, NOW);
        assertThat(ctx.facts()).doesNotContainKey("customerId").containsEntry("segment", "NEW");
    }

    @Test
    void pinduoduoContactMatchesOnItsSearchIndexAcrossKeyVersions() throws Exception {
        // the same search index with another ciphertext and key version (a re-keyed platform)
        load("""
                [{"customerId":"C-PDD","segment":"REGULAR","earlierOrders":2,"channel":"pdd",
                  "contact":"$Y/YKpKSij9Re$AgAAAAOTHERCIPHERTEXTxxxxxxxxxxxxxxxxxxxxxxxx=$1$$"}]""");
        RuleContext ctx = run(Orders.golden("pdd/paid-encrypted-receiver"), ON, NOW);
        assertThat(ctx.facts()).containsEntry("customerId", "C-PDD").containsEntry("segment", "REGULAR");
        assertThat(ctx.tags()).isEmpty();
        assertThat(ctx.decisions().get(0).result()).contains("by platformContact");
    }

    @Test
    void plainPhoneMatchesAcrossChannelsAndNoEarlierOrdersMeansNew() throws Exception {
        load("""
                [{"customerId":"C-NEWBIE","segment":"REGULAR","earlierOrders":0,"phone":"+86 123-4567-8911"}]""");
        RuleContext ctx = run(Orders.golden("douyin/orderdetail-presale-deposit-gift-docsample"), ON, NOW);
        assertThat(ctx.facts()).containsEntry("customerId", "C-NEWBIE").containsEntry("segment", "NEW");
    }

    @Test
    void virtualNumberMatchesOnlyWhileValid() throws Exception {
        load("""
                [{"customerId":"C-WX","earlierOrders":5,"virtualNumber":"132123457749-1234",
                  "virtualExpiresAt":"2025-06-20T00:00:00Z"}]""");
        ObjectNode order = Orders.golden("wechat_channels/order-get-two-products-virtual-number");
        assertThat(run(order, ON, NOW).facts()).containsEntry("customerId", "C-WX")
                .containsEntry("segment", "REGULAR");
        RuleContext expired = run(order, ON, Instant.parse("2025-06-20T00:00:00Z"));
        assertThat(expired.facts()).doesNotContainKey("customerId").containsEntry("segment", "NEW");
        assertThat(expired.decisions().get(0).result()).startsWith("not fired");
    }

    @Test
    void maskedPhoneIsNeverAnIdentity() throws Exception {
        load("""
                [{"customerId":"C-K","earlierOrders":1,"phone":"13800000000"}]""");
        RuleContext ctx = run(Orders.golden("kuaishou/detail-paid-masked-receiver"), ON, NOW);
        assertThat(ctx.facts()).containsEntry("segment", "NEW").doesNotContainKey("customerId");
    }

    @Test
    void httpCrmIsAskedOnceThenCachedForTheTtl() {
        crmAnswer = Optional.of(new Customer("CRM-9", "VIP", 0));
        CustomerParams p = new CustomerParams(false, new CustomerParams.Crm("http://crm.test/lookup", 500, 60));
        ObjectNode order = Orders.golden("pdd/paid-encrypted-receiver");
        assertThat(run(order, p, NOW).facts()).containsEntry("customerId", "CRM-9").containsEntry("segment", "VIP");
        RuleContext cached = run(order, p, NOW.plusSeconds(59));
        assertThat(cached.facts()).containsEntry("customerId", "CRM-9");
        assertThat(cached.tags()).as("tagVip false").isEmpty();
        assertThat(cached.decisions().get(0).inputs()).containsEntry("crm", "cached");
        assertThat(crmCalls).hasSize(1);
        assertThat(crmCalls.get(0)).containsEntry("channel", "pdd").doesNotContainValue(
                order.path("receiver").path("phone").asText());
        run(order, p, NOW.plus(Duration.ofSeconds(60)));
        assertThat(crmCalls).hasSize(2);
    }

    @Test
    void unavailableCrmLeavesTheOrderNewAndSaysSo() {
        crmDown = true;
        CustomerParams p = new CustomerParams(true, new CustomerParams.Crm("http://crm.test/lookup", 500, 60));
        RuleContext ctx = run(Orders.golden("pdd/paid-encrypted-receiver"), p, NOW);
        assertThat(ctx.facts()).containsEntry("segment", "NEW");
        assertThat(ctx.held()).isFalse();
        assertThat(ctx.decisions().get(0).inputs().get("crm").toString()).startsWith("unavailable");
    }

    @Test
    void validationRefusesUnusableCrmSettings() {
        assertThatThrownBy(() -> rule.validate(new CustomerParams(true, new CustomerParams.Crm("ftp://x", 10, 1))))
                .hasMessageContaining("crm.url");
        assertThatThrownBy(() -> rule.validate(new CustomerParams(true, new CustomerParams.Crm("http://x", 0, 1))))
                .hasMessageContaining("crm.timeoutMs");
    }

    @Test
    void loadRefusesRowsNamingRowAndField() {
        assertThatThrownBy(() -> CustomerRows.fromJson(Orders.JSON.readTree("""
                [{"customerId":"A"},{"customerId":"B","segment":"NEW"}]""")))
                .isInstanceOf(ApiError.class).hasMessageContaining("row 2: segment");
        assertThatThrownBy(() -> CustomerRows.fromCsv("customerId,buyerId\nA,x\n"))
                .isInstanceOf(ApiError.class).hasMessageContaining("row 2: channel");
        assertThatThrownBy(() -> CustomerRows.fromCsv("customerId,virtualNumber\nA,13800000000-12\n"))
                .isInstanceOf(ApiError.class).hasMessageContaining("virtualExpiresAt");
    }
}
