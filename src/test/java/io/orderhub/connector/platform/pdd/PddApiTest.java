package io.orderhub.connector.platform.pdd;

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

class PddApiTest {

    static final ShopAccess SHOP = new ShopAccess("pdd-shop", "10001", "cid-1", "secret-1", "token-1", "refresh-1",
            null);
    static final Instant NOW = Instant.parse("2024-03-18T09:43:00Z");
    private final PddApi api = new PddApi();

    @Test
    void detailIsASignedFormPostToTheRouter() {
        PlatformRequest r = api.orderDetail(SHOP, "240318-422796379670125", NOW);
        Map<String, String> form = PddWire.parseForm(r.body());

        assertThat(api.defaultBaseUrl(r.base()) + r.path()).isEqualTo("https://gw-api.pinduoduo.com/api/router");
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.contentType()).startsWith("application/x-www-form-urlencoded");
        assertThat(r.query()).isEmpty();
        assertThat(form).containsEntry("type", "pdd.order.information.get").containsEntry("client_id", "cid-1")
                .containsEntry("access_token", "token-1")
                .containsEntry("timestamp", String.valueOf(NOW.getEpochSecond()))
                .containsEntry("data_type", "JSON").containsEntry("order_sn", "240318-422796379670125");
        assertThat(form.get("sign")).isEqualTo(PddSign.sign(form, "secret-1")).matches("[0-9A-F]{32}");
        assertThat(r.toString()).doesNotContain("token-1", "secret-1");
    }

    @Test
    void incrementListAsksForEveryStateInAThirtyMinuteWindow() {
        Instant from = NOW.minusSeconds(1800);
        Map<String, String> form = PddWire.parseForm(
                api.listModified(SHOP, from, NOW, PageRequest.numbered(3, 100), NOW).body());

        assertThat(form).containsEntry("type", "pdd.order.number.list.increment.get")
                .containsEntry("start_updated_at", String.valueOf(from.getEpochSecond()))
                .containsEntry("end_updated_at", String.valueOf(NOW.getEpochSecond()))
                .containsEntry("order_status", "5").containsEntry("refund_status", "5")
                .containsEntry("is_lucky_flag", "0").containsEntry("page", "3").containsEntry("page_size", "100");
        assertThatThrownBy(() -> api.listModified(SHOP, from.minusSeconds(1), NOW, PageRequest.numbered(1, 50), NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> api.listModified(SHOP, from, NOW, PageRequest.numbered(1, 101), NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void createdListFiltersByConfirmTimeOverADay() {
        Instant from = NOW.minusSeconds(86_400);
        Map<String, String> form = PddWire.parseForm(
                api.listCreated(SHOP, from, NOW, PageRequest.numbered(1, 50), NOW).body());

        assertThat(form).containsEntry("type", "pdd.order.list.get")
                .containsEntry("start_confirm_at", String.valueOf(from.getEpochSecond()))
                .containsEntry("end_confirm_at", String.valueOf(NOW.getEpochSecond()));
        assertThatThrownBy(() -> api.listCreated(SHOP, from.minusSeconds(1), NOW, PageRequest.numbered(1, 50), NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refreshCarriesTheRefreshTokenAndNoAccessToken() {
        Map<String, String> form = PddWire.parseForm(api.refreshToken(SHOP, NOW).body());

        assertThat(form).containsEntry("type", "pdd.pop.auth.token.refresh").containsEntry("refresh_token",
                "refresh-1");
        assertThat(form).doesNotContainKey("access_token");
        assertThat(form.get("sign")).isEqualTo(PddSign.sign(form, "secret-1"));
    }

    @Test
    void readsTheDetailEnvelopeVerbatim() throws IOException {
        byte[] body = Files.readAllBytes(Path.of(
                "src/test/resources/samples/pdd/pdd__order_info_deposit_presale_gift_refunding_BUILT_FROM_FIELD_TABLE.json"));
        FetchedOrder order = api.readOrderDetail(new PlatformResponse(200, Map.of(), body));

        assertThat(order.platformOrderId()).isEqualTo("240601-118833445566778");
        assertThat(order.body()).isEqualTo(body);
        assertThat(order.modifiedAt()).isEqualTo(Instant.parse("2024-06-05T01:12:40Z")); // 09:12:40 Beijing
    }

    @Test
    void readsTheOfficialListExample() throws IOException {
        byte[] body = Files
                .readAllBytes(Path.of("src/test/resources/samples/pdd/pdd__order_list_get_response_docsample.json"));
        OrderPage page = api.readPage(new PlatformResponse(200, Map.of(), body));

        assertThat(page.total()).isEqualTo(1); // the example's total_count placeholder
        assertThat(page.orders()).hasSize(1);
        assertThat(page.hasNext()).isFalse();
        assertThat(page.orders().get(0).platformOrderId()).isEqualTo("1"); // placeholder values throughout
        assertThat(page.orders().get(0).status()).isEqualTo("1");
        assertThat(page.orders().get(0).modifiedAt()).as("placeholder \"1\" is no time").isNull();
    }

    @ParameterizedTest
    @CsvSource({"200, 10019, access_token已过期, AUTH_EXPIRED", "200, 70031, 调用超限, RATE_LIMITED",
            "200, 70032, 调用超限, RATE_LIMITED", "200, 65, 远程服务调用超时, TRANSIENT",
            "200, 50001, 订单不存在, NOT_FOUND", "200, 20004, 签名验证失败, PERMANENT",
            "200, 50001, 商家已经存在, PERMANENT", "503, 0, busy, TRANSIENT"})
    void classifiesErrors(int http, int code, String subMsg, PlatformException.Kind kind) {
        String json = code == 0
                ? "<html>busy</html>"
                : "{\"error_response\":{\"error_code\":" + code + ",\"error_msg\":\"m\",\"sub_code\":\"" + code
                        + "\",\"sub_msg\":\"" + subMsg + "\",\"request_id\":\"r\"}}";
        PlatformResponse response = new PlatformResponse(http, Map.of(), json.getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> api.readOrderDetail(response)).isInstanceOfSatisfying(PlatformException.class,
                e -> assertThat(e.kind()).isEqualTo(kind));
    }

    @Test
    void readsTheRefreshedToken() {
        // field names of pop_auth_token_refresh_response as the PDD Java SDK declares them
        // (PddPopAuthTokenRefreshResponse)
        String json = """
                {"pop_auth_token_refresh_response":{"access_token":"new-at","expires_at":1710842580,"expires_in":86400,
                "owner_id":"10001","owner_name":"shop","refresh_token":"new-rt","refresh_token_expires_at":1711360980,
                "refresh_token_expires_in":604800,"scope":["pdd.order.information.get"]}}""";
        TokenGrant grant = api.readToken(new PlatformResponse(200, Map.of(), json.getBytes(StandardCharsets.UTF_8)),
                NOW);

        assertThat(grant.accessToken()).isEqualTo("new-at");
        assertThat(grant.refreshToken()).isEqualTo("new-rt");
        assertThat(grant.expiresAt()).isEqualTo(Instant.ofEpochSecond(1710842580));
        assertThat(grant.toString()).doesNotContain("new-at", "new-rt");
    }
}
