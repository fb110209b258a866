package io.orderhub.connector.platform.douyin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.orderhub.connector.api.FetchedOrder;
import io.orderhub.connector.api.OrderPage;
import io.orderhub.connector.api.OrderRef;
import io.orderhub.connector.api.PageRequest;
import io.orderhub.connector.api.PlatformException;
import io.orderhub.connector.api.PlatformRequest;
import io.orderhub.connector.api.PlatformResponse;
import io.orderhub.connector.api.ShopAccess;
import io.orderhub.connector.api.TokenGrant;
import io.orderhub.connector.platform.SingleShopBook;
import io.orderhub.connector.sandbox.SandboxOrder;
import io.orderhub.connector.sandbox.SandboxPlatform;
import io.orderhub.connector.sandbox.SandboxRequest;
import io.orderhub.connector.sandbox.SandboxResponse;
import io.orderhub.connector.sandbox.SandboxShop;
import io.orderhub.ingress.Channel;
import io.orderhub.mapping.MappingEngine;
import io.orderhub.mapping.MappingResult;

class DouyinSandboxTest {

    static final SandboxShop SHOP = new SandboxShop("dy-shop", "77977", "7001", "secret-1", "token-1", "refresh-1",
            "secret-1");
    static final Instant T0 = Instant.parse("2026-05-01T02:00:00Z");
    static MappingEngine engine;
    private final DouyinApi api = new DouyinApi();
    private final DouyinSandbox sandbox = new DouyinSandbox();
    private final SingleShopBook book = new SingleShopBook(sandbox, SHOP);

    @BeforeAll
    static void loadMappings() throws IOException {
        engine = MappingEngine.load(Path.of("mappings"));
    }

    @Test
    void detailRoundTripMapsThroughTheRealMapping() {
        SandboxOrder order = order("6920000000000000001", 0, 600, "2");
        FetchedOrder fetched = api.readOrderDetail(send(api.orderDetail(access(), order.platformOrderId(), T0)));

        assertThat(fetched.platformOrderId()).isEqualTo(order.platformOrderId());
        assertThat(fetched.modifiedAt()).isEqualTo(order.modifiedAt());
        MappingResult.Mapped mapped = map(fetched.body());
        assertThat(mapped.order().get("platformOrderId").asText()).isEqualTo(order.platformOrderId());
        assertThat(mapped.order().at("/lines/0/lineId").asText()).isEqualTo(order.platformOrderId());
        assertThat(mapped.order().get("shopId").asText()).isEqualTo("dy-shop");
    }

    @ParameterizedTest
    @CsvSource({"1, PENDING_PAYMENT", "2, PAID", "105, PAID", "101, PAID", "3, SHIPPED", "4, CANCELLED",
            "5, COMPLETED"})
    void renderedDetailMapsForEveryStatus(String status, String canonical) {
        SandboxOrder order = new SandboxOrder(Channel.DOUYIN, "dy-shop", "6920000000000000042", T0,
                T0.plusSeconds(900), status, 0);
        JsonNode mapped = map(sandbox.renderDetail(order)).order();

        assertThat(mapped.get("status").asText()).isEqualTo(canonical);
        assertThat(mapped.get("platformStatus").asText()).isEqualTo(status);
        assertThat(mapped.get("createdAt").asText()).isEqualTo(T0.toString());
        assertThat(mapped.get("updatedAt").asText()).isEqualTo(T0.plusSeconds(900).toString());
    }

    @Test
    void modifiedListPagesFromZeroAscendingByUpdateTime() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            // created in reverse order, so a sort by creation time would give the opposite sequence
            expected.add(order("692000000000000010" + i, 500 - 100 * i, 1000 + 60 * i, "2").platformOrderId());
        }
        List<String> seen = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            OrderPage p = api.readPage(
                    send(api.listModified(access(), T0, T0.plusSeconds(3600), PageRequest.numbered(page, 2), T0)));
            assertThat(p.total()).isEqualTo(5);
            assertThat(p.hasNext()).isEqualTo(page < 3);
            p.orders().stream().map(OrderRef::platformOrderId).forEach(seen::add);
        }
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void searchListDefaultsToNewestCreatedFirst() {
        order("6920000000000000201", 0, 10, "2");
        order("6920000000000000202", 60, 70, "2");
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("create_time_start", T0.getEpochSecond());
        p.put("page", 0);
        p.put("size", 10);
        OrderPage page = api.readPage(signedSearch(p));

        assertThat(page.orders()).extracting(OrderRef::platformOrderId).containsExactly("6920000000000000202",
                "6920000000000000201");
    }

    @ParameterizedTest
    @CsvSource({"-1, 10, isv.parameter-invalid:10035", "0, 101, isv.parameter-invalid:20008",
            "500, 100, isv.parameter-invalid:20013"})
    void pageLimitsAreThePlatformsErrors(int page, int size, String subCode) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("update_time_start", T0.getEpochSecond());
        p.put("page", page);
        p.put("size", size);

        assertThatThrownBy(() -> api.readPage(signedSearch(p))).isInstanceOfSatisfying(PlatformException.class,
                e -> assertThat(e.platformCode()).isEqualTo(subCode));
    }

    @Test
    void md5SignMethodIsAcceptedToo() {
        order("6920000000000000301", 0, 10, "2");
        String json = "{\"shop_order_id\":\"6920000000000000301\"}";
        Map<String, String> q = query("order.orderDetail", json, "md5");
        SandboxResponse r = sandbox.answer(new SandboxRequest("POST", "/order/orderDetail", q, Map.of(),
                DouyinWire.CONTENT_TYPE, json.getBytes(StandardCharsets.UTF_8), Map.of()), book);

        assertThat(api.readOrderDetail(response(r)).platformOrderId()).isEqualTo("6920000000000000301");
    }

    @Test
    void wrongSecretIsTheSignatureError() {
        ShopAccess wrong = new ShopAccess("dy-shop", "77977", "7001", "nope", "token-1", "refresh-1", null);

        assertThatThrownBy(() -> api.readOrderDetail(send(api.orderDetail(wrong, "1", T0))))
                .isInstanceOfSatisfying(PlatformException.class, e -> {
                    assertThat(e.kind()).isEqualTo(PlatformException.Kind.PERMANENT);
                    assertThat(e.platformCode()).isEqualTo("isv.signature-invalid");
                });
    }

    @Test
    void unknownOrderIsNotFound() {
        assertThatThrownBy(() -> api.readOrderDetail(send(api.orderDetail(access(), "404", T0))))
                .isInstanceOfSatisfying(PlatformException.class,
                        e -> assertThat(e.kind()).isEqualTo(PlatformException.Kind.NOT_FOUND));
    }

    @Test
    void refreshRetiresTheOldToken() {
        order("6920000000000000401", 0, 10, "2");
        ShopAccess before = access();
        TokenGrant grant = api.readToken(send(api.refreshToken(before, T0)), T0);

        assertThat(grant.accessToken()).isEqualTo(book.shops.get("dy-shop").accessToken()).isNotEqualTo("token-1");
        assertThat(grant.expiresAt()).isEqualTo(T0.plusSeconds(DouyinSandboxLists.TOKEN_SECONDS));
        assertThatThrownBy(() -> api.readOrderDetail(send(api.orderDetail(before, "6920000000000000401", T0))))
                .isInstanceOfSatisfying(PlatformException.class,
                        e -> assertThat(e.kind()).isEqualTo(PlatformException.Kind.AUTH_EXPIRED));
        assertThat(api.readOrderDetail(send(api.orderDetail(access(), "6920000000000000401", T0))).platformOrderId())
                .isEqualTo("6920000000000000401");
        assertThatThrownBy(() -> api.readToken(send(api.refreshToken(before, T0)), T0))
                .as("the used refresh token is gone").isInstanceOf(PlatformException.class);
    }

    @Test
    void faultsReadAsRateLimitAndTransient() {
        assertThatThrownBy(() -> api.readPage(response(sandbox.fault(SandboxPlatform.Fault.RATE_LIMITED))))
                .isInstanceOfSatisfying(PlatformException.class,
                        e -> assertThat(e.kind()).isEqualTo(PlatformException.Kind.RATE_LIMITED));
        assertThatThrownBy(() -> api.readPage(response(sandbox.fault(SandboxPlatform.Fault.SERVER_ERROR))))
                .isInstanceOfSatisfying(PlatformException.class,
                        e -> assertThat(e.kind()).isEqualTo(PlatformException.Kind.TRANSIENT));
    }

    private PlatformResponse signedSearch(Map<String, Object> params) {
        String json = DouyinSign.paramJson(params);
        SandboxRequest r = new SandboxRequest("POST", "/order/searchList", query("order.searchList", json,
                "hmac-sha256"), Map.of(), DouyinWire.CONTENT_TYPE, json.getBytes(StandardCharsets.UTF_8), Map.of());
        return response(sandbox.answer(r, book));
    }

    private Map<String, String> query(String method, String json, String signMethod) {
        String ts = String.valueOf(T0.getEpochSecond());
        Map<String, String> q = new LinkedHashMap<>();
        q.put("app_key", "7001");
        q.put("method", method);
        q.put("access_token", book.shops.get("dy-shop").accessToken());
        q.put("timestamp", ts);
        q.put("v", "2");
        q.put("sign", DouyinSign.sign(signMethod, "7001", "secret-1", method, json, ts));
        q.put("sign_method", signMethod);
        return q;
    }

    SandboxOrder order(String id, long createdOffset, long modifiedOffset, String status) {
        SandboxOrder o = new SandboxOrder(Channel.DOUYIN, "dy-shop", id, T0.plusSeconds(createdOffset),
                T0.plusSeconds(modifiedOffset), status, 0);
        book.orders.add(o);
        return o;
    }

    private ShopAccess access() {
        SandboxShop s = book.shops.get("dy-shop");
        return new ShopAccess(s.shopKey(), s.platformShopId(), s.appKey(), s.appSecret(), s.accessToken(),
                s.refreshToken(), null);
    }

    private PlatformResponse send(PlatformRequest request) {
        SandboxRequest r = new SandboxRequest(request.method(), request.path(), request.query(), request.headers(),
                request.contentType(), request.body(), Map.of());
        return response(sandbox.answer(r, book));
    }

    private static PlatformResponse response(SandboxResponse r) {
        return new PlatformResponse(r.status(), Map.of("content-type", r.contentType()), r.body());
    }

    static MappingResult.Mapped map(byte[] body) {
        MappingResult result = engine.map("douyin", body, "application/json", "dy-shop");
        assertThat(result).as(String.valueOf(result)).isInstanceOf(MappingResult.Mapped.class);
        return (MappingResult.Mapped) result;
    }
}
