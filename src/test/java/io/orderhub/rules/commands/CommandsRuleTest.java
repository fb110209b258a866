package io.orderhub.rules.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.rules.RuleContext;
import io.orderhub.rules.RuleSet;

class CommandsRuleTest {

    static final ObjectMapper JSON = new ObjectMapper();
    final CommandsRule rule = new CommandsRule();
    final CommandsRule.Params params = new CommandsRule.Params(null, List.of(
            new CommandsRule.Command("erp", "ERP_SALES_ORDER", false, false),
            new CommandsRule.Command("wms", "WMS_OUTBOUND", true, false),
            new CommandsRule.Command("sms", "SMS_ORDER_PAID", false, true)),
            new CommandsRule.Invoice("invoice", "INVOICE_REQUEST", 50_000));

    /** The real PDD golden order (paid, encrypted receiver), with the paid amount and phone kind a case needs. */
    RuleContext ctx(long paidFen, String phoneKind, String status, List<Map<String, Object>> shipments)
            throws Exception {
        ObjectNode order = (ObjectNode) JSON.readTree(Files.readString(
                Path.of("src/test/resources/golden/pdd/paid-encrypted-receiver/expected.json")));
        ((ObjectNode) order.get("amounts")).put("paidFen", paidFen);
        ((ObjectNode) order.get("receiver")).put("phoneKind", phoneKind);
        order.put("status", status);
        RuleContext ctx = new RuleContext("h1", 1, "pdd", "demo-pdd", order,
                RuleSet.of(Map.of("commands", params)), Instant.now());
        if (shipments != null) {
            ctx.fact("shipments", shipments);
        }
        return ctx;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> planned(RuleContext ctx) {
        return (List<Map<String, Object>>) (List<?>) ctx.fact(CommandsRule.FACT);
    }

    @Test
    void anInvoiceIsRequestedFromFiveHundredYuanAndNotBelow() throws Exception {
        RuleContext at = ctx(50_000, "PLAIN", "PAID", null);
        rule.apply(at);
        assertThat(planned(at)).extracting(c -> c.get("type")).contains("INVOICE_REQUEST");
        assertThat(at.tags()).contains("INVOICE");
        RuleContext below = ctx(49_999, "PLAIN", "PAID", null);
        rule.apply(below);
        assertThat(planned(below)).extracting(c -> c.get("type")).doesNotContain("INVOICE_REQUEST");
        assertThat(below.decisions().get(0).result()).endsWith("no invoice: paid below threshold");
    }

    @Test
    void perShipmentCommandsFollowTheAllocationAndCoverTheWholeOrderWithoutOne() throws Exception {
        RuleContext split = ctx(100, "PLAIN", "PAID",
                List.of(Map.of("warehouse", "WH-SH"), Map.of("warehouse", "WH-HZ")));
        rule.apply(split);
        assertThat(planned(split)).filteredOn(c -> "WMS_OUTBOUND".equals(c.get("type")))
                .extracting(c -> c.get("shipmentIndex")).containsExactly(0, 1);
        RuleContext untracked = ctx(100, "PLAIN", "PAID", null);
        rule.apply(untracked);
        assertThat(planned(untracked)).filteredOn(c -> "WMS_OUTBOUND".equals(c.get("type")))
                .extracting(c -> c.get("shipmentIndex")).containsExactly((Object) null);
    }

    @Test
    void noSmsToAPhoneThatIsNotPlainAndNoCommandsForOrdersNotForFulfilment() throws Exception {
        RuleContext encrypted = ctx(100, "ENCRYPTED", "PAID", null);
        rule.apply(encrypted);
        assertThat(planned(encrypted)).extracting(c -> c.get("type")).containsExactly("ERP_SALES_ORDER",
                "WMS_OUTBOUND");
        RuleContext cancelled = ctx(100, "PLAIN", "CANCELLED", null);
        rule.apply(cancelled);
        assertThat(planned(cancelled)).isEmpty();
        assertThat(cancelled.decisions().get(0).result()).startsWith("not fired: status CANCELLED");
    }

    @Test
    void parametersWithoutATypeAreRefused() {
        assertThatThrownBy(() -> rule.validate(new CommandsRule.Params(null,
                List.of(new CommandsRule.Command("erp", "lower", false, false)), null)))
                .hasMessageContaining("UPPER_SNAKE");
    }
}
