package io.orderhub.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.bucket4j.TimeMeter;
import io.orderhub.archive.RawPayload;
import io.orderhub.config.OrderHubConfig;
import io.orderhub.ingress.signature.DouyinSignature;
import io.orderhub.ingress.signature.ShopifySignature;
import io.orderhub.ingress.signature.WechatSignature;
import io.orderhub.ingress.signature.YouzanSignature;
import io.orderhub.support.Fixtures;
import io.orderhub.support.Requests;
import io.orderhub.support.Signing;
import io.orderhub.support.TestConfigs;

/** The gate built by hand from its real collaborators, one test per answer of the intake contract. */
class IntakeGateTest {

    private static final int MAX_BODY = 4096;
    private static final byte[] ORDER = "{\"orderNo\":\"POS-1\",\"lines\":[{\"sku\":\"A\",\"qty\":1}]}"
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] DOUYIN_PUSH = Fixtures.bytes("douyin_doudian__push_TradePaid.json");

    /** A clock that never moves: rate limits are exact, whatever the machine's load. */
    private static final TimeMeter FROZEN = new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return 0;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    };

    private final IntakeGate gate;

    IntakeGateTest() throws Exception {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("orderhub.intake.max-body-bytes", Integer.toString(MAX_BODY));
        properties.put("orderhub.shops.pos-main.channel", "pos");
        properties.put("orderhub.shops.pos-main.intake-token-sha256", Signing.sha256Hex("pos-token"));
        properties.put("orderhub.shops.pos-limited.channel", "pos");
        properties.put("orderhub.shops.pos-limited.intake-token-sha256", Signing.sha256Hex("slow-token"));
        properties.put("orderhub.shops.pos-limited.rate-per-second", "1");
        properties.put("orderhub.shops.dy-main.channel", "douyin");
        properties.put("orderhub.shops.dy-main.push.app-key", "dy-app");
        properties.put("orderhub.shops.dy-main.push.secret", "dy-secret");
        OrderHubConfig config = TestConfigs.config(properties);
        IntakeAuthenticator authenticator = new IntakeAuthenticator(new ShopRegistry(config), List.of(
                new DouyinSignature(), new YouzanSignature(), new WechatSignature(config), new ShopifySignature()));
        gate = new IntakeGate(authenticator, new ShopRateLimiter(config, FROZEN), config);
    }

    private static String eventSign(byte[] body, String secret) {
        return Signing.douyinEventSign("dy-app", body, secret);
    }

    private IntakeRejection refused(IntakeRequest request, int status, String reason) {
        IntakeRejection rejection = catchThrowableOfType(IntakeRejection.class, () -> gate.check(request));
        assertThat(rejection).as("expected %d %s", status, reason).isNotNull();
        assertThat(rejection.status()).isEqualTo(status);
        assertThat(rejection.reason()).isEqualTo(reason);
        return rejection;
    }

    // --- accepted -------------------------------------------------------------------------------------------------

    @Test
    void tokenAuthenticatedOrderBecomesAnArchivablePayload() throws Exception {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        RawPayload payload = gate.check(Requests.request("pos", "application/json; charset=UTF-8", ORDER,
                "Authorization", "Bearer pos-token"));

        assertThat(payload.channel()).isEqualTo("pos");
        assertThat(payload.shopKey()).isEqualTo("pos-main");
        assertThat(payload.authKind()).isEqualTo("token");
        assertThat(payload.contentType()).isEqualTo("application/json; charset=UTF-8");
        assertThat(payload.body()).isEqualTo(ORDER);
        assertThat(payload.sha256()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(ORDER));
        assertThat(payload.receiptId()).isNotNull();
        assertThat(payload.receivedAt()).isBetween(before, Instant.now());
    }

    @Test
    void signedPushBecomesAnArchivablePayload() throws Exception {
        RawPayload payload = gate.check(Requests.json("douyin", DOUYIN_PUSH, "app-id", "dy-app", "event-sign",
                eventSign(DOUYIN_PUSH, "dy-secret")));

        assertThat(payload.channel()).isEqualTo("douyin");
        assertThat(payload.shopKey()).isEqualTo("dy-main");
        assertThat(payload.authKind()).isEqualTo("signature");
        assertThat(payload.headers()).containsEntry("event-sign", eventSign(DOUYIN_PUSH, "dy-secret"))
                .containsEntry("app-id", "dy-app");
    }

    @Test
    void everyAcceptedRequestGetsItsOwnTimeOrderedReceiptId() {
        IntakeRequest request = Requests.json("pos", ORDER, "Authorization", "Bearer pos-token");
        RawPayload first = gate.check(request);
        RawPayload second = gate.check(request);

        assertThat(second.receiptId()).isNotEqualTo(first.receiptId());
        assertThat(first.receiptId().version()).isEqualTo(7);
        assertThat(second.receiptId().compareTo(first.receiptId())).isPositive();
        assertThat(second.sha256()).isEqualTo(first.sha256());
    }

    @Test
    void bodyOfExactlyTheLimitIsAccepted() {
        byte[] body = new byte[MAX_BODY];
        Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[MAX_BODY - 1] = '}';

        assertThat(gate.check(Requests.json("pos", body, "Authorization", "Bearer pos-token")).body())
                .hasSize(MAX_BODY);
    }

    @Test
    void credentialsAndTransportHeadersAreNotArchived() {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer pos-token");
        headers.put("Cookie", "session=1");
        headers.put("Proxy-Authorization", "Basic x");
        headers.put("Host", "hub.example");
        headers.put("Content-Length", "52");
        headers.put("CamelHttpUri", "/api/v1/intake/pos");
        headers.put("CamelHttpQuery", "signature=abc&timestamp=1");
        headers.put("X-Shopify-Topic", "orders/create");
        headers.put("X-Long", "x".repeat(5000));
        headers.put("X-Null", null);

        Map<String, String> kept = IntakeGate.archivedHeaders(headers);

        assertThat(kept).containsOnlyKeys("CamelHttpQuery", "X-Shopify-Topic", "X-Long");
        assertThat(kept.get("X-Long")).hasSize(2048);
    }

    // --- refused, one per error of the contract ----------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"wechat", "TAOBAO", "amazon", "", "pos/../jd"})
    @NullSource
    void unknownChannelIs404(String channelPath) {
        IntakeRejection rejection = refused(Requests.json(channelPath, ORDER, "Authorization", "Bearer pos-token"),
                404, "unknown_channel");

        assertThat(rejection.getMessage()).contains(String.valueOf(channelPath));
    }

    @ParameterizedTest
    @ValueSource(strings = {"image/png", "application/octet-stream", "multipart/form-data; boundary=x", "json"})
    @NullSource
    void unsupportedMediaTypeIs415(String contentType) {
        refused(Requests.request("pos", contentType, ORDER, "Authorization", "Bearer pos-token"), 415,
                "unsupported_media_type");
    }

    @Test
    void bodyOverTheLimitIs413() {
        byte[] body = new byte[MAX_BODY + 1];
        Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[MAX_BODY] = '}';

        IntakeRejection rejection = refused(Requests.json("pos", body, "Authorization", "Bearer pos-token"), 413,
                "payload_too_large");
        assertThat(rejection.getMessage()).contains(Integer.toString(MAX_BODY + 1), Integer.toString(MAX_BODY));
    }

    @Test
    void missingCredentialsIs401Unauthorized() {
        refused(Requests.json("pos", ORDER), 401, "unauthorized");
    }

    @Test
    void wrongTokenIs401Unauthorized() {
        refused(Requests.json("pos", ORDER, "Authorization", "Bearer not-the-token"), 401, "unauthorized");
    }

    @Test
    void pushWithWrongSignatureIs401BadSignature() throws Exception {
        refused(Requests.json("douyin", DOUYIN_PUSH, "app-id", "dy-app", "event-sign",
                eventSign(DOUYIN_PUSH, "forged-secret")), 401, "bad_signature");
    }

    @Test
    void shopOverItsRateIs429WithRetryAfter() {
        IntakeRequest request = Requests.json("pos", ORDER, "Authorization", "Bearer slow-token");
        gate.check(request);

        IntakeRejection rejection = refused(request, 429, "rate_limited");
        assertThat(rejection.retryAfterSeconds()).isGreaterThanOrEqualTo(1);
        // the other shop on the same channel is not slowed down
        assertThat(gate.check(Requests.json("pos", ORDER, "Authorization", "Bearer pos-token")).shopKey())
                .isEqualTo("pos-main");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"orderNo\":", "not json", "42", "{} {}"})
    void malformedJsonIs400(String body) {
        refused(Requests.json("pos", body.getBytes(StandardCharsets.UTF_8), "Authorization", "Bearer pos-token"),
                400, "malformed_payload");
    }

    @Test
    void xmlWithDtdIs400() {
        byte[] body = "<?xml version=\"1.0\"?><!DOCTYPE o [<!ENTITY e \"x\">]><o>1</o>"
                .getBytes(StandardCharsets.UTF_8);

        refused(Requests.request("pos", "application/xml", body, "Authorization", "Bearer pos-token"), 400,
                "malformed_payload");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {""})
    void missingOrEmptyBodyIs400(String body) {
        byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);

        refused(Requests.json("pos", bytes, "Authorization", "Bearer pos-token"), 400, "malformed_payload");
    }

    // --- cheap checks first: what a refused request is told ----------------------------------------------------

    @Test
    void sizeAndMediaTypeAreCheckedBeforeCredentials() {
        byte[] huge = new byte[MAX_BODY + 1];
        refused(Requests.json("pos", huge), 413, "payload_too_large");
        refused(Requests.request("pos", "image/png", ORDER), 415, "unsupported_media_type");
        refused(Requests.json("nope", ORDER), 404, "unknown_channel");
    }

    @Test
    void unauthenticatedCallersLearnNothingAboutTheBody() {
        refused(Requests.json("pos", "{broken".getBytes(StandardCharsets.UTF_8)), 401, "unauthorized");
    }

    @Test
    void rateLimitIsCheckedBeforeTheBodyIsParsed() {
        IntakeRequest broken = Requests.json("pos", "{broken".getBytes(StandardCharsets.UTF_8), "Authorization",
                "Bearer slow-token");
        refused(broken, 400, "malformed_payload"); // spends the one permit

        refused(broken, 429, "rate_limited");
    }
}
