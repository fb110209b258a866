package io.orderhub.connector.platform.youzan;

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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.orderhub.connector.api.FetchedOrder;
import io.orderhub.connector.api.OrderPage;
import io.orderhub.connector.api.PageRequest;
import io.orderhub.connector.api.PlatformException;
import io.orderhub.connector.api.PlatformRequest;
import io.orderhub.connector.api.PlatformResponse;
import io.orderhub.connector.api.ShopAccess;
import io.orderhub.connector.api.TokenGrant;

/**
 * Request building and response reading of {@link YouzanApi}. Youzan signs no request (the access token in the query
 * is the credential, open-sdk-php HttpConfig::REQUEST_PATH), so there is no signature known-answer test here.
 */
class YouzanApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ShopAccess SHOP = new ShopAccess("yz-1", "13027865", "c346b8b39599aaa677", "the-secret",
            "access-1", "refresh-1", null);
    private static final Instant NOW = Instant.parse("2024-05-01T02:00:00Z");

    private final YouzanApi api = new YouzanApi();

    @Test
    void detailIsAJsonPostWithTheTokenInTheQuery() throws IOException {
        PlatformRequest request = api.orderDetail(SHOP, "E20210307175649090904167", NOW);

        assertThat(request.base()).isEqualTo(PlatformRequest.Base.API);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/youzan.trade.get/4.0.2");
        assertThat(request.query()).containsExactly(Map.entry("access_token", "access-1"));
        assertThat(request.contentType()).startsWith("application/json");
        assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree("{\"tid\":\"E20210307175649090904167\"}"));
        assertThat(api.defaultBaseUrl(request.base())).isEqualTo("https://open.youzanyun.com");
        assertThat(request.toString()).doesNotContain("access-1");
    }

    @Test
    void listsSendBeijingTimesAndNumberedPages() throws IOException {
        Instant from = Instant.parse("2024-04-30T16:00:00Z");
        Instant to = Instant.parse("2024-04-30T17:30:05Z");

        JsonNode modified = JSON.readTree(api.listModified(SHOP, from, to, PageRequest.numbered(3, 50), NOW).body());
        JsonNode created = JSON.readTree(api.listCreated(SHOP, from, to, PageRequest.numbered(1, 500), NOW).body());

        assertThat(modified).isEqualTo(JSON.readTree(
                """
                        {"start_update":"2024-05-01 00:00:00","end_update":"2024-05-01 01:30:05","page_no":3,"page_size":50}"""));
        assertThat(created.path("start_created").asText()).isEqualTo("2024-05-01 00:00:00");
        assertThat(created.path("page_size").asInt()).isEqualTo(100);
        assertThat(api.listCreated(SHOP, from, to, PageRequest.numbered(1, 20), NOW).path())
                .isEqualTo("/api/youzan.trades.sold.get/4.0.4");
        assertThat(api.paging()).isEqualTo(YouzanApi.Paging.NUMBERED);
    }

    @Test
    void refreshUsesRefreshTokenOrSilentGrantForSelfUseApps() throws IOException {
        PlatformRequest refresh = api.refreshToken(SHOP, NOW);
        ShopAccess selfUse = new ShopAccess("yz-2", "13027865", "cid", "sec", "old", null, null);
        JsonNode silent = JSON.readTree(api.refreshToken(selfUse, NOW).body());

        assertThat(refresh.base()).isEqualTo(PlatformRequest.Base.AUTH);
        assertThat(refresh.path()).isEqualTo("/auth/token");
        assertThat(refresh.query()).isEmpty();
        assertThat(JSON.readTree(refresh.body())).isEqualTo(JSON.readTree("""
                {"client_id":"c346b8b39599aaa677","client_secret":"the-secret","authorize_type":"refresh_token",
                 "refresh_token":"refresh-1"}"""));
        assertThat(silent.path("authorize_type").asText()).isEqualTo("silent");
        assertThat(silent.path("grant_id").asText()).isEqualTo("13027865");
    }

    @Test
    void readsTheCapturedTradeGetResponseVerbatim() throws IOException {
        byte[] body = Files.readAllBytes(
                Path.of("src/test/resources/samples/youzan/trade_get_response_captured_2019_closed_refunded.json"));

        FetchedOrder order = api.readOrderDetail(new PlatformResponse(200, Map.of(), body));

        assertThat(order.platformOrderId()).isEqualTo("E20190326101702000600011");
        // update_time "2019-03-26 10:29:56" Beijing
        assertThat(order.modifiedAt()).isEqualTo(Instant.parse("2019-03-26T02:29:56Z"));
        assertThat(order.body()).isSameAs(body);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"gw_err_resp\":{\"trace_id\":\"yz7-1\",\"err_msg\":\"Token 不存在\",\"err_code\":4203}}|AUTH_EXPIRED|4203",
            "{\"gw_err_resp\":{\"err_msg\":\"请求凭证过期\",\"err_code\":4202}}|AUTH_EXPIRED|4202",
            "{\"gw_err_resp\":{\"err_msg\":\"请求太频繁\",\"err_code\":4101}}|RATE_LIMITED|4101",
            "{\"code\":123000042,\"success\":false,\"message\":\"请求被限流\"}|RATE_LIMITED|123000042",
            "{\"trace_id\":\"yz7-2\",\"code\":5000,\"success\":false,\"message\":\"trade not found\",\"data\":{}}|NOT_FOUND|5000",
            "{\"code\":106000001,\"success\":false,\"message\":\"请求超时\"}|TRANSIENT|106000001",
            "{\"gw_err_resp\":{\"err_msg\":\"无权限访问\",\"err_code\":4204}}|PERMANENT|4204",
            "{\"gw_err_resp\":{\"err_msg\":\"系统异常\",\"err_code\":5001}}|PERMANENT|5001"})
    void classifiesDocumentedErrors(String body, PlatformException.Kind kind, String code) {
        PlatformResponse response = new PlatformResponse(200, Map.of(), body.getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> api.readOrderDetail(response)).isInstanceOfSatisfying(PlatformException.class,
                e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.platformCode()).isEqualTo(code);
                });
    }

    @Test
    void serverErrorsAreTransient() {
        PlatformResponse response = new PlatformResponse(502, Map.of(), "<html>bad gateway</html>".getBytes());

        assertThatThrownBy(() -> api.readPage(response)).isInstanceOfSatisfying(PlatformException.class,
                e -> assertThat(e.kind()).isEqualTo(PlatformException.Kind.TRANSIENT));
    }

    @Test
    void readsTokenWithEpochMillisExpiry() {
        String body = """
                {"success":true,"code":200,"data":{"expires":1714528800000,"scope":"trade",
                 "access_token":"new-access","authority_id":"13027865","refresh_token":"new-refresh"},"message":null}""";

        TokenGrant grant = api.readToken(new PlatformResponse(200, Map.of(), body.getBytes()), NOW);

        assertThat(grant.accessToken()).isEqualTo("new-access");
        assertThat(grant.refreshToken()).isEqualTo("new-refresh");
        assertThat(grant.expiresAt()).isEqualTo(Instant.ofEpochMilli(1714528800000L));
        assertThat(grant.toString()).doesNotContain("new-access");
    }

    @Test
    void tokenErrorsArePermanent() {
        String body = "{\"success\":false,\"code\":1103,\"data\":null,\"message\":\"Client 不存在\"}";

        assertThatThrownBy(() -> api.readToken(new PlatformResponse(200, Map.of(), body.getBytes()), NOW))
                .isInstanceOfSatisfying(PlatformException.class,
                        e -> assertThat(e.kind()).isEqualTo(PlatformException.Kind.PERMANENT));
    }

    @Test
    void readsAListPageWithTimesAndStatus() {
        String body = """
                {"code":200,"success":true,"message":"successful","data":{"total_results":41,"full_order_info_list":[
                 {"full_order_info":{"order_info":{"tid":"E1","status":"WAIT_SELLER_SEND_GOODS",
                  "created":"2024-05-01 08:00:00","update_time":"2024-05-01 09:00:00"}}}]}}""";

        OrderPage page = api.readPage(new PlatformResponse(200, Map.of(), body.getBytes(StandardCharsets.UTF_8)));

        assertThat(page.total()).isEqualTo(41);
        assertThat(page.orders()).singleElement().satisfies(ref -> {
            assertThat(ref.platformOrderId()).isEqualTo("E1");
            assertThat(ref.createdAt()).isEqualTo(Instant.parse("2024-05-01T00:00:00Z"));
            assertThat(ref.modifiedAt()).isEqualTo(Instant.parse("2024-05-01T01:00:00Z"));
            assertThat(ref.status()).isEqualTo("WAIT_SELLER_SEND_GOODS");
        });
        assertThat(page.hasNext()).isTrue();
    }
}
