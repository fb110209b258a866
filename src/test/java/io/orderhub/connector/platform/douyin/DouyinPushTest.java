package io.orderhub.connector.platform.douyin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.orderhub.connector.sandbox.SandboxOrder;
import io.orderhub.connector.sandbox.SandboxPush;
import io.orderhub.connector.sandbox.SandboxShop;
import io.orderhub.ingress.Channel;
import io.orderhub.ingress.IntakeRequest;
import io.orderhub.ingress.signature.DouyinSignature;
import io.orderhub.mapping.MappingEngine;
import io.orderhub.mapping.MappingResult;
import io.orderhub.support.Shops;
import io.orderhub.support.Signing;

class DouyinPushTest {

    static final SandboxShop SHOP = new SandboxShop("dy-shop", "77977", "7001", "secret-1", "token-1", "refresh-1",
            "push-secret");
    static final Instant CREATED = Instant.parse("2026-05-01T02:00:00Z");
    static final Instant MODIFIED = Instant.parse("2026-05-01T02:05:00Z");
    static MappingEngine engine;
    private final DouyinSandbox sandbox = new DouyinSandbox();

    @BeforeAll
    static void loadMappings() throws IOException {
        engine = MappingEngine.load(Path.of("mappings"));
    }

    @ParameterizedTest
    @CsvSource({"2, 101, pay_time, 2026-05-01T02:05:00Z", "1, 100, create_time, 2026-05-01T02:00:00Z",
            "5, 103, complete_time, 2026-05-01T02:05:00Z", "4, 106, cancel_time, 2026-05-01T02:05:00Z",
            "101, 108, update_time, 2026-05-01T02:05:00Z"})
    void thinPushIsTheWireArraySignedAndMapsToANotice(String status, String tag, String timeField, String at)
            throws IOException {
        SandboxOrder order = new SandboxOrder(Channel.DOUYIN, "dy-shop", "4705288465508532862", CREATED, MODIFIED,
                status, 0);
        SandboxPush push = sandbox.thinPush(order, SHOP).orElseThrow();

        JsonNode wire = DouyinWire.JSON.readTree(push.body());
        assertThat(wire.isArray()).isTrue();
        assertThat(wire.get(0).get("tag").asText()).isEqualTo(tag);
        assertThat(wire.get(0).get("msg_id").asText()).isNotBlank();
        assertThat(wire.get(0).get("data").isTextual()).as("data is a JSON string on the wire").isTrue();
        JsonNode data = DouyinWire.JSON.readTree(wire.get(0).get("data").asText());
        assertThat(data.get("p_id").isIntegralNumber()).isTrue();
        assertThat(data.get("p_id").bigIntegerValue().toString()).isEqualTo("4705288465508532862");
        assertThat(data.get(timeField).asLong()).isEqualTo(Instant.parse(at).getEpochSecond());
        assertThat(data.has("post_receiver_msg") || data.has("receiver_msg")).as("thin: no personal data").isFalse();

        assertThat(push.headers()).containsEntry("app-id", "7001")
                .containsEntry("event-sign", Signing.douyinEventSign("7001", push.body(), "push-secret"));
        Map<String, Object> headers = new HashMap<>(push.headers());
        IntakeRequest intake = new IntakeRequest("douyin", push.contentType(), push.body(), headers);
        assertThat(new DouyinSignature().verify(intake,
                List.of(Shops.pushShop("dy-shop", Channel.DOUYIN, "77977", "7001", "push-secret")))).isPresent();

        MappingResult result = engine.map("douyin", push.body(), push.contentType(), "dy-shop");
        assertThat(result).isInstanceOfSatisfying(MappingResult.Notice.class, n -> {
            assertThat(n.platformOrderId()).isEqualTo("4705288465508532862");
            assertThat(n.platformStatus()).isEqualTo(status);
            assertThat(n.updatedAt()).isEqualTo(at);
        });
    }
}
