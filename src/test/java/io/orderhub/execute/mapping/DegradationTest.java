package io.orderhub.execute.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The same command built degraded and not: remarks and gift lines are in the normal payload and absent from the
 * degraded one, while the core (order lines that are sold, amounts) is the same.
 */
class DegradationTest {

    private static final DownstreamMappings MAPPINGS = DownstreamMappings.load(DownstreamGoldenTest.MAPPINGS,
            DownstreamGoldenTest.CLOCK);

    @ParameterizedTest
    @CsvSource({
            "erp, wechat-virtual-number-remarks-degraded, 发顺丰, 库存不足，取消, ",
            "wms, wechat-remarks-degraded-no-shipments, 发顺丰, 库存不足，取消, ",
            "erp, pdd-presale-gift-degraded, , 预售尾款已付, TB-HEAD-2",
            "wms, xiaohongshu-split-second-shipment-degraded, , , 旅行装小样",
            "carrier, pdd-presale-gift-degraded, , , 替换刷头"})
    void degradedPayloadsLeaveOutRemarksAndGiftChoices(String system, String caseName, String buyerRemark,
            String sellerRemark, String giftMarker) {
        JsonNode input = DownstreamGoldenTest
                .read(DownstreamGoldenTest.ROOT.resolve(Path.of(system, caseName, "input.json")));
        String normal = MAPPINGS.build(system, withDegraded(input, false)).toString();
        String degraded = MAPPINGS.build(system, withDegraded(input, true)).toString();
        for (String marker : new String[]{buyerRemark, sellerRemark, giftMarker}) {
            if (marker != null) {
                assertThat(normal).as("normal %s payload", system).contains(marker);
                assertThat(degraded).as("degraded %s payload", system).doesNotContain(marker);
            }
        }
        assertThat(degraded.length()).isLessThan(normal.length());
    }

    @ParameterizedTest
    @CsvSource({"erp, pdd-presale-gift-degraded", "wms, wechat-remarks-degraded-no-shipments"})
    void degradationKeepsTheAmounts(String system, String caseName) {
        JsonNode input = DownstreamGoldenTest
                .read(DownstreamGoldenTest.ROOT.resolve(Path.of(system, caseName, "input.json")));
        JsonNode normal = MAPPINGS.build(system, withDegraded(input, false));
        JsonNode degraded = MAPPINGS.build(system, withDegraded(input, true));
        if (system.equals("erp")) {
            assertThat(degraded.at("/1/0/receivable")).isEqualTo(normal.at("/1/0/receivable"));
        } else {
            assertThat(degraded.at("/deliveryOrder/totalAmount")).isEqualTo(normal.at("/deliveryOrder/totalAmount"));
            assertThat(degraded.get("orderLines")).isEqualTo(normal.get("orderLines"));
        }
    }

    private static JsonNode withDegraded(JsonNode input, boolean degraded) {
        ObjectNode copy = input.deepCopy();
        ((ObjectNode) copy.get("command")).put("degraded", degraded);
        return copy;
    }
}
