package io.orderhub.execute.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Loading, reloading and the errors of {@link DownstreamMappings}: each names the system, the file and the line. */
class DownstreamMappingsTest {

    private static final JsonNode INPUT = DownstreamGoldenTest
            .read(DownstreamGoldenTest.ROOT.resolve("erp/taobao-two-lines-refund-requested/input.json"));

    @TempDir
    Path dir;

    @Test
    void anUnknownSystemIsRefusedWithTheKnownOnes() {
        DownstreamMappings mappings = DownstreamMappings.load(DownstreamGoldenTest.MAPPINGS);
        assertThatThrownBy(() -> mappings.build("crm", INPUT)).isInstanceOf(DownstreamMappingException.class)
                .hasMessageContaining("unknown downstream system 'crm'").hasMessageContaining("crm.jsonata")
                .hasMessageContaining(
                        "known: carrier, carrier-intercept, erp, finance, finance-reverse, invoice, platform-writeback, sms, wms, wms-cancel")
                .satisfies(e -> assertThat(((DownstreamMappingException) e).system()).isEqualTo("crm"));
    }

    @Test
    void aFileThatDoesNotCompileFailsTheLoadNamingFileAndLine() throws Exception {
        Files.writeString(dir.resolve("good.jsonata"), "{\"ok\": true}");
        Files.writeString(dir.resolve("broken.jsonata"), "(\n  $a := order.lines;\n  {\"x\": $a[}\n)");
        assertThatThrownBy(() -> DownstreamMappings.load(dir)).isInstanceOf(DownstreamMappingException.class)
                .hasMessageContaining("downstream mapping broken").hasMessageContaining("broken.jsonata")
                .hasMessageContaining("does not compile").hasMessageContaining("line 3");
    }

    @Test
    void aFileThatFailsWhileBuildingNamesSystemFileLineAndCause() throws Exception {
        Files.writeString(dir.resolve("ledger.jsonata"),
                "(\n  $o := order;\n  {\n    \"amount\": $yuan($o.platformOrderId & \"x\")\n  }\n)");
        DownstreamMappings mappings = DownstreamMappings.load(dir);
        assertThatThrownBy(() -> mappings.build("ledger", INPUT)).isInstanceOf(DownstreamMappingException.class)
                .hasMessageContaining("downstream mapping ledger (ledger.jsonata) failed")
                .hasMessageContaining("$yuan: '3812456790123456789x' is not numeric")
                .satisfies(e -> assertThat(((DownstreamMappingException) e).system()).isEqualTo("ledger"));
    }

    @Test
    void aShipmentIndexWithoutThatShipmentFailsTheWmsCommand() {
        DownstreamMappings mappings = DownstreamMappings.load(DownstreamGoldenTest.MAPPINGS);
        ObjectNode input = INPUT.deepCopy();
        ((ObjectNode) input.get("command")).put("shipmentIndex", 2);
        assertThatThrownBy(() -> mappings.build("wms", input)).isInstanceOf(DownstreamMappingException.class)
                .hasMessageContaining("downstream mapping wms (wms.jsonata) failed at line")
                .hasMessageContaining("command.shipmentIndex 2 has no shipment");
    }

    @Test
    void reloadPicksUpChangedFilesAndKeepsTheOldSetWhenOneIsBroken() throws Exception {
        Files.writeString(dir.resolve("sms.jsonata"), "{\"OutId\": command.idempotencyKey}");
        DownstreamMappings mappings = DownstreamMappings.load(dir);
        String version = mappings.version("sms").orElseThrow();
        Files.writeString(dir.resolve("sms.jsonata"), "{\"OutId\": command.idempotencyKey, \"v\": 2}");
        Files.writeString(dir.resolve("erp.jsonata"), "[order.platformOrderId]");
        mappings.reload();
        assertThat(mappings.systems()).containsExactly("erp", "sms");
        assertThat(mappings.version("sms")).isNotEqualTo(version);
        assertThat(mappings.build("sms", INPUT).get("v").asInt()).isEqualTo(2);
        Files.writeString(dir.resolve("erp.jsonata"), "[order.");
        assertThatThrownBy(mappings::reload).isInstanceOf(DownstreamMappingException.class);
        assertThat(mappings.build("erp", INPUT).get(0).asText()).isEqualTo("3812456790123456789");
    }

    /** Guards the jsonata-java per-thread environment that nests one frame deeper per evaluation on the parser. */
    @Test
    void thousandsOfBuildsOnTheLoadingThreadAndAnotherStayEqual() throws Exception {
        DownstreamMappings mappings = DownstreamMappings.load(DownstreamGoldenTest.MAPPINGS,
                DownstreamGoldenTest.CLOCK);
        JsonNode first = mappings.build("wms", INPUT);
        assertThat(repeat(mappings, 3_000)).isEqualTo(first);
        ExecutorService other = Executors.newFixedThreadPool(2);
        try {
            Future<JsonNode> a = other.submit(() -> repeat(mappings, 3_000));
            Future<JsonNode> b = other.submit(() -> repeat(mappings, 3_000));
            assertThat(a.get()).isEqualTo(first);
            assertThat(b.get()).isEqualTo(first);
        } finally {
            other.shutdown();
        }
    }

    private static JsonNode repeat(DownstreamMappings mappings, int rounds) {
        JsonNode last = null;
        for (int i = 0; i < rounds; i++) {
            last = mappings.build("wms", INPUT);
        }
        return last;
    }
}
