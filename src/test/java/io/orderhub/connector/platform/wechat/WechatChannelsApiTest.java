package io.orderhub.connector.platform.wechat;

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

/** Request building and response reading of {@link WechatChannelsApi} (no request signature: token in the query). */
class WechatChannelsApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ShopAccess SHOP = new ShopAccess("wx-1", "wx-shop", "wxappid01", "app-secret", "token-1", null,
            null);
    private static final Instant NOW = Instant.parse("2024-05-01T02:00:00Z");

    private final WechatChannelsApi api = new WechatChannelsApi();

    @Test
    void detailPostsTheOrderIdWithTheTokenInTheQuery() throws IOException {
        PlatformRequest request = api.orderDetail(SHOP, "3705115058471208928", NOW);

        assertThat(request.base()).isEqualTo(PlatformRequest.Base.API);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/channels/ec/order/get");
        assertThat(request.query()).containsExactly(Map.entry("access_token", "token-1"));
        assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree("{\"order_id\":\"3705115058471208928\"}"));
        assertThat(api.defaultBaseUrl(PlatformRequest.Base.API)).isEqualTo("https://api.weixin.qq.com");
        assertThat(request.toString()).doesNotContain("token-1");
    }

    @Test
    void listsSendUnixSecondRangesAndTheCursor() throws IOException {
        Instant from = Instant.parse("2024-04-30T00:00:00Z");
        Instant to = Instant.parse("2024-04-30T06:00:00Z");

        PlatformRequest first = api.listModified(SHOP, from, to, PageRequest.cursor(null, 50), NOW);
        JsonNode next = JSON.readTree(api.listCreated(SHOP, from, to, PageRequest.cursor("KEY2", 500), NOW).body());

        assertThat(first.path()).isEqualTo("/channels/ec/order/list/get");
        assertThat(JSON.readTree(first.body())).isEqualTo(JSON.readTree("""
                {"update_time_range":{"start_time":1714435200,"end_time":1714456800},"page_size":50,"next_key":""}"""));
        assertThat(next.path("create_time_range").path("start_time").asLong()).isEqualTo(1714435200L);
        assertThat(next.path("next_key").asText()).isEqualTo("KEY2");
        assertThat(next.path("page_size").asInt()).isEqualTo(100);
        assertThat(api.paging()).isEqualTo(WechatChannelsApi.Paging.CURSOR);
        assertThat(api.maxWindow()).hasDays(7);
    }

    @Test
    void tokenComesFromStableTokenWithAppIdAndSecret() throws IOException {
        PlatformRequest request = api.refreshToken(SHOP, NOW);

        assertThat(request.base()).isEqualTo(PlatformRequest.Base.AUTH);
        assertThat(request.path()).isEqualTo("/cgi-bin/stable_token");
        assertThat(request.query()).isEmpty();
        assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree("""
                {"grant_type":"client_credential","appid":"wxappid01","secret":"app-secret","force_refresh":false}"""));
        TokenGrant grant = api.readToken(new PlatformResponse(200, Map.of(),
                "{\"access_token\":\"ACCESS_TOKEN\",\"expires_in\":7200}".getBytes()), NOW);
        assertThat(grant.accessToken()).isEqualTo("ACCESS_TOKEN");
        assertThat(grant.refreshToken()).isNull();
        assertThat(grant.expiresAt()).isEqualTo(NOW.plusSeconds(7200));
    }

    @Test
    void readsTheDocSampleOrderVerbatim() throws IOException {
        byte[] body = Files.readAllBytes(Path.of("src/main/resources/sandbox/wechat_channels/"
                + "wechat_channels__order_get_response.json"));

        FetchedOrder order = api.readOrderDetail(new PlatformResponse(200, Map.of(), body));

        assertThat(order.platformOrderId()).isEqualTo("37423523451235145");
        assertThat(order.modifiedAt()).isEqualTo(Instant.ofEpochSecond(1658505600L));
        assertThat(order.body()).isSameAs(body);
    }

    @Test
    void readsTheDocSampleListPage() throws IOException {
        byte[] body = Files.readAllBytes(
                Path.of("src/test/resources/connector/wechat_channels/ChannelsECOrderListGetResponse.json"));

        OrderPage page = api.readPage(new PlatformResponse(200, Map.of(), body));

        assertThat(page.total()).isEqualTo(-1);
        assertThat(page.orders()).extracting(o -> o.platformOrderId()).containsExactly("3704612354559743232",
                "3704849110714209536");
        assertThat(page.nextCursor()).isEqualTo("THE_NEXT_KEY_NEW");
        assertThat(page.hasNext()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"40001|AUTH_EXPIRED", "42001|AUTH_EXPIRED", "40014|AUTH_EXPIRED",
            "45009|RATE_LIMITED", "45011|RATE_LIMITED", "-1|TRANSIENT", "100002|NOT_FOUND", "48001|PERMANENT",
            "40097|PERMANENT"})
    void classifiesGlobalReturnCodes(int code, PlatformException.Kind kind) {
        byte[] body = ("{\"errcode\":" + code + ",\"errmsg\":\"x rid: 1\"}").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> api.readOrderDetail(new PlatformResponse(200, Map.of(), body)))
                .isInstanceOfSatisfying(PlatformException.class, e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.platformCode()).isEqualTo(String.valueOf(code));
                });
    }

    @Test
    void httpServerErrorIsTransient() {
        assertThatThrownBy(() -> api.readPage(new PlatformResponse(503, Map.of(), new byte[0])))
                .isInstanceOfSatisfying(PlatformException.class,
                        e -> assertThat(e.kind()).isEqualTo(PlatformException.Kind.TRANSIENT));
    }
}
