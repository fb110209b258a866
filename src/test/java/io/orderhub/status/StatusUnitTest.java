package io.orderhub.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.orderhub.support.Fixtures;

/** The lifecycle table, the sources' code tables, the conflict rules and the push formats, on their own. */
class StatusUnitTest {

    static final Path STATUS = Path.of("mappings/status");

    static Lifecycle lifecycle() throws Exception {
        return Lifecycle.load(STATUS.resolve("lifecycle.yaml"));
    }

    @Test
    void theLifecycleMovesForwardOnlyAlongItsArrows() throws Exception {
        Lifecycle l = lifecycle();
        assertThat(l.orderMove(null, "SHIPPED")).as("a source's first report may be anywhere").isTrue();
        assertThat(l.orderMove("PAID", "SHIPPED")).as("several arrows at once").isTrue();
        assertThat(l.orderMove("SHIPPED", "SHIPPED")).isTrue();
        assertThat(l.orderMove("SHIPPED", "ALLOCATED")).as("backwards").isFalse();
        assertThat(l.orderMove("CANCELLED", "SHIPPED")).as("out of a final state").isFalse();
        assertThat(l.orderMove("COMPLETED", "CANCELLED")).isFalse();
        assertThat(l.orderMove("PAID", "TELEPORTED")).isFalse();
        assertThat(l.afterSalesMove(null, "REFUND_REQUESTED")).isTrue();
        assertThat(l.afterSalesMove("REFUND_REQUESTED", "NONE")).as("withdrawn").isTrue();
        assertThat(l.afterSalesMove("REFUNDED", "REFUND_REQUESTED")).isFalse();
        assertThat(l.rank("PAID")).isLessThan(l.rank("SHIPPED"));
    }

    @Test
    void everyPairOfStatusesIsLegalExactlyWhenTheTableLeadsThere() throws Exception {
        Lifecycle l = lifecycle();
        List<String> all = List.of("PENDING_PAYMENT", "PAID", "ALLOCATED", "SHIPPED", "COMPLETED", "CANCELLED");
        // the expected reach of each status, written out by hand: the table's arrows followed to their ends
        Map<String, List<String>> reach = Map.of(
                "PENDING_PAYMENT", List.of("PAID", "ALLOCATED", "SHIPPED", "COMPLETED", "CANCELLED"),
                "PAID", List.of("ALLOCATED", "SHIPPED", "COMPLETED", "CANCELLED"),
                "ALLOCATED", List.of("SHIPPED", "COMPLETED", "CANCELLED"),
                "SHIPPED", List.of("COMPLETED", "CANCELLED"),
                "COMPLETED", List.of(),
                "CANCELLED", List.of());
        for (String from : all) {
            for (String to : all) {
                boolean expected = from.equals(to) || reach.get(from).contains(to);
                assertThat(l.orderMove(from, to)).as(from + " → " + to).isEqualTo(expected);
            }
        }
        List<String> afterSales = List.of("NONE", "REFUND_REQUESTED", "RETURN_REQUESTED", "RETURNED", "REFUNDING",
                "REFUND_REJECTED", "REFUNDED");
        for (String from : afterSales) {
            // every after-sales state can still end refunded (a rejected request may be filed again)...
            assertThat(l.afterSalesMove(from, "REFUNDED")).as(from + " → REFUNDED").isTrue();
            // ...and nothing leaves REFUNDED
            assertThat(l.afterSalesMove("REFUNDED", from)).as("REFUNDED → " + from).isEqualTo("REFUNDED".equals(from));
        }
    }

    @Test
    void everySourceTableLoadsAndOnlyCanonicalValuesAreTargets() throws Exception {
        Lifecycle l = lifecycle();
        for (String table : List.of("kuaidi100", "sf", "generic-wms", "generic-erp")) {
            SourceTable t = SourceTable.load(table, STATUS.resolve(table + ".yaml"), l);
            assertThat(t.kind()).isIn(StatusSources.KINDS);
        }
        Path bad = Files.createTempFile("bad-table", ".yaml");
        Files.writeString(bad, "system: bad\nkind: carrier\ncodes:\n  X: {status: TELEPORTED}\n");
        assertThatThrownBy(() -> SourceTable.load("bad", bad, l)).hasMessageContaining("unknown status TELEPORTED");
        SourceTable kuaidi = SourceTable.load("kuaidi100", STATUS.resolve("kuaidi100.yaml"), l);
        assertThat(kuaidi.meaning("301").orElseThrow().status()).isEqualTo("COMPLETED");
        assertThat(kuaidi.meaning("999")).as("unknown codes are not guessed").isEmpty();
    }

    @Test
    void theRealKuaidi100PushIsReadAndItsSignatureChecked() throws Exception {
        String param = new String(Fixtures.bytes("kuaidi100__poll_push_param_yuantong_2023_masked.json"),
                StandardCharsets.UTF_8);
        String sign = StatusFormats.md5Upper(param + "salt-1");
        List<StatusFormats.Incoming> events = StatusFormats.kuaidi100(Map.of("param", param, "sign", sign), "salt-1");
        assertThat(events).hasSize(1);
        StatusFormats.Incoming e = events.get(0);
        assertThat(e.ref()).isEqualTo("YT6074326614455");
        assertThat(e.code()).as("no resultv2 code: the basic state of the newest node").isEqualTo("1");
        assertThat(e.at()).isEqualTo(Instant.parse("2023-02-02T01:57:03Z"));
        assertThatThrownBy(() -> StatusFormats.kuaidi100(Map.of("param", param, "sign", sign), "another-salt"))
                .isInstanceOfSatisfying(StatusFormats.BadPush.class, b -> assertThat(b.status()).isEqualTo(401));
    }

    @Test
    void theSfRoutePushReadsTheSameFromJsonAndXml() throws Exception {
        List<StatusFormats.Incoming> json = StatusFormats.sfRoute("application/json",
                Fixtures.bytes("sf__RoutePushService_push_docsample.json"));
        String xml = new String(Fixtures.bytes("sf__RoutePushService_push_docsample.xml"), StandardCharsets.UTF_8);
        List<StatusFormats.Incoming> fromXml = StatusFormats.sfRoute("application/x-www-form-urlencoded",
                ("content=" + java.net.URLEncoder.encode(xml, StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(json).hasSize(2).isEqualTo(fromXml);
        assertThat(json).extracting(StatusFormats.Incoming::code).containsExactly("50", "31");
        assertThat(json.get(0).nodeId()).isEqualTo("158918741444476");
        assertThat(json.get(0).at()).isEqualTo(Instant.parse("2020-05-11T08:56:54Z"));
    }

    @Test
    void genericEventsNeedAnOrderACodeAndATime() {
        assertThatThrownBy(() -> StatusFormats.json(new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                .put("status", "DELIVERED").put("time", "2026-11-11T10:00:00+08:00")))
                .hasMessageContaining("names no order");
        assertThatThrownBy(() -> StatusFormats.json(new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                .put("orderCode", "x").put("status", "DELIVERED"))).hasMessageContaining("without its time");
    }

    @Test
    void conflictRulesHoldOnlyForTheirStatusesAndComeDueAfterTheirGrace() throws Exception {
        ConflictRules rules = ConflictRules.load(STATUS.resolve("conflicts.yaml"), lifecycle());
        Instant shipped = Instant.parse("2026-11-11T02:00:00Z");
        List<ConflictRules.Match> m = rules.matches(Map.of("wms", new ConflictRules.View("SHIPPED", shipped)));
        assertThat(m).extracting(x -> x.rule().id()).containsExactly("wms-shipped-no-pickup");
        assertThat(m.get(0).due()).isEqualTo(shipped.plusSeconds(4 * 3600));
        assertThat(m.get(0).hint()).contains("call the outlet");
        assertThat(m.get(0).detail()).contains("2026-11-11 10:00").contains("4 h");
        assertThat(rules.matches(Map.of("wms", new ConflictRules.View("SHIPPED", shipped), "carrier",
                new ConflictRules.View("SHIPPED", shipped.plusSeconds(60))))).isEmpty();
    }
}
