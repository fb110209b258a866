package io.orderhub.connector.platform.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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
import io.orderhub.connector.platform.InMemoryBook;
import io.orderhub.connector.sandbox.SandboxOrder;
import io.orderhub.connector.sandbox.SandboxPlatform;
import io.orderhub.connector.sandbox.SandboxPush;
import io.orderhub.connector.sandbox.SandboxResponse;
import io.orderhub.connector.sandbox.SandboxShop;
import io.orderhub.ingress.Channel;
import io.orderhub.mapping.MappingEngine;
import io.orderhub.mapping.MappingResult;

/** The WeChat Channels client against its sandbox; rendered details and pushes through the real mapping. */
class WechatChannelsSandboxTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");
    private static MappingEngine engine;

    private final WechatChannelsApi api = new WechatChannelsApi();
    private final WechatChannelsSandbox sandbox = new WechatChannelsSandbox(Clock.fixed(NOW, ZoneOffset.UTC));
    private InMemoryBook book;

    @BeforeAll
    static void loadMappings() throws IOException {
        engine = MappingEngine.load(Path.of("mappings"));
    }

    @BeforeEach
    void setUp() {
        book = new InMemoryBook(sandbox::renderDetail)
                .shop(new SandboxShop("wx-1", "wx-shop-1", "wxapp1", "secret-1", "token-1", null, "push-token-1"))
                .shop(new SandboxShop("wx-2", "wx-shop-2", "wxapp2", "secret-2", "token-2", null, null));
        for (int i = 0; i < 25; i++) {
            Instant created = T0.plus(Duration.ofMinutes(7L * i));
            book.order(new SandboxOrder(Channel.WECHAT_CHANNELS, "wx-1", String.valueOf(3705115058471208900L + i),
                    created, created.plusSeconds(30), "20", 0));
        }
    }

    @Test
    void detailRoundTripReturnsTheRenderedBodyVerbatim() {
        FetchedOrder order = api.readOrderDetail(send(api.orderDetail(access("wx-1"), "3705115058471208905", NOW)));

        SandboxOrder booked = book.order("wx-1", "3705115058471208905").orElseThrow();
        assertThat(order.platformOrderId()).isEqualTo("3705115058471208905");
        assertThat(order.modifiedAt()).isEqualTo(booked.modifiedAt());
        assertThat(order.body()).isEqualTo(sandbox.renderDetail(booked));
    }

    @Test
    void unknownOrderIsNotFoundAndStaleTokenAuthExpired() {
        PlatformResponse missing = send(api.orderDetail(access("wx-2"), "3705115058471208905", NOW));
        ShopAccess stale = new ShopAccess("wx-1", "wx-shop-1", "wxapp1", "secret-1", "token-old", null, null);
        PlatformResponse expired = send(api.orderDetail(stale, "3705115058471208905", NOW));

        assertThatThrownBy(() -> api.readOrderDetail(missing)).isInstanceOfSatisfying(PlatformException.class,
                e -> assertThat(e.kind()).isEqualTo(PlatformException.Kind.NOT_FOUND));
        assertThatThrownBy(() -> api.readOrderDetail(expired)).isInstanceOfSatisfying(PlatformException.class,
                e -> assertThat(e.kind()).isEqualTo(PlatformException.Kind.AUTH_EXPIRED));
    }

    @Test
    void stableTokenRenewsWithTheRightSecretOnly() {
        ShopAccess wrong = new ShopAccess("wx-1", "wx-shop-1", "wxapp1", "not-it", "token-1", null, null);
        PlatformResponse refused = send(api.refreshToken(wrong, NOW));
        assertThatThrownBy(() -> api.readToken(refused, NOW)).isInstanceOfSatisfying(PlatformException.class, e -> {
            assertThat(e.kind()).isEqualTo(PlatformException.Kind.PERMANENT);
            assertThat(e.platformCode()).isEqualTo("40125");
        });

        TokenGrant grant = api.readToken(send(api.refreshToken(access("wx-1"), NOW)), NOW);

        assertThat(grant.accessToken()).isEqualTo(book.shop("wx-1").accessToken()).isNotEqualTo("token-1");
        assertThat(grant.expiresAt()).isEqualTo(NOW.plusSeconds(7200));
    }

    @Test
    void listFollowsTheCursorAcrossPages() {
        List<OrderRef> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        OrderPage page;
        do {
            page = api.readPage(send(api.listCreated(access("wx-1"), T0, T0.plus(Duration.ofDays(1)),
                    PageRequest.cursor(cursor, 10), NOW)));
            seen.addAll(page.orders());
            cursor = page.nextCursor();
            pages++;
        } while (page.hasNext());

        assertThat(pages).isEqualTo(3);
        assertThat(seen).extracting(OrderRef::platformOrderId).doesNotHaveDuplicates().hasSize(25)
                .startsWith("3705115058471208900").endsWith("3705115058471208924");
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void listModifiedUsesTheUpdateTimeRange() {
        Instant from = T0.plus(Duration.ofMinutes(7)).plusSeconds(31);
        OrderPage page = api.readPage(send(api.listModified(access("wx-1"), from, from.plus(Duration.ofMinutes(14)),
                PageRequest.cursor(null, 100), NOW)));

        // modified = created + 30 s: orders 2 (14m30s) and 3 (21m30s) fall in [7m31s, 21m31s]
        assertThat(page.orders()).extracting(OrderRef::platformOrderId).containsExactly("3705115058471208902",
                "3705115058471208903");
        assertThat(page.hasNext()).isFalse();
    }

    @Test
    void windowLongerThanSevenDaysIsRefused() {
        PlatformResponse response = send(api.listCreated(access("wx-1"), T0, T0.plus(Duration.ofDays(7)).plusSeconds(1),
                PageRequest.cursor(null, 10), NOW));

        assertThatThrownBy(() -> api.readPage(response)).isInstanceOfSatisfying(PlatformException.class,
                e -> assertThat(e.platformCode()).isEqualTo("40097"));
    }

    @Test
    void faultsUseWechatErrorShapes() {
        assertThatThrownBy(() -> api.readPage(response(sandbox.fault(SandboxPlatform.Fault.RATE_LIMITED))))
                .isInstanceOfSatisfying(PlatformException.class,
                        e -> assertThat(e.kind()).isEqualTo(PlatformException.Kind.RATE_LIMITED));
        assertThatThrownBy(() -> api.readPage(response(sandbox.fault(SandboxPlatform.Fault.SERVER_ERROR))))
                .isInstanceOfSatisfying(PlatformException.class,
                        e -> assertThat(e.kind()).isEqualTo(PlatformException.Kind.TRANSIENT));
    }

    @ParameterizedTest
    @CsvSource({"10,PENDING_PAYMENT", "20,PAID", "30,SHIPPED", "100,COMPLETED", "250,CANCELLED"})
    void renderedDetailMapsThroughTheRealMapping(String status, String canonical) {
        Instant created = Instant.parse("2024-05-01T01:02:03Z");
        SandboxOrder order = new SandboxOrder(Channel.WECHAT_CHANNELS, "wx-1", "3705115058471299999", created,
                created.plusSeconds(600), status, 0);

        MappingResult result = engine.map("wechat_channels", sandbox.renderDetail(order), "application/json", "wx-1");

        assertThat(result).isInstanceOf(MappingResult.Mapped.class);
        var mapped = ((MappingResult.Mapped) result).order();
        assertThat(mapped.get("platformOrderId").asText()).isEqualTo("3705115058471299999");
        assertThat(mapped.get("status").asText()).isEqualTo(canonical);
        assertThat(mapped.get("createdAt").asText()).isEqualTo("2024-05-01T01:02:03Z");
        assertThat(mapped.get("updatedAt").asText()).isEqualTo("2024-05-01T01:12:03Z");
    }

    @ParameterizedTest
    @CsvSource({"10,channels_ec_order_new", "20,channels_ec_order_pay", "30,channels_ec_order_deliver",
            "100,channels_ec_order_confirm", "250,channels_ec_order_cancel"})
    void thinPushIsSignedAndMapsToANoticeForTheOrder(String status, String event) throws Exception {
        SandboxOrder order = new SandboxOrder(Channel.WECHAT_CHANNELS, "wx-1", "3705115058471299999", T0,
                T0.plusSeconds(600), status, 0);

        SandboxPush push = sandbox.thinPush(order, book.shop("wx-1")).orElseThrow();

        assertThat(push.query()).containsEntry("timestamp", String.valueOf(NOW.getEpochSecond()));
        // plain-mode signature: SHA-1 hex of token, timestamp, nonce sorted and joined (WeChat message push docs,
        // "验证消息的确来自微信服务器"), computed here without the class under test
        assertThat(push.query().get("signature"))
                .isEqualTo(sha1Sorted("push-token-1", push.query().get("timestamp"), push.query().get("nonce")));
        MappingResult result = engine.map("wechat_channels", push.body(), push.contentType(), "wx-1");
        assertThat(result).isInstanceOfSatisfying(MappingResult.Notice.class, n -> {
            assertThat(n.platformOrderId()).isEqualTo("3705115058471299999");
            assertThat(n.platformStatus()).isEqualTo(event);
            assertThat(n.updatedAt()).isEqualTo("2024-05-01T00:10:00Z");
        });
    }

    @Test
    void noPushWithoutAPushToken() {
        SandboxOrder order = book.order("wx-1", "3705115058471208901").orElseThrow();

        assertThat(sandbox.thinPush(order, book.shop("wx-2"))).isEmpty();
    }

    private static String sha1Sorted(String... parts) throws NoSuchAlgorithmException {
        String[] sorted = parts.clone();
        Arrays.sort(sorted);
        byte[] digest = MessageDigest.getInstance("SHA-1")
                .digest(String.join("", sorted).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }

    private ShopAccess access(String shopKey) {
        SandboxShop shop = book.shop(shopKey);
        return new ShopAccess(shop.shopKey(), shop.platformShopId(), shop.appKey(), shop.appSecret(),
                shop.accessToken(), null, null);
    }

    private PlatformResponse send(PlatformRequest request) {
        return response(sandbox.answer(InMemoryBook.toSandbox(request), book));
    }

    private static PlatformResponse response(SandboxResponse answer) {
        return new PlatformResponse(answer.status(), Map.of("content-type", answer.contentType()), answer.body());
    }
}
