package io.orderhub.connector.platform.douyin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

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

class DouyinApiTest {

    static final ShopAccess SHOP = new ShopAccess("dy-shop", "77977", "7001", "secret-1", "token-1", "refresh-1",
            null);
    static final Instant NOW = Instant.parse("2021-04-02T09:30:00Z");
    private final DouyinApi api = new DouyinApi();

    @Test
    void detailIsAPostWithSignedQueryAndParamJsonBody() {
        PlatformRequest r = api.orderDetail(SHOP, "4781320682406083640", NOW);
        String json = new String(r.body(), StandardCharsets.UTF_8);

        assertThat(api.defaultBaseUrl(r.base()) + r.path())
                .isEqualTo("https://openapi-fxg.jinritemai.com/order/orderDetail");
        assertThat(r.method()).isEqualTo("POST");
        assertThat(json).isEqualTo("{\"shop_order_id\":\"4781320682406083640\"}");
        assertThat(r.query()).containsOnlyKeys("app_key", "method", "access_token", "timestamp", "v", "sign",
                "sign_method");
        assertThat(r.query()).containsEntry("method", "order.orderDetail").containsEntry("v", "2")
                .containsEntry("timestamp", String.valueOf(NOW.getEpochSecond()))
                .containsEntry("sign_method", "hmac-sha256").containsEntry("access_token", "token-1");
        assertThat(r.query().get("sign")).isEqualTo(DouyinSign.sign("hmac-sha256", "7001", "secret-1",
                "order.orderDetail", json, r.query().get("timestamp"))).matches("[0-9a-f]{64}");
        assertThat(r.toString()).doesNotContain("token-1", "secret-1");
    }

    @Test
    void modifiedListSortsByUpdateTimeAscendingFromPageZero() {
        Instant from = NOW.minusSeconds(3600);
        PlatformRequest r = api.listModified(SHOP, from, NOW, PageRequest.numbered(1, 100), NOW);

        assertThat(r.path()).isEqualTo("/order/searchList");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"order_asc\":true,"
                + "\"order_by\":\"update_time\",\"page\":0,\"size\":100,\"update_time_end\":" + NOW.getEpochSecond()
                + ",\"update_time_start\":" + from.getEpochSecond() + "}");
        assertThatThrownBy(() -> api.listModified(SHOP, from, NOW, PageRequest.numbered(1, 101), NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void createdListFiltersAndSortsByCreateTime() {
        PlatformRequest r = api.listCreated(SHOP, NOW.minusSeconds(60), NOW, PageRequest.numbered(3, 50), NOW);

        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("\"create_time_start\":")
                .contains("\"order_by\":\"create_time\"").contains("\"page\":2").doesNotContain("update_time");
    }

    @Test
    void refreshSendsGrantTypeAndRefreshTokenWithoutAccessToken() {
        PlatformRequest r = api.refreshToken(SHOP, NOW);

        assertThat(r.path()).isEqualTo("/token/refresh");
        assertThat(r.query()).containsEntry("method", "token.refresh").doesNotContainKey("access_token");
        assertThat(new String(r.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"grant_type\":\"refresh_token\",\"refresh_token\":\"refresh-1\"}");
    }

    @Test
    void readsTheOrderDetailDocExampleVerbatim() throws IOException {
        byte[] body = Files
                .readAllBytes(
                        Path.of("src/main/resources/sandbox/douyin/douyin_doudian__order_orderDetail_response.json"));
        FetchedOrder order = api.readOrderDetail(new PlatformResponse(200, Map.of(), body));

        assertThat(order.platformOrderId()).isEqualTo("4781320682406083640");
        assertThat(order.modifiedAt()).isEqualTo(Instant.ofEpochSecond(1617355413));
        assertThat(order.body()).isEqualTo(body);
    }

    @Test
    void readsTheSearchListDocExample() throws IOException {
        byte[] body = Files
                .readAllBytes(
                        Path.of("src/main/resources/sandbox/douyin/douyin_doudian__order_searchList_response.json"));
        OrderPage page = api.readPage(new PlatformResponse(200, Map.of(), body));

        assertThat(page.total()).isEqualTo(1000);
        assertThat(page.hasNext()).isTrue(); // page 0 of size 20 out of 1000
        assertThat(page.orders()).hasSize(1);
        assertThat(page.orders().get(0).platformOrderId()).isEqualTo("4781320682406083640");
        assertThat(page.orders().get(0).status()).isEqualTo("103"); // main_status
        assertThat(page.orders().get(0).createdAt()).isEqualTo(Instant.ofEpochSecond(1617355413));
    }

    @ParameterizedTest
    @CsvSource({"200, 40003, isv.access-token-expired, AUTH_EXPIRED",
            "200, 40003, isv.access-token-no-existed, AUTH_EXPIRED", "200, 60000, '', RATE_LIMITED",
            "200, 20000, isp.service-error:20005, TRANSIENT", "200, 50002, isv.business-failed:20004, TRANSIENT",
            "200, 40004, isv.parameter-invalid:20001, NOT_FOUND", "200, 50002, isv.business-failed:20015, NOT_FOUND",
            "200, 40003, isv.signature-invalid, PERMANENT", "200, 30001, dop.authorization-no-existed, PERMANENT",
            "502, 0, '', TRANSIENT"})
    void classifiesErrors(int http, int code, String subCode, PlatformException.Kind kind) {
        String json = code == 0
                ? "<html>bad gateway</html>"
                : "{\"code\":" + code + ",\"msg\":\"m\",\"sub_code\":\"" + subCode
                        + "\",\"sub_msg\":\"s\",\"log_id\":\"l\",\"data\":{}}";
        PlatformResponse response = new PlatformResponse(http, Map.of(), json.getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> api.readOrderDetail(response)).isInstanceOfSatisfying(PlatformException.class,
                e -> assertThat(e.kind()).isEqualTo(kind));
    }

    @Test
    void oldStyleErrNoIsAnErrorToo() {
        PlatformResponse response = new PlatformResponse(200, Map.of(),
                "{\"data\":{},\"err_no\":30002,\"message\":\"ip\"}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> api.readPage(response)).isInstanceOfSatisfying(PlatformException.class,
                e -> assertThat(e.platformCode()).isEqualTo("30002"));
    }

    @Test
    void readsTheRefreshedToken() {
        // data fields of token.create / token.refresh as the official SDK declares them (CreateTokenData)
        String json = """
                {"code":10000,"msg":"success","sub_code":"","sub_msg":"","log_id":"l","data":{"access_token":"new-at",
                "expires_in":604800,"scope":"SCOPE","shop_id":"77977","shop_name":"刘好好严选","refresh_token":"new-rt",
                "authority_id":"","auth_subject_type":"MiniShop"}}""";
        TokenGrant grant = api.readToken(new PlatformResponse(200, Map.of(), json.getBytes(StandardCharsets.UTF_8)),
                NOW);

        assertThat(grant.accessToken()).isEqualTo("new-at");
        assertThat(grant.refreshToken()).isEqualTo("new-rt");
        assertThat(grant.expiresAt()).isEqualTo(NOW.plusSeconds(604800));
    }
}
