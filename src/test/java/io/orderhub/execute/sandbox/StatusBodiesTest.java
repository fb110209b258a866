package io.orderhub.execute.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.orderhub.support.Fixtures;
import io.orderhub.web.HttpReplies;

/** The bodies sent back to the hub: Kuaidi100's push as in the captured sample, and the WMS outbound JSON. */
class StatusBodiesTest {

    static final Instant AT = Instant.parse("2026-11-30T01:57:03Z");

    static Set<String> fields(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void theKuaidi100ParamHasTheCapturedPushsShape() throws Exception {
        JsonNode sample = HttpReplies.mapper()
                .readTree(Fixtures.bytes("kuaidi100__poll_push_param_yuantong_2023_masked.json"));
        StatusBodies.Node pickup = StatusBodies.node(StatusEvent.Kind.PICKUP, "WH-HZ", AT);
        JsonNode ours = HttpReplies.mapper().valueToTree(
                StatusBodies.kuaidi100Param("YT6074326614455", "yuantong", StatusEvent.Kind.PICKUP, List.of(pickup)));

        assertThat(fields(ours)).containsAll(fields(sample));
        assertThat(fields(ours.path("lastResult"))).containsAll(fields(sample.path("lastResult")));
        assertThat(fields(ours.at("/lastResult/data/0"))).containsAll(Set.of("time", "context", "ftime", "status"));
        assertThat(ours.path("status").asText()).isEqualTo(sample.path("status").asText()).isEqualTo("polling");
        assertThat(ours.at("/lastResult/state").asText()).isEqualTo(sample.at("/lastResult/state").asText());
        assertThat(ours.at("/lastResult/data/0/time").asText()).isEqualTo("2026-11-30 09:57:03");
        assertThat(ours.at("/lastResult/data/0/context").asText()).contains("WH-HZ");
    }

    @Test
    void deliveryEndsTheSubscriptionWithTheWholeHistoryNewestFirst() {
        List<StatusBodies.Node> history = List.of(
                StatusBodies.node(StatusEvent.Kind.DELIVERED, "x", AT.plusSeconds(7200)),
                StatusBodies.node(StatusEvent.Kind.IN_TRANSIT, "x", AT.plusSeconds(3600)),
                StatusBodies.node(StatusEvent.Kind.PICKUP, "x", AT));
        JsonNode param = HttpReplies.mapper().valueToTree(
                StatusBodies.kuaidi100Param("SF100000000001", "shunfeng", StatusEvent.Kind.DELIVERED, history));

        assertThat(param.path("status").asText()).isEqualTo("shutdown");
        assertThat(param.path("billstatus").asText()).isEqualTo("check");
        assertThat(param.at("/lastResult/state").asText()).isEqualTo("3");
        assertThat(param.at("/lastResult/ischeck").asText()).isEqualTo("1");
        assertThat(param.at("/lastResult/data")).extracting(n -> n.path("status").asText())
                .containsExactly("签收", "在途", "揽收");
    }

    @Test
    void theFormCarriesParamAndItsUpperCaseMd5Sign() {
        String param = "{\"status\":\"polling\"}";
        String form = StatusBodies.form(param, "salt");
        Map<String, String> fields = DownstreamEndpoint.decode(form);

        assertThat(fields.get("param")).isEqualTo(param);
        // md5('{"status":"polling"}salt'), upper case
        assertThat(fields.get("sign")).isEqualTo(StatusBodies.sign(param, "salt")).matches("[0-9A-F]{32}");
        assertThat(URLDecoder.decode(form.substring(6, form.indexOf('&')), StandardCharsets.UTF_8)).isEqualTo(param);
    }

    @Test
    void theWmsOutboundEventAndItsLimits() {
        assertThat(StatusBodies.wms("DO-1", "WH-HZ", AT, "SF100000000001")).containsExactly(
                Map.entry("orderCode", "DO-1"), Map.entry("status", "OUTBOUND"), Map.entry("warehouse", "WH-HZ"),
                Map.entry("operateTime", "2026-11-30 09:57:03"), Map.entry("waybillNo", "SF100000000001"));
        assertThat(StatusBodies.com("yto", null)).isEqualTo("yuantong");
        assertThat(StatusBodies.com(null, "YT123")).isEqualTo("yuantong");
        assertThat(StatusBodies.com(null, "SF123")).isEqualTo("shunfeng");
        assertThatThrownBy(() -> new StatusEvent(StatusEvent.Kind.PICKUP, null, null, AT))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
