package io.orderhub.connector.platform.youzan;

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
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.orderhub.connector.api.FetchedOrder;
import io.orderhub.connector.api.OrderPage;
import io.orderhub.connector.api.OrderRef;
import io.orderhub.connector.api.PageRequest;
import io.orderhub.connector.api.PlatformException;
import io.orderhub.connector.api.PlatformRequest;
import io.orderhub.connector.api.PlatformResponse;
import io.orderhub.connector.api.ShopAccess;
import io.orderhub.connector.api.TokenGrant;
import io.orderhub.connector.platform.InMemoryBook;
import io.orderhub.connector.sandbox.SandboxOrder;
import io.orderhub.connector.sandbox.SandboxPlatform;
import io.orderhub.connector.sandbox.SandboxResponse;
import io.orderhub.connector.sandbox.SandboxShop;
import io.orderhub.ingress.Channel;
import io.orderhub.mapping.MappingEngine;
import io.orderhub.mapping.MappingResult;

/** The Youzan client against the Youzan sandbox, and the sandbox's rendered details through the real mapping. */
class YouzanSandboxTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");
    private static MappingEngine engine;

    private final YouzanApi api = new YouzanApi();
    private final YouzanSandbox sandbox = new YouzanSandbox(Clock.fixed(NOW, ZoneOffset.UTC));
    private InMemoryBook book;

    @BeforeAll
    static void loadMappings() throws IOException {
        engine = MappingEngine.load(Path.of("mappings"));
    }

    @BeforeEach
    void setUp() {
        book = new InMemoryBook(sandbox::renderDetail)
                .shop(new SandboxShop("yz-1", "13027865", "client-1", "secret-1", "access-1", "refresh-1", null))
                .shop(new SandboxShop("yz-2", "555", "client-2", "secret-2", "access-2", null, null));
        for (int i = 0; i < 45; i++) {
            Instant created = T0.plus(Duration.ofMinutes(10L * i));
            book.order(new SandboxOrder(Channel.YOUZAN, "yz-1", String.format("E202405010000000000%05d", i), created,
                    created.plusSeconds(90), "WAIT_SELLER_SEND_GOODS", i));
        }
        book.order(new SandboxOrder(Channel.YOUZAN, "yz-2", "E20240501000000000099999", T0, T0.plusSeconds(5),
                "WAIT_BUYER_PAY", 0));
    }

    @Test
    void detailRoundTripReturnsTheRenderedBodyVerbatim() {
        FetchedOrder order = api.readOrderDetail(send(api.orderDetail(access("yz-1"), "E20240501000000000000007",
                NOW)));

        SandboxOrder booked = book.order("yz-1", "E20240501000000000000007").orElseThrow();
        assertThat(order.platformOrderId()).isEqualTo("E20240501000000000000007");
        assertThat(order.modifiedAt()).isEqualTo(booked.modifiedAt());
        assertThat(order.body()).isEqualTo(sandbox.renderDetail(booked));
    }

    @Test
    void anotherShopsOrderIsNotFound() {
        PlatformResponse response = send(api.orderDetail(access("yz-1"), "E20240501000000000099999", NOW));

        assertThatThrownBy(() -> api.readOrderDetail(response)).isInstanceOfSatisfying(PlatformException.class,
                e -> assertThat(e.kind()).isEqualTo(PlatformException.Kind.NOT_FOUND));
    }

    @Test
    void staleTokenIsAuthExpiredAndRefreshReplacesIt() {
        ShopAccess old = access("yz-1");
        TokenGrant grant = api.readToken(send(api.refreshToken(old, NOW)), NOW);

        assertThat(grant.accessToken()).isEqualTo(book.shop("yz-1").accessToken()).isNotEqualTo("access-1");
        assertThat(grant.expiresAt()).isAfter(NOW);
        PlatformResponse stale = send(api.orderDetail(old, "E20240501000000000000001", NOW));
        assertThatThrownBy(() -> api.readOrderDetail(stale)).isInstanceOfSatisfying(PlatformException.class,
                e -> assertThat(e.kind()).isEqualTo(PlatformException.Kind.AUTH_EXPIRED));
        ShopAccess renewed = new ShopAccess("yz-1", "13027865", "client-1", "secret-1", grant.accessToken(),
                grant.refreshToken(), grant.expiresAt());
        assertThat(api.readOrderDetail(send(api.orderDetail(renewed, "E20240501000000000000001", NOW)))
                .platformOrderId()).isEqualTo("E20240501000000000000001");
    }

    @Test
    void silentGrantRenewsSelfUseApps() {
        TokenGrant grant = api.readToken(send(api.refreshToken(access("yz-2"), NOW)), NOW);

        assertThat(grant.accessToken()).isEqualTo(book.shop("yz-2").accessToken());
    }

    @Test
    void wrongSecretIsAPlatformError() {
        ShopAccess wrong = new ShopAccess("yz-1", "13027865", "client-1", "not-the-secret", "access-1", "refresh-1",
                null);
        PlatformResponse response = send(api.refreshToken(wrong, NOW));

        assertThatThrownBy(() -> api.readToken(response, NOW)).isInstanceOfSatisfying(PlatformException.class,
                e -> assertThat(e.platformCode()).isEqualTo("1000"));
        assertThat(book.shop("yz-1").accessToken()).isEqualTo("access-1");
    }

    @Test
    void listPagesNumberedFromOneNewestFirst() {
        List<OrderRef> seen = new ArrayList<>();
        OrderPage first = api.readPage(send(api.listCreated(access("yz-1"), T0, T0.plus(Duration.ofDays(1)),
                PageRequest.numbered(1, 20), NOW)));
        for (int page = 1; page <= 3; page++) {
            seen.addAll(api.readPage(send(api.listCreated(access("yz-1"), T0, T0.plus(Duration.ofDays(1)),
                    PageRequest.numbered(page, 20), NOW))).orders());
        }
        OrderPage beyond = api.readPage(send(api.listCreated(access("yz-1"), T0, T0.plus(Duration.ofDays(1)),
                PageRequest.numbered(4, 20), NOW)));

        assertThat(first.total()).isEqualTo(45);
        assertThat(first.orders()).hasSize(20);
        assertThat(seen).extracting(OrderRef::platformOrderId).doesNotHaveDuplicates().hasSize(45);
        assertThat(seen).extracting(OrderRef::createdAt).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(seen.get(0).platformOrderId()).isEqualTo("E20240501000000000000044");
        assertThat(beyond.orders()).isEmpty();
        assertThat(beyond.hasNext()).isFalse();
    }

    @Test
    void listModifiedFiltersByUpdateTime() {
        Instant from = T0.plus(Duration.ofMinutes(100));
        OrderPage page = api.readPage(send(api.listModified(access("yz-1"), from, from.plus(Duration.ofMinutes(30)),
                PageRequest.numbered(1, 100), NOW)));

        // modified = created + 90 s: orders 10, 11, 12 (created at 100, 110, 120 minutes) fall in [100, 130] min
        assertThat(page.orders()).extracting(OrderRef::platformOrderId).containsExactly("E20240501000000000000012",
                "E20240501000000000000011", "E20240501000000000000010");
    }

    @Test
    void windowLongerThanThreeMonthsIsRefused() {
        PlatformResponse response = send(api.listCreated(access("yz-1"), T0.minus(Duration.ofDays(90)), T0,
                PageRequest.numbered(1, 20), NOW));

        assertThatThrownBy(() -> api.readPage(response)).isInstanceOfSatisfying(PlatformException.class,
                e -> assertThat(e.platformCode()).isEqualTo("5000"));
    }

    @Test
    void pagesBeyondTheDocumentedLimitsAreRefused() {
        SandboxResponse tooDeep = sandbox.answer(InMemoryBook.toSandbox(api.listCreated(access("yz-1"), T0,
                T0.plusSeconds(60), PageRequest.numbered(33, 100), NOW)), book);
        SandboxResponse tooWide = new YouzanSandboxList(book, book.shop("yz-1")).answer(YouzanJson.object()
                .put("start_created", "2024-05-01 00:00:00").put("end_created", "2024-05-01 01:00:00")
                .put("page_no", 1).put("page_size", 101));

        assertThat(InMemoryBook.text(tooDeep.body())).contains("\"code\":5000");
        assertThat(InMemoryBook.text(tooWide.body())).contains("每页最多显示100条数据");
    }

    @Test
    void faultsUseYouzanErrorShapes() {
        PlatformResponse limited = response(sandbox.fault(SandboxPlatform.Fault.RATE_LIMITED));
        PlatformResponse busy = response(sandbox.fault(SandboxPlatform.Fault.SERVER_ERROR));

        assertThatThrownBy(() -> api.readOrderDetail(limited)).isInstanceOfSatisfying(PlatformException.class,
                e -> assertThat(e.kind()).isEqualTo(PlatformException.Kind.RATE_LIMITED));
        assertThatThrownBy(() -> api.readOrderDetail(busy)).isInstanceOfSatisfying(PlatformException.class,
                e -> assertThat(e.kind()).isEqualTo(PlatformException.Kind.TRANSIENT));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void renderedDetailMapsThroughTheRealMapping(int variant) {
        Instant created = Instant.parse("2024-05-01T01:02:03Z");
        SandboxOrder order = new SandboxOrder(Channel.YOUZAN, "yz-1", "E20240501090203000012345", created,
                created.plusSeconds(600), "WAIT_BUYER_CONFIRM_GOODS", variant);

        MappingResult result = engine.map("youzan", sandbox.renderDetail(order), "application/json", "13027865");

        assertThat(result).isInstanceOf(MappingResult.Mapped.class);
        var mapped = ((MappingResult.Mapped) result).order();
        assertThat(mapped.get("platformOrderId").asText()).isEqualTo("E20240501090203000012345");
        assertThat(mapped.get("status").asText()).isEqualTo("SHIPPED");
        assertThat(mapped.get("createdAt").asText()).isEqualTo("2024-05-01T01:02:03Z");
        assertThat(mapped.get("updatedAt").asText()).isEqualTo("2024-05-01T01:12:03Z");
        assertThat(mapped.get("shopId").asText()).isEqualTo("13027865");
    }

    @Test
    void youzanHasNoThinPush() {
        SandboxOrder order = book.order("yz-1", "E20240501000000000000001").orElseThrow();

        assertThat(sandbox.thinPush(order, book.shop("yz-1"))).isEmpty();
    }

    private ShopAccess access(String shopKey) {
        SandboxShop shop = book.shop(shopKey);
        return new ShopAccess(shop.shopKey(), shop.platformShopId(), shop.appKey(), shop.appSecret(),
                shop.accessToken(), shop.refreshToken(), null);
    }

    private PlatformResponse send(PlatformRequest request) {
        return response(sandbox.answer(InMemoryBook.toSandbox(request), book));
    }

    private static PlatformResponse response(SandboxResponse answer) {
        return new PlatformResponse(answer.status(), Map.of("content-type", answer.contentType()), answer.body());
    }
}
