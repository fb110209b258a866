package io.orderhub.connector.platform.pdd;

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

class PddSandboxTest {

    static final SandboxShop SHOP = new SandboxShop("pdd-shop", "10001", "cid-1", "secret-1", "token-1", "refresh-1",
            null);
    static final Instant T0 = Instant.parse("2026-05-01T02:00:00Z");
    private static MappingEngine engine;
    private final PddApi api = new PddApi();
    private final PddSandbox sandbox = new PddSandbox();
    private final SingleShopBook book = new SingleShopBook(sandbox, SHOP);

    @BeforeAll
    static void loadMappings() throws IOException {
        engine = MappingEngine.load(Path.of("mappings"));
    }

    @Test
    void detailRoundTripMapsThroughTheRealMapping() {
        SandboxOrder order = order("260501-000000000000001", 0, 60, "1", 0);
        FetchedOrder fetched = api.readOrderDetail(send(api.orderDetail(access(), order.platformOrderId(), T0)));

        assertThat(fetched.platformOrderId()).isEqualTo(order.platformOrderId());
        assertThat(fetched.modifiedAt()).isEqualTo(order.modifiedAt());
        assertThat(fetched.body()).isEqualTo(sandbox.renderDetail(order));
        MappingResult.Mapped mapped = map(fetched.body());
        assertThat(mapped.order().get("platformOrderId").asText()).isEqualTo(order.platformOrderId());
        assertThat(mapped.order().get("status").asText()).isEqualTo("PAID");
    }

    @ParameterizedTest
    @CsvSource({"0, 1, PAID", "0, 2, SHIPPED", "0, 3, COMPLETED", "0, confirm_status=2, CANCELLED", "1, 1, PAID",
            "1, 3, COMPLETED"})
    void everyTemplateRendersAMappableOrder(int variant, String status, String canonical) {
        SandboxOrder order = new SandboxOrder(Channel.PDD, "pdd-shop", "260501-123456789012345", T0,
                T0.plusSeconds(3600), status, variant);
        MappingResult.Mapped mapped = map(sandbox.renderDetail(order));

        assertThat(mapped.order().get("platformOrderId").asText()).isEqualTo("260501-123456789012345");
        assertThat(mapped.order().get("status").asText()).isEqualTo(canonical);
        assertThat(mapped.order().get("createdAt").asText()).isEqualTo(T0.toString());
        assertThat(mapped.order().get("updatedAt").asText()).isEqualTo(T0.plusSeconds(3600).toString());
        assertThat(Instant.parse(mapped.order().get("paidAt").asText())).isAfterOrEqualTo(T0);
    }

    @Test
    void incrementListPagesFromOneOldestFirst() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            expected.add(order("260501-00000000000000" + i, 0, 100 + 60 * i, "1", 0).platformOrderId());
        }
        order("260501-999999999999999", 0, 1900, "1", 0); // modified after the window
        List<String> seen = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            OrderPage p = api.readPage(send(api.listModified(access(), T0, T0.plusSeconds(1800),
                    PageRequest.numbered(page, 3), T0)));
            assertThat(p.total()).isEqualTo(7);
            assertThat(p.hasNext()).isEqualTo(page < 3);
            p.orders().stream().map(OrderRef::platformOrderId).forEach(seen::add);
        }
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void createdListUsesTheConfirmWindow() {
        order("260501-000000000000001", 0, 10, "1", 0);
        order("260501-000000000000002", 90_000, 90_010, "1", 0);
        OrderPage p = api.readPage(send(api.listCreated(access(), T0, T0.plusSeconds(86_400),
                PageRequest.numbered(1, 100), T0)));

        assertThat(p.orders()).extracting(OrderRef::platformOrderId).containsExactly("260501-000000000000001");
        assertThat(p.orders().get(0).createdAt()).isEqualTo(T0);
    }

    @ParameterizedTest
    @CsvSource({"pdd.order.number.list.increment.get, start_updated_at, end_updated_at, 1801, 100",
            "pdd.order.list.get, start_confirm_at, end_confirm_at, 86401, 100",
            "pdd.order.number.list.increment.get, start_updated_at, end_updated_at, 60, 101"})
    void windowAndPageSizeLimitsAreThePlatformsError(String type, String start, String end, long span, int size) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("type", type);
        p.put("client_id", "cid-1");
        p.put("access_token", "token-1");
        p.put("timestamp", String.valueOf(T0.getEpochSecond()));
        p.put("data_type", "JSON");
        p.put(start, String.valueOf(T0.getEpochSecond()));
        p.put(end, String.valueOf(T0.getEpochSecond() + span));
        p.put("page", "1");
        p.put("page_size", String.valueOf(size));
        p.put("sign", PddSign.sign(p, "secret-1"));
        SandboxResponse r = sandbox.answer(new SandboxRequest("POST", "/api/router", Map.of(), Map.of(),
                PddWire.FORM, PddWire.form(p), p), book);

        assertThatThrownBy(() -> api.readPage(response(r))).isInstanceOfSatisfying(PlatformException.class,
                e -> assertThat(e.platformCode()).isEqualTo(String.valueOf(PddErrors.PARAM_INVALID)));
    }

    @Test
    void wrongSecretIsTheSignatureError() {
        ShopAccess wrong = new ShopAccess("pdd-shop", "10001", "cid-1", "not-the-secret", "token-1", "refresh-1",
                null);
        PlatformResponse r = send(api.orderDetail(wrong, "x", T0));

        assertThatThrownBy(() -> api.readOrderDetail(r)).isInstanceOfSatisfying(PlatformException.class, e -> {
            assertThat(e.kind()).isEqualTo(PlatformException.Kind.PERMANENT);
            assertThat(e.platformCode()).isEqualTo("20004");
        });
    }

    @Test
    void unknownOrderIsNotFound() {
        PlatformResponse r = send(api.orderDetail(access(), "260501-404", T0));

        assertThatThrownBy(() -> api.readOrderDetail(r)).isInstanceOfSatisfying(PlatformException.class,
                e -> assertThat(e.kind()).isEqualTo(PlatformException.Kind.NOT_FOUND));
    }

    @Test
    void refreshIssuesANewTokenAndRetiresTheOld() {
        order("260501-000000000000001", 0, 10, "1", 0);
        ShopAccess before = access();
        TokenGrant grant = api.readToken(send(api.refreshToken(before, T0)), T0);

        assertThat(grant.accessToken()).isEqualTo(book.shops.get("pdd-shop").accessToken()).isNotEqualTo("token-1");
        assertThat(grant.expiresAt()).isEqualTo(T0.plusSeconds(PddSandboxLists.TOKEN_SECONDS));
        PlatformResponse stale = send(api.orderDetail(before, "260501-000000000000001", T0));
        assertThatThrownBy(() -> api.readOrderDetail(stale)).isInstanceOfSatisfying(PlatformException.class,
                e -> assertThat(e.kind()).isEqualTo(PlatformException.Kind.AUTH_EXPIRED));
        ShopAccess renewed = new ShopAccess("pdd-shop", "10001", "cid-1", "secret-1", grant.accessToken(),
                grant.refreshToken(), grant.expiresAt());
        assertThat(api.readOrderDetail(send(api.orderDetail(renewed, "260501-000000000000001", T0)))
                .platformOrderId()).isEqualTo("260501-000000000000001");
        assertThatThrownBy(() -> api.readToken(send(api.refreshToken(before, T0)), T0))
                .as("the used refresh token is gone").isInstanceOf(PlatformException.class);
    }

    @Test
    void faultsReadAsRateLimitAndTransient() {
        assertThatThrownBy(() -> api.readOrderDetail(response(sandbox.fault(SandboxPlatform.Fault.RATE_LIMITED))))
                .isInstanceOfSatisfying(PlatformException.class,
                        e -> assertThat(e.kind()).isEqualTo(PlatformException.Kind.RATE_LIMITED));
        assertThatThrownBy(() -> api.readOrderDetail(response(sandbox.fault(SandboxPlatform.Fault.SERVER_ERROR))))
                .isInstanceOfSatisfying(PlatformException.class,
                        e -> assertThat(e.kind()).isEqualTo(PlatformException.Kind.TRANSIENT));
    }

    @Test
    void noThinPush() {
        assertThat(sandbox.thinPush(order("260501-1", 0, 1, "1", 0), SHOP)).isEmpty();
    }

    private SandboxOrder order(String id, long createdOffset, long modifiedOffset, String status, int variant) {
        SandboxOrder o = new SandboxOrder(Channel.PDD, "pdd-shop", id, T0.plusSeconds(createdOffset),
                T0.plusSeconds(modifiedOffset), status, variant);
        book.orders.add(o);
        return o;
    }

    private ShopAccess access() {
        SandboxShop s = book.shops.get("pdd-shop");
        return new ShopAccess(s.shopKey(), s.platformShopId(), s.appKey(), s.appSecret(), s.accessToken(),
                s.refreshToken(), null);
    }

    /** What the connector core does: send the form to the router; what the sandbox endpoint does: decode it. */
    private PlatformResponse send(PlatformRequest request) {
        SandboxRequest r = new SandboxRequest(request.method(), request.path(), request.query(), request.headers(),
                request.contentType(), request.body(), PddWire.parseForm(request.body()));
        return response(sandbox.answer(r, book));
    }

    private static PlatformResponse response(SandboxResponse r) {
        return new PlatformResponse(r.status(), Map.of("content-type", r.contentType()), r.body());
    }

    private static MappingResult.Mapped map(byte[] body) {
        MappingResult result = engine.map("pdd", body, "application/json", "pdd-shop");
        assertThat(result).as(new String(body, StandardCharsets.UTF_8).length() + " bytes: " + result)
                .isInstanceOf(MappingResult.Mapped.class);
        return (MappingResult.Mapped) result;
    }
}
