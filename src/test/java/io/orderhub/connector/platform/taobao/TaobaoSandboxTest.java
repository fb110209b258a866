package io.orderhub.connector.platform.taobao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.connector.api.FetchedOrder;
import io.orderhub.connector.api.OrderPage;
import io.orderhub.connector.api.OrderRef;
import io.orderhub.connector.api.PageRequest;
import io.orderhub.connector.api.PlatformException;
import io.orderhub.connector.api.PlatformException.Kind;
import io.orderhub.connector.api.PlatformRequest;
import io.orderhub.connector.api.PlatformResponse;
import io.orderhub.connector.api.ShopAccess;
import io.orderhub.connector.api.TokenGrant;
import io.orderhub.connector.platform.ChannelMemoryBook;
import io.orderhub.connector.platform.Wire;
import io.orderhub.connector.sandbox.SandboxOrder;
import io.orderhub.connector.sandbox.SandboxPlatform;
import io.orderhub.connector.sandbox.SandboxShop;
import io.orderhub.ingress.Channel;
import io.orderhub.mapping.MappingEngine;
import io.orderhub.mapping.MappingResult;

class TaobaoSandboxTest {

    static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
    static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");
    static final SandboxShop TB = new SandboxShop("tb-1", "示例店", "app-tb", "secret-tb", "sess-tb", "rt-tb", null);
    static final SandboxShop TM = new SandboxShop("tm-1", "示例旗舰店", "app-tm", "secret-tm", "sess-tm", "rt-tm", null);

    private static MappingEngine engine;
    private final TaobaoSandbox sandbox = new TaobaoSandbox(Clock.fixed(NOW, ZoneOffset.UTC));
    private final TaobaoApi api = new TaobaoApi();
    private final ChannelMemoryBook book = new ChannelMemoryBook(sandbox).shop(Channel.TAOBAO, TB).shop(Channel.TMALL,
            TM);

    @BeforeAll
    static void loadMappings() throws IOException {
        engine = MappingEngine.load(Path.of("mappings"));
    }

    @ParameterizedTest
    @EnumSource(value = Channel.class, names = {"TAOBAO", "TMALL"})
    void detailRoundTripMapsThroughTheRealMapping(Channel channel) {
        SandboxShop shop = channel == Channel.TAOBAO ? TB : TM;
        SandboxOrder order = new SandboxOrder(channel, shop.shopKey(), "3900000000000000001", T0,
                T0.plusSeconds(600), "WAIT_SELLER_SEND_GOODS", 0);
        book.order(order);

        FetchedOrder fetched = api.readOrderDetail(send(api.orderDetail(access(shop), "3900000000000000001", NOW)));

        assertThat(fetched.platformOrderId()).isEqualTo("3900000000000000001");
        assertThat(fetched.modifiedAt()).isEqualTo(T0.plusSeconds(600));
        MappingResult result = engine.map(channel.code(), fetched.body(), fetched.contentType(), shop.shopKey());
        assertThat(result).isInstanceOf(MappingResult.Mapped.class);
        ObjectNode mapped = ((MappingResult.Mapped) result).order();
        assertThat(mapped.get("platformOrderId").asText()).isEqualTo("3900000000000000001");
        assertThat(mapped.get("channel").asText()).isEqualTo(channel.code());
        assertThat(mapped.get("status").asText()).isEqualTo("PAID");
        assertThat(mapped.get("platformStatus").asText()).isEqualTo("WAIT_SELLER_SEND_GOODS");
        assertThat(Instant.parse(mapped.get("createdAt").asText())).isEqualTo(T0);
        assertThat(Instant.parse(mapped.get("updatedAt").asText())).isEqualTo(T0.plusSeconds(600));
        assertThat(mapped.at("/lines/0/lineId").asText()).isEqualTo("3900000000000000001");
    }

    @Test
    void renderedUnpaidOrderMapsAsPendingPaymentWithoutPayTime() {
        SandboxOrder order = new SandboxOrder(Channel.TAOBAO, "tb-1", "42", T0, T0, "WAIT_BUYER_PAY", 0);
        MappingResult result = engine.map("taobao", sandbox.renderDetail(order), "application/json", "tb-1");
        ObjectNode mapped = ((MappingResult.Mapped) result).order();
        assertThat(mapped.get("status").asText()).isEqualTo("PENDING_PAYMENT");
        assertThat(mapped.has("paidAt")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"md5", "hmac", "hmac-sha256"})
    void everyDocumentedSignMethodIsAccepted(String signMethod) {
        book.order(new SandboxOrder(Channel.TAOBAO, "tb-1", "7", T0, T0, "TRADE_FINISHED", 0));
        TaobaoApi client = new TaobaoApi(signMethod);
        assertThat(client.readOrderDetail(send(client.orderDetail(access(TB), "7", NOW))).platformOrderId())
                .isEqualTo("7");
    }

    @Test
    void wrongSecretGetsTopsInvalidSignature() {
        book.order(new SandboxOrder(Channel.TAOBAO, "tb-1", "7", T0, T0, "TRADE_FINISHED", 0));
        ShopAccess wrong = new ShopAccess("tb-1", null, "app-tb", "not-the-secret", "sess-tb", "rt-tb", null);
        assertKind(() -> api.readOrderDetail(send(api.orderDetail(wrong, "7", NOW))), Kind.PERMANENT, "25");
    }

    @Test
    void anotherShopsSessionIsAnInvalidSession() {
        ShopAccess crossed = new ShopAccess("tb-1", null, "app-tb", "secret-tb", "sess-tm", "rt-tb", null);
        assertKind(() -> api.readOrderDetail(send(api.orderDetail(crossed, "7", NOW))), Kind.AUTH_EXPIRED,
                "invalid-sessionkey");
    }

    @Test
    void unknownTradeIsNotFound() {
        assertKind(() -> api.readOrderDetail(send(api.orderDetail(access(TB), "999", NOW))), Kind.NOT_FOUND,
                "isv.trade-not-exist");
    }

    @Test
    void incrementListPagesNewestFirstAcrossSeveralPages() {
        for (int i = 0; i < 7; i++) {
            book.order(new SandboxOrder(Channel.TAOBAO, "tb-1", String.valueOf(100 + i), T0.minusSeconds(86_400),
                    T0.plusSeconds(60L * i), "WAIT_SELLER_SEND_GOODS", 0));
        }
        book.order(new SandboxOrder(Channel.TAOBAO, "tb-1", "200", T0, T0.plusSeconds(7_200), "TRADE_FINISHED", 0));
        List<OrderPage> pages = pages(p -> api.listModified(access(TB), T0, T0.plusSeconds(3_600), p, NOW), 3);

        assertThat(pages).hasSize(3);
        assertThat(pages).extracting(OrderPage::total).containsOnly(7);
        assertThat(pages).extracting(OrderPage::hasNext).containsExactly(true, true, false);
        List<OrderRef> all = pages.stream().flatMap(p -> p.orders().stream()).toList();
        assertThat(all).extracting(OrderRef::platformOrderId)
                .containsExactly("106", "105", "104", "103", "102", "101", "100");
    }

    @Test
    void createdListSortsByCreationTime() {
        book.order(new SandboxOrder(Channel.TAOBAO, "tb-1", "1", T0, T0.plusSeconds(900), "WAIT_BUYER_PAY", 0));
        book.order(new SandboxOrder(Channel.TAOBAO, "tb-1", "2", T0.plusSeconds(60), T0.plusSeconds(61),
                "WAIT_BUYER_PAY", 0));
        OrderPage page = api.readPage(send(api.listCreated(access(TB), T0.minusSeconds(86_400),
                T0.plusSeconds(86_400), PageRequest.numbered(1, 100), NOW)));
        assertThat(page.orders()).extracting(OrderRef::platformOrderId).containsExactly("2", "1");
        assertThat(page.orders().get(1).createdAt()).isEqualTo(T0);
    }

    @Test
    void incrementWindowOverOneDayIsRefusedAsTopDoes() {
        PlatformRequest tooWide = api.listModified(access(TB), T0, T0.plus(Duration.ofDays(1)).plusSeconds(1),
                PageRequest.numbered(1, 10), NOW);
        assertKind(() -> api.readPage(send(tooWide)), Kind.PERMANENT, "isv.invalid-parameter");
        PlatformRequest oneDay = api.listModified(access(TB), T0, T0.plus(Duration.ofDays(1)),
                PageRequest.numbered(1, 10), NOW);
        assertThat(api.readPage(send(oneDay)).total()).isZero();
    }

    @Test
    void refreshRenewsTheTokenAndTheOldSessionStopsWorking() {
        book.order(new SandboxOrder(Channel.TAOBAO, "tb-1", "7", T0, T0, "TRADE_FINISHED", 0));
        TokenGrant grant = api.readToken(send(api.refreshToken(access(TB), NOW)), NOW);

        assertThat(grant.accessToken()).isNotEqualTo("sess-tb");
        assertThat(grant.expiresAt()).isEqualTo(NOW.plusSeconds(TaobaoSandbox.TOKEN_SECONDS));
        assertKind(() -> api.readOrderDetail(send(api.orderDetail(access(TB), "7", NOW))), Kind.AUTH_EXPIRED,
                "invalid-sessionkey");
        ShopAccess renewed = new ShopAccess("tb-1", null, "app-tb", "secret-tb", grant.accessToken(),
                grant.refreshToken(), grant.expiresAt());
        assertThat(api.readOrderDetail(send(api.orderDetail(renewed, "7", NOW))).platformOrderId()).isEqualTo("7");
    }

    @Test
    void faultsReadAsTheirKinds() {
        assertKind(() -> api.readPage(Wire.toClient(sandbox.fault(SandboxPlatform.Fault.RATE_LIMITED))),
                Kind.RATE_LIMITED, "accesscontrol.limited-by-app-access-count");
        assertKind(() -> api.readPage(Wire.toClient(sandbox.fault(SandboxPlatform.Fault.SERVER_ERROR))),
                Kind.TRANSIENT, "isp.top-remote-connection-timeout");
    }

    @Test
    void topHasNoThinPush() {
        SandboxOrder order = new SandboxOrder(Channel.TAOBAO, "tb-1", "7", T0, T0, "TRADE_FINISHED", 0);
        assertThat(sandbox.thinPush(order, TB)).isEmpty();
    }

    private List<OrderPage> pages(Function<PageRequest, PlatformRequest> list, int size) {
        List<OrderPage> pages = new ArrayList<>();
        OrderPage page;
        int n = 1;
        do {
            page = api.readPage(send(list.apply(PageRequest.numbered(n++, size))));
            pages.add(page);
        } while (page.hasNext() && n < 20);
        return pages;
    }

    private PlatformResponse send(PlatformRequest request) {
        return Wire.toClient(sandbox.answer(Wire.toSandbox(request), book));
    }

    private static ShopAccess access(SandboxShop shop) {
        return new ShopAccess(shop.shopKey(), shop.platformShopId(), shop.appKey(), shop.appSecret(),
                shop.accessToken(), shop.refreshToken(), null);
    }

    private static void assertKind(Runnable call, Kind kind, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(PlatformException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.platformCode()).isEqualTo(code);
        });
    }
}
