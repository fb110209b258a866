package io.orderhub.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The sinks' wire formats and DingTalk's signature. The expected signature was computed outside Java (Python's
 * hmac/base64/urllib, as in DingTalk's own sample) for a timestamp whose base64 holds '+', '/' and '='.
 */
class AlertFormatsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final AlertMessages MESSAGES = new AlertMessages(ZoneId.of("Asia/Shanghai"));

    record Sink(String kind, String url, Optional<String> secret, String format, Optional<List<String>> kinds,
            Optional<List<String>> audiences, Optional<String> minSeverity) implements AlertsConfig.Sink {
    }

    static Alert alert() {
        ObjectNode detail = JSON.createObjectNode().put("waybillNo", "SF1234567890").put("hours", 49);
        return new Alert(UUID.fromString("0193a7c0-0000-7000-8000-000000000001"), "NO_CARRIER_UPDATE", "WARNING",
                "运单 SF1234567890 48 小时无物流更新", detail, Instant.parse("2026-11-30T02:00:00Z"), 1);
    }

    @Test
    void dingTalkSignatureMatchesTheDocumentedAlgorithm() {
        assertThat(DingTalkSign.sign("SECtest-dingtalk-secret", 1764480000004L))
                .isEqualTo("gN5O3JykCe2ZKJZQBS3htaUHsGoufQsh+U6t//+yXmo=");
        assertThat(DingTalkSign.signedUrl("https://oapi.dingtalk.com/robot/send?access_token=abc",
                "SECtest-dingtalk-secret", 1764480000004L))
                .isEqualTo("https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1764480000004"
                        + "&sign=gN5O3JykCe2ZKJZQBS3htaUHsGoufQsh%2BU6t%2F%2F%2ByXmo%3D");
    }

    @Test
    void dingTalkMarkdownAndText() {
        ObjectNode md = MESSAGES.body(new Sink("dingtalk", "u", Optional.empty(), "markdown", Optional.empty(),
                Optional.empty(), Optional.empty()), alert());
        assertThat(md.fieldNames()).toIterable().containsExactly("msgtype", "markdown");
        assertThat(md.path("msgtype").asText()).isEqualTo("markdown");
        assertThat(md.path("markdown").path("title").asText()).isEqualTo("OrderHub WARNING NO_CARRIER_UPDATE");
        assertThat(md.path("markdown").path("text").asText()).isEqualTo("""
                ### OrderHub WARNING NO_CARRIER_UPDATE

                **运单 SF1234567890 48 小时无物流更新**

                - waybillNo: SF1234567890
                - hours: 49

                > 2026-11-30 10:00:00 · alert 0193a7c0-0000-7000-8000-000000000001""");
        ObjectNode text = MESSAGES.body(new Sink("dingtalk", "u", Optional.empty(), "text", Optional.empty(),
                Optional.empty(), Optional.empty()), alert());
        assertThat(text.path("msgtype").asText()).isEqualTo("text");
        assertThat(text.path("text").path("content").asText()).startsWith("OrderHub WARNING NO_CARRIER_UPDATE\n");
    }

    @Test
    void weComMarkdownIsCutToItsByteLimit() {
        ObjectNode md = MESSAGES.body(new Sink("wecom", "u", Optional.empty(), "markdown", Optional.empty(),
                Optional.empty(), Optional.empty()), alert());
        assertThat(md.fieldNames()).toIterable().containsExactly("msgtype", "markdown");
        assertThat(md.path("markdown").fieldNames()).toIterable().containsExactly("content");
        assertThat(md.path("markdown").path("content").asText()).startsWith("### OrderHub WARNING NO_CARRIER_UPDATE");
        String cut = AlertMessages.fit("告警".repeat(3000), AlertMessages.WECOM_MARKDOWN_BYTES);
        assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
        assertThat(cut).endsWith("…").startsWith("告警告警");
    }

    @Test
    void genericWebhookGetsTheAlertAsJson() {
        ObjectNode hook = MESSAGES.body(new Sink("webhook", "u", Optional.empty(), "markdown", Optional.empty(),
                Optional.empty(), Optional.empty()), alert());
        assertThat(hook.path("alertId").asText()).isEqualTo("0193a7c0-0000-7000-8000-000000000001");
        assertThat(hook.path("kind").asText()).isEqualTo("NO_CARRIER_UPDATE");
        assertThat(hook.path("detail").path("hours").asInt()).isEqualTo(49);
        assertThat(hook.path("raisedAt").asText()).isEqualTo("2026-11-30T02:00:00Z");
        assertThat(Alert.of(hook)).isEqualTo(alert());
    }
}
