package io.orderhub.connector.platform.jd;

import static io.orderhub.connector.platform.jd.JdApiTest.assertKind;
import static org.assertj.core.api.Assertions.assertThat;

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

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.connector.api.FetchedOrder;
import io.orderhub.connector.api.OrderPage;
import io.orderhub.connector.api.OrderRef;
import io.orderhub.connector.api.PageRequest;
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

class JdSandboxTest {

    static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
    static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");
    static final SandboxShop SHOP = new SandboxShop("jd-1", "10622317", "app-jd", "secret-jd", "tok-jd", "rt-jd",
            null);
    static final SandboxShop OTHER = new SandboxShop("jd-2", "10622318", "app-jd2", "secret-jd2", "tok-jd2",
            "rt-jd2", null);

    private static MappingEngine engine;
    private final JdSandbox sandbox = new JdSandbox(Clock.fixed(NOW, ZoneOffset.UTC));
    private final JdApi api = new JdApi();
    private final ChannelMemoryBook book = new ChannelMemoryBook(sandbox).shop(Channel.JD, SHOP).shop(Channel.JD,
            OTHER);

    @BeforeAll
    static void loadMappings() throws IOException {
        engine = MappingEngine.load(Path.of("mappings"));
    }

    @Test
    void detailRoundTripMapsThroughTheRealMapping() {
        book.order(new SandboxOrder(Channel.JD, "jd-1", "300000000001", T0, T0.plusSeconds(300),
                "WAIT_GOODS_RECEIVE_CONFIRM", 0));

        FetchedOrder fetched = api.readOrderDetail(send(api.orderDetail(access(SHOP), "300000000001", NOW)));

        assertThat(fetched.platformOrderId()).isEqualTo("300000000001");
        assertThat(fetched.modifiedAt()).isEqualTo(T0.plusSeconds(300));
        MappingResult result = engine.map("jd", fetched.body(), fetched.contentType(), "jd-1");
        assertThat(result).isInstanceOf(MappingResult.Mapped.class);
        ObjectNode mapped = ((MappingResult.Mapped) result).order();
        assertThat(mapped.get("platformOrderId").asText()).isEqualTo("300000000001");
        assertThat(mapped.get("status").asText()).isEqualTo("SHIPPED");
        assertThat(mapped.has("parentPlatformOrderId")).isFalse();
        assertThat(Instant.parse(mapped.get("createdAt").asText())).isEqualTo(T0);
        assertThat(Instant.parse(mapped.get("updatedAt").asText())).isEqualTo(T0.plusSeconds(300));
        assertThat(mapped.at("/lines/0/lineId").asText()).isEqualTo("300000000001-1");
    }

    @Test
    void wrongSecretGetsJosInvalidSignature() {
        ShopAccess wrong = new ShopAccess("jd-1", null, "app-jd", "not-the-secret", "tok-jd", "rt-jd", null);
        assertKind(() -> api.readOrderDetail(send(api.orderDetail(wrong, "1", NOW))), Kind.PERMANENT, "12");
    }

    @Test
    void anotherShopsTokenIsAnInvalidAccessToken() {
        ShopAccess crossed = new ShopAccess("jd-1", null, "app-jd", "secret-jd", "tok-jd2", "rt-jd", null);
        assertKind(() -> api.readOrderDetail(send(api.orderDetail(crossed, "1", NOW))), Kind.AUTH_EXPIRED, "19");
    }

    @Test
    void anotherShopsOrderIsNotFound() {
        book.order(new SandboxOrder(Channel.JD, "jd-2", "5", T0, T0, "FINISHED_L", 0));
        assertKind(() -> api.readOrderDetail(send(api.orderDetail(access(SHOP), "5", NOW))), Kind.NOT_FOUND, null);
    }

    @Test
    void searchPagesOldestFirstWithTheWindowTotal() {
        for (int i = 0; i < 5; i++) {
            book.order(new SandboxOrder(Channel.JD, "jd-1", String.valueOf(500 + i), T0.minusSeconds(86_400),
                    T0.plusSeconds(60L * (5 - i)), "WAIT_SELLER_STOCK_OUT", 0));
        }
        book.order(new SandboxOrder(Channel.JD, "jd-2", "600", T0, T0.plusSeconds(30), "FINISHED_L", 0));
        List<OrderPage> pages = pages(p -> api.listModified(access(SHOP), T0, T0.plusSeconds(3600), p, NOW), 2);

        // JOS sends only orderTotal, and readPage does not know the page number: a short last page still says
        // "maybe more", and the empty page after it ends the walk (a core paging by total stops at page 3)
        assertThat(pages).extracting(p -> p.orders().size()).containsExactly(2, 2, 1, 0);
        assertThat(pages).extracting(OrderPage::hasNext).containsExactly(true, true, true, false);
        assertThat(pages).extracting(OrderPage::total).containsOnly(5);
        assertThat(pages.stream().flatMap(p -> p.orders().stream())).extracting(OrderRef::platformOrderId)
                .containsExactly("504", "503", "502", "501", "500");
    }

    @Test
    void searchByCreationUsesCreationTimes() {
        book.order(new SandboxOrder(Channel.JD, "jd-1", "1", T0.plusSeconds(10), T0.plus(Duration.ofDays(3)),
                "FINISHED_L", 0));
        book.order(new SandboxOrder(Channel.JD, "jd-1", "2", T0.minus(Duration.ofDays(3)), T0.plusSeconds(20),
                "FINISHED_L", 0));
        OrderPage page = api.readPage(send(api.listCreated(access(SHOP), T0, T0.plusSeconds(3600),
                PageRequest.numbered(1, 100), NOW)));
        assertThat(page.orders()).extracting(OrderRef::platformOrderId).containsExactly("1");
        assertThat(page.hasNext()).isFalse();
    }

    @Test
    void windowOverAMonthIsRefused() {
        PlatformRequest tooWide = api.listModified(access(SHOP), T0, T0.plus(Duration.ofDays(32)),
                PageRequest.numbered(1, 10), NOW);
        assertKind(() -> api.readPage(send(tooWide)), Kind.PERMANENT, null);
        PlatformRequest maxWindow = api.listModified(access(SHOP), T0, T0.plus(api.maxWindow()),
                PageRequest.numbered(1, 10), NOW);
        assertThat(api.readPage(send(maxWindow)).total()).isZero();
    }

    @Test
    void refreshRenewsTheTokenAndTheOldOneStopsWorking() {
        book.order(new SandboxOrder(Channel.JD, "jd-1", "7", T0, T0, "FINISHED_L", 0));
        TokenGrant grant = api.readToken(send(api.refreshToken(access(SHOP), NOW)), NOW);

        assertThat(grant.accessToken()).isNotEqualTo("tok-jd");
        assertThat(grant.expiresAt()).isEqualTo(NOW.plusSeconds(JdSandbox.TOKEN_SECONDS));
        assertKind(() -> api.readOrderDetail(send(api.orderDetail(access(SHOP), "7", NOW))), Kind.AUTH_EXPIRED, "19");
        ShopAccess renewed = new ShopAccess("jd-1", null, "app-jd", "secret-jd", grant.accessToken(),
                grant.refreshToken(), grant.expiresAt());
        assertThat(api.readOrderDetail(send(api.orderDetail(renewed, "7", NOW))).platformOrderId()).isEqualTo("7");
        assertKind(() -> api.readToken(send(api.refreshToken(access(SHOP), NOW)), NOW), Kind.PERMANENT, "401");
    }

    @Test
    void faultsReadAsTheirKinds() {
        assertKind(() -> api.readPage(Wire.toClient(sandbox.fault(SandboxPlatform.Fault.RATE_LIMITED))),
                Kind.RATE_LIMITED, "2");
        assertKind(() -> api.readPage(Wire.toClient(sandbox.fault(SandboxPlatform.Fault.SERVER_ERROR))),
                Kind.TRANSIENT, "503");
        assertThat(sandbox.thinPush(new SandboxOrder(Channel.JD, "jd-1", "7", T0, T0, "FINISHED_L", 0), SHOP))
                .isEmpty();
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
}
