package io.orderhub.connector.platform.jd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.orderhub.connector.api.FetchedOrder;
import io.orderhub.connector.api.OrderPage;
import io.orderhub.connector.api.PageRequest;
import io.orderhub.connector.api.PlatformException;
import io.orderhub.connector.api.PlatformException.Kind;
import io.orderhub.connector.api.PlatformRequest;
import io.orderhub.connector.api.PlatformResponse;
import io.orderhub.connector.api.ShopAccess;
import io.orderhub.connector.api.TokenGrant;
import io.orderhub.connector.platform.Wire;

class JdApiTest {

    static final ShopAccess SHOP = new ShopAccess("jd-1", "10622317", "appkey-1", "s3cret", "tok-1", "rt-1", null);
    static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");

    private final JdApi api = new JdApi();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void detailIsASignedRouterjsonPost() throws Exception {
        PlatformRequest r = api.orderDetail(SHOP, "249786309732", NOW);
        Map<String, String> p = Wire.form(r.body());

        assertThat(r.operation()).isEqualTo("jingdong.pop.order.get");
        assertThat(api.defaultBaseUrl(r.base()) + r.path()).isEqualTo("https://api.jd.com/routerjson");
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.query()).isEmpty();
        assertThat(p).containsOnlyKeys("method", "app_key", "access_token", "timestamp", "v", "360buy_param_json",
                "sign");
        assertThat(p).containsEntry("app_key", "appkey-1").containsEntry("access_token", "tok-1")
                .containsEntry("timestamp", "2024-05-01 18:00:00").containsEntry("v", "2.0");
        JsonNode business = json.readTree(p.get("360buy_param_json"));
        assertThat(business.get("order_id").asText()).isEqualTo("249786309732");
        assertThat(business.get("optional_fields").asText().split(",")).contains("orderId", "orderState",
                "modified", "consigneeInfo", "itemInfoList", "couponDetailList", "orderPayment", "balanceUsed");
        assertThat(p.get("sign")).isEqualTo(md5Signature(p, "s3cret"));
        assertThat(r.toString()).doesNotContain("tok-1", "s3cret");
    }

    @Test
    void searchByModificationAndByCreation() throws Exception {
        Instant from = Instant.parse("2024-04-30T16:00:00Z");
        JsonNode modified = json.readTree(Wire.form(api.listModified(SHOP, from, from.plusSeconds(1800),
                PageRequest.numbered(2, 100), NOW).body()).get("360buy_param_json"));
        JsonNode created = json.readTree(Wire.form(api.listCreated(SHOP, from, from.plusSeconds(1800),
                PageRequest.numbered(1, 50), NOW).body()).get("360buy_param_json"));

        assertThat(modified.get("dateType").asInt()).isZero();
        assertThat(created.get("dateType").asInt()).isEqualTo(1);
        assertThat(modified.get("start_date").asText()).isEqualTo("2024-05-01 00:00:00");
        assertThat(modified.get("end_date").asText()).isEqualTo("2024-05-01 00:30:00");
        assertThat(modified.get("page").asText()).isEqualTo("2");
        assertThat(modified.get("page_size").asText()).isEqualTo("100");
        assertThat(modified.get("order_state").asText().split(",")).contains("WAIT_SELLER_STOCK_OUT", "FINISHED_L",
                "TRADE_CANCELED", "LOCKED");
        List<String> names = new ArrayList<>();
        modified.fieldNames().forEachRemaining(names::add);
        assertThat(names).isSorted();
        assertThatThrownBy(() -> api.listModified(SHOP, from, from, PageRequest.numbered(1, 101), NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refreshIsTheDocumentedGetOnTheOauthHost() {
        PlatformRequest r = api.refreshToken(SHOP, NOW);
        assertThat(api.defaultBaseUrl(r.base()) + r.path()).isEqualTo("https://open-oauth.jd.com/oauth2/refresh_token");
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.query()).containsExactly(Map.entry("app_key", "appkey-1"), Map.entry("app_secret", "s3cret"),
                Map.entry("grant_type", "refresh_token"), Map.entry("refresh_token", "rt-1"));
        assertThat(r.toString()).doesNotContain("s3cret", "rt-1");
    }

    @Test
    void readsTheCapturedOrderInTheGetEnvelopeVerbatim() throws IOException {
        String info = new String(fixture(), StandardCharsets.UTF_8);
        byte[] body = ("{\"jingdong_pop_order_get_responce\":{\"code\":\"0\",\"orderDetailInfo\":{\"orderInfo\":"
                + info + ",\"apiResult\":{\"success\":true,\"numberCode\":10100000}}}}")
                .getBytes(StandardCharsets.UTF_8);
        FetchedOrder order = api.readOrderDetail(new PlatformResponse(200, Map.of(), body));
        assertThat(order.platformOrderId()).isEqualTo("249786309732");
        assertThat(order.body()).isEqualTo(body);
        assertThat(order.modifiedAt()).isEqualTo(Instant.parse("2022-07-16T08:38:32Z"));
    }

    @ParameterizedTest
    @CsvSource({
            "19, Invalid access_token, AUTH_EXPIRED",
            "2, App Call Limited, RATE_LIMITED",
            "12, Invalid Signature, PERMANENT",
            "15, Invalid Method, PERMANENT"})
    void classifiesGatewayErrors(String code, String en, Kind kind) {
        String body = "{\"error_response\":{\"code\":\"" + code + "\",\"zh_desc\":\"x\",\"en_desc\":\"" + en + "\"}}";
        assertKind(() -> api.readOrderDetail(response(200, body)), kind, code);
    }

    @Test
    void missingOrderInfoIsNotFoundAndServerErrorsAreTransient() {
        assertKind(() -> api.readOrderDetail(response(200, "{\"jingdong_pop_order_get_responce\":{\"code\":\"0\","
                + "\"orderDetailInfo\":{\"apiResult\":{\"success\":true}}}}")), Kind.NOT_FOUND, null);
        assertKind(() -> api.readPage(response(503, "busy")), Kind.TRANSIENT, "503");
    }

    @Test
    void failedApiResultIsPermanent() {
        assertKind(() -> api.readPage(response(200, "{\"jingdong_pop_order_search_responce\":{\"code\":\"0\","
                + "\"searchorderinfo_result\":{\"apiResult\":{\"success\":false,\"numberCode\":\"10100021\","
                + "\"englishErrCode\":\"invalid\"}}}}")), Kind.PERMANENT, "10100021");
    }

    @Test
    void readsASearchPage() {
        OrderPage page = api.readPage(response(200, """
                {"jingdong_pop_order_search_responce":{"code":"0","searchorderinfo_result":{"orderInfoList":[
                {"orderId":"249786309732","orderState":"WAIT_SELLER_STOCK_OUT","orderStartTime":"2022-07-16 16:37:38",
                 "modified":"2022-07-16 16:38:32"}],"orderTotal":3,"apiResult":{"success":true}}}}"""));
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.hasNext()).isTrue();
        assertThat(page.orders()).singleElement().satisfies(o -> {
            assertThat(o.platformOrderId()).isEqualTo("249786309732");
            assertThat(o.createdAt()).isEqualTo(Instant.parse("2022-07-16T08:37:38Z"));
            assertThat(o.status()).isEqualTo("WAIT_SELLER_STOCK_OUT");
        });
    }

    @Test
    void readsTheOauthTokenAndItsFailure() {
        TokenGrant grant = api.readToken(response(200, "{\"access_token\":\"new-at\",\"expires_in\":3600,"
                + "\"refresh_token\":\"new-rt\",\"scope\":\"snsapi_base\",\"time\":1714557600000,"
                + "\"token_type\":\"bearer\",\"code\":0}"), NOW);
        assertThat(grant.accessToken()).isEqualTo("new-at");
        assertThat(grant.refreshToken()).isEqualTo("new-rt");
        assertThat(grant.expiresAt()).isEqualTo(Instant.ofEpochMilli(1714557600000L).plusSeconds(3600));
        assertKind(() -> api.readToken(response(200, "{\"code\":401,\"msg\":\"refresh_token无效\"}"), NOW),
                Kind.PERMANENT, "401");
    }

    static PlatformResponse response(int status, String body) {
        return new PlatformResponse(status, Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] fixture() throws IOException {
        try (InputStream in = JdApiTest.class
                .getResourceAsStream("/sandbox/jd/jd__pop_order_orderInfo_captured.json")) {
            return in.readAllBytes();
        }
    }

    static void assertKind(Runnable call, Kind kind, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(PlatformException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.platformCode()).isEqualTo(code);
        });
    }

    /** upper hex MD5(secret + sorted name+value pairs + secret), JD's documented rule, computed independently. */
    private static String md5Signature(Map<String, String> params, String secret) throws Exception {
        StringBuilder text = new StringBuilder(secret);
        new TreeMap<>(params).forEach((k, v) -> {
            if (!k.equals("sign")) {
                text.append(k).append(v);
            }
        });
        text.append(secret);
        return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("MD5")
                .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
