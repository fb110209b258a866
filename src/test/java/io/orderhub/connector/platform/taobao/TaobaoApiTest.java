package io.orderhub.connector.platform.taobao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.orderhub.connector.api.FetchedOrder;
import io.orderhub.connector.api.OrderPage;
import io.orderhub.connector.api.PageRequest;
import io.orderhub.connector.api.PlatformException;
import io.orderhub.connector.api.PlatformRequest;
import io.orderhub.connector.api.PlatformResponse;
import io.orderhub.connector.api.ShopAccess;
import io.orderhub.connector.api.TokenGrant;
import io.orderhub.connector.platform.Wire;

class TaobaoApiTest {

    static final ShopAccess SHOP = new ShopAccess("tb-1", "示例店", "12345678", "s3cret", "sess-1", "refresh-1", null);
    static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");

    private final TaobaoApi api = new TaobaoApi();

    @Test
    void detailIsASignedFormPostToTheRouter() throws Exception {
        PlatformRequest r = api.orderDetail(SHOP, "3812456790123456789", NOW);
        Map<String, String> p = Wire.form(r.body());

        assertThat(r.operation()).isEqualTo("taobao.trade.fullinfo.get");
        assertThat(r.base()).isEqualTo(PlatformRequest.Base.API);
        assertThat(api.defaultBaseUrl(r.base()) + r.path()).isEqualTo("https://eco.taobao.com/router/rest");
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.query()).isEmpty();
        assertThat(r.contentType()).startsWith("application/x-www-form-urlencoded");
        assertThat(p).containsEntry("method", "taobao.trade.fullinfo.get").containsEntry("app_key", "12345678")
                .containsEntry("session", "sess-1").containsEntry("timestamp", "2024-05-01 18:00:00")
                .containsEntry("format", "json").containsEntry("v", "2.0").containsEntry("sign_method", "hmac-sha256")
                .containsEntry("tid", "3812456790123456789");
        assertThat(p.get("fields").split(",")).contains("tid_str", "status", "modified", "orders", "receiver_mobile",
                "step_trade_status", "step_paid_fee", "send_time", "receiver_country", "buyer_open_uid", "oaid");
        assertThat(p.get("sign")).isEqualTo(hmacSha256(p, "s3cret"));
        assertThat(r.toString()).doesNotContain("sess-1", "s3cret");
    }

    @Test
    void md5VariantSignsWithTheSecretAroundTheParameters() throws Exception {
        Map<String, String> p = Wire.form(new TaobaoApi("md5").orderDetail(SHOP, "1", NOW).body());
        StringBuilder text = new StringBuilder("s3cret");
        new TreeMap<>(p).forEach((k, v) -> {
            if (!k.equals("sign")) {
                text.append(k).append(v);
            }
        });
        byte[] md5 = MessageDigest.getInstance("MD5").digest((text + "s3cret").getBytes(StandardCharsets.UTF_8));
        assertThat(p).containsEntry("sign_method", "md5").containsEntry("sign", HexFormat.of().withUpperCase()
                .formatHex(md5));
    }

    @Test
    void listModifiedAsksForTheTotalInBeijingTime() {
        PlatformRequest r = api.listModified(SHOP, Instant.parse("2024-04-30T16:00:00Z"),
                Instant.parse("2024-04-30T16:30:00Z"), PageRequest.numbered(3, 100), NOW);
        assertThat(Wire.form(r.body())).containsEntry("method", "taobao.trades.sold.increment.get")
                .containsEntry("start_modified", "2024-05-01 00:00:00")
                .containsEntry("end_modified", "2024-05-01 00:30:00").containsEntry("page_no", "3")
                .containsEntry("page_size", "100").containsEntry("use_has_next", "false");
        assertThat(api.maxWindow()).hasDays(1);
        assertThat(api.maxPageSize()).isEqualTo(100);
    }

    @Test
    void listCreatedUsesTheCreatedBounds() {
        Map<String, String> p = Wire.form(api.listCreated(SHOP, Instant.parse("2024-04-29T16:00:00Z"),
                Instant.parse("2024-04-30T16:00:00Z"), PageRequest.numbered(1, 50), NOW).body());
        assertThat(p).containsEntry("method", "taobao.trades.sold.get")
                .containsEntry("start_created", "2024-04-30 00:00:00")
                .containsEntry("end_created", "2024-05-01 00:00:00").doesNotContainKey("start_modified");
    }

    @Test
    void pageSizeAboveTopsLimitIsRefusedBeforeSending() {
        assertThatThrownBy(() -> api.listModified(SHOP, NOW.minusSeconds(60), NOW, PageRequest.numbered(1, 101), NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refreshCarriesTheRefreshTokenAndNoSession() {
        Map<String, String> p = Wire.form(api.refreshToken(SHOP, NOW).body());
        assertThat(p).containsEntry("method", "taobao.top.auth.token.refresh")
                .containsEntry("refresh_token", "refresh-1").doesNotContainKey("session");
    }

    @Test
    void readsTheCapturedFullinfoResponseVerbatim() throws IOException {
        byte[] body = fixture();
        FetchedOrder order = api.readOrderDetail(new PlatformResponse(200, Map.of(), body));
        assertThat(order.platformOrderId()).isEqualTo("452790065331038");
        assertThat(order.body()).isEqualTo(body);
        assertThat(order.modifiedAt()).isEqualTo(Instant.parse("2014-01-30T16:18:01Z")); // 2014-01-31 00:18:01 +08
    }

    @ParameterizedTest
    @CsvSource({
            "27, Invalid session, invalid-sessionkey, AUTH_EXPIRED",
            "7, App Call Limited, accesscontrol.limited-by-app-access-count, RATE_LIMITED",
            "15, Remote service error, isv.trade-not-exist, NOT_FOUND",
            "15, Remote service error, isp.top-remote-connection-timeout, TRANSIENT",
            "10, Service Currently Unavailable, '', TRANSIENT",
            "25, Invalid signature, '', PERMANENT",
            "15, Remote service error, isv.invalid-parameter, PERMANENT"})
    void classifiesTopErrors(String code, String msg, String subCode, PlatformException.Kind kind) {
        String sub = subCode.isEmpty() ? "" : ",\"sub_code\":\"" + subCode + "\",\"sub_msg\":\"x\"";
        String body = "{\"error_response\":{\"code\":" + code + ",\"msg\":\"" + msg + "\"" + sub
                + ",\"request_id\":\"r1\"}}";
        assertThatThrownBy(() -> api.readOrderDetail(response(200, body)))
                .isInstanceOfSatisfying(PlatformException.class, e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.platformCode()).isEqualTo(subCode.isEmpty() ? code : subCode);
                });
    }

    @Test
    void http5xxIsTransient() {
        assertThatThrownBy(() -> api.readPage(response(502, "<html>bad gateway</html>")))
                .isInstanceOfSatisfying(PlatformException.class,
                        e -> assertThat(e.kind()).isEqualTo(PlatformException.Kind.TRANSIENT));
    }

    @Test
    void readsAPageWithTotalAndHasNext() {
        OrderPage page = api.readPage(response(200, """
                {"trades_sold_increment_get_response":{"total_results":3,"has_next":true,"trades":{"trade":[
                {"tid":3812456790123456789,"tid_str":"3812456790123456789","status":"WAIT_SELLER_SEND_GOODS",
                 "created":"2024-04-10 21:05:11","modified":"2024-04-10 21:06:00"}]}}}"""));
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.hasNext()).isTrue();
        assertThat(page.orders()).singleElement().satisfies(o -> {
            assertThat(o.platformOrderId()).isEqualTo("3812456790123456789");
            assertThat(o.modifiedAt()).isEqualTo(Instant.parse("2024-04-10T13:06:00Z"));
            assertThat(o.status()).isEqualTo("WAIT_SELLER_SEND_GOODS");
        });
    }

    @Test
    void anEmptyPageHasNoTradesAndNoNext() {
        OrderPage page = api.readPage(response(200, "{\"trades_sold_get_response\":{\"total_results\":0}}"));
        assertThat(page.orders()).isEmpty();
        assertThat(page.hasNext()).isFalse();
    }

    @Test
    void readsTheTokenResultString() {
        TokenGrant grant = api.readToken(response(200, """
                {"top_auth_token_refresh_response":{"token_result":"{\\"access_token\\":\\"new-at\\",\
                \\"refresh_token\\":\\"new-rt\\",\\"expires_in\\":86400,\\"expire_time\\":1714644000000}"}}"""),
                NOW);
        assertThat(grant.accessToken()).isEqualTo("new-at");
        assertThat(grant.refreshToken()).isEqualTo("new-rt");
        assertThat(grant.expiresAt()).isEqualTo(Instant.ofEpochMilli(1714644000000L));
        assertThat(grant.toString()).doesNotContain("new-at", "new-rt");
    }

    static PlatformResponse response(int status, String body) {
        return new PlatformResponse(status, Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] fixture() throws IOException {
        try (InputStream in = TaobaoApiTest.class
                .getResourceAsStream("/sandbox/taobao/taobao__trade_fullinfo_get_response_jdp_rds_captured.json")) {
            return in.readAllBytes();
        }
    }

    private static String hmacSha256(Map<String, String> params, String secret) throws Exception {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(params).forEach((k, v) -> {
            if (!k.equals("sign")) {
                text.append(k).append(v);
            }
        });
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().withUpperCase().formatHex(mac.doFinal(text.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
