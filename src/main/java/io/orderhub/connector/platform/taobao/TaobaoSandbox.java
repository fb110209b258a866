package io.orderhub.connector.platform.taobao;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.orderhub.connector.sandbox.SandboxBook;
import io.orderhub.connector.sandbox.SandboxOrder;
import io.orderhub.connector.sandbox.SandboxPlatform;
import io.orderhub.connector.sandbox.SandboxPush;
import io.orderhub.connector.sandbox.SandboxRequest;
import io.orderhub.connector.sandbox.SandboxResponse;
import io.orderhub.connector.sandbox.SandboxShop;
import io.orderhub.ingress.Channel;

/**
 * Taobao/Tmall as the sandbox plays it on {@code /sandbox/taobao/router/rest}: checks app_key, sign (md5, hmac,
 * hmac-sha256) and session like TOP, answers trade detail, the two trade lists (1-based pages of at most 100, newest
 * first as the TOP docs of both list APIs state, increment window at most one day) and token refresh. No thin push:
 * TOP's message service is a long-lived connection the hub does not consume.
 */
@Singleton
public class TaobaoSandbox implements SandboxPlatform {

    static final long TOKEN_SECONDS = 86_400;

    private final Clock clock;
    private final TopBodies bodies;
    private final ObjectMapper json = new ObjectMapper();

    public TaobaoSandbox() {
        this(Clock.systemUTC());
    }

    TaobaoSandbox(Clock clock) {
        this.clock = clock;
        this.bodies = new TopBodies(json);
    }

    @Override
    public Set<Channel> channels() {
        return Set.of(Channel.TAOBAO, Channel.TMALL);
    }

    @Override
    public String pathSegment() {
        return "taobao";
    }

    @Override
    public byte[] renderDetail(SandboxOrder order) {
        return bodies.detail(order);
    }

    @Override
    public Optional<SandboxPush> thinPush(SandboxOrder order, SandboxShop shop) {
        return Optional.empty();
    }

    @Override
    public SandboxResponse fault(Fault fault) {
        return fault == Fault.RATE_LIMITED
                ? bodies.error(7, "App Call Limited", "accesscontrol.limited-by-app-access-count",
                        "This ban will last for 1 more seconds")
                : bodies.error(15, "Remote service error", "isp.top-remote-connection-timeout",
                        "remote connection timeout");
    }

    @Override
    public SandboxResponse answer(SandboxRequest request, SandboxBook book) {
        if (!TaobaoApi.PATH.equals(request.path())) {
            return SandboxResponse.json(404, "{\"error\":\"not found\"}");
        }
        Map<String, String> params = new HashMap<>(request.form());
        params.putAll(request.query());
        String signMethod = params.getOrDefault("sign_method", TopSign.MD5); // TOP's default
        Optional<Found> found = shop(book, params.get("app_key"));
        if (found.isEmpty()) {
            return bodies.error(29, "Invalid app Key", null, null);
        }
        if (!TopSign.supported(signMethod) || !TopSign.sign(params, found.get().shop().appSecret(), signMethod)
                .equalsIgnoreCase(params.getOrDefault("sign", ""))) {
            return bodies.error(25, "Invalid signature", null, null);
        }
        String method = params.getOrDefault("method", "");
        if (TaobaoApi.REFRESH.equals(method)) {
            return refresh(book, found.get().shop(), params.get("refresh_token"));
        }
        Optional<SandboxShop> bySession = book.shopByAccessToken(found.get().channel(),
                params.getOrDefault("session", ""));
        if (bySession.isEmpty() || !bySession.get().shopKey().equals(found.get().shop().shopKey())) {
            return bodies.error(27, "Invalid session", "invalid-sessionkey", "SessionKey非法");
        }
        String shopKey = found.get().shop().shopKey();
        return switch (method) {
            case TaobaoApi.DETAIL -> book.order(shopKey, params.getOrDefault("tid", ""))
                    .map(o -> new SandboxResponse(200, "application/json;charset=UTF-8", TopShipping.withShipments(
                            json, book.detail(o), book.shipments(shopKey, o.platformOrderId()))))
                    .orElseGet(() -> bodies.error(15, "Remote service error", "isv.trade-not-exist", "交易订单不存在"));
            case TaobaoApi.MODIFIED -> TopPaging.answer(bodies, params, "modified", Duration.ofDays(1),
                    "trades_sold_increment_get_response", (from, to) -> book.modifiedBetween(shopKey, from, to),
                    SandboxOrder::modifiedAt);
            case TaobaoApi.CREATED -> TopPaging.answer(bodies, params, "created", Duration.ofDays(90),
                    "trades_sold_get_response", (from, to) -> book.createdBetween(shopKey, from, to),
                    SandboxOrder::createdAt);
            case TaobaoApi.SHIP -> TopShipping.answer(bodies, params, book, shopKey, clock.instant());
            default -> bodies.error(22, "Invalid method", null, null);
        };
    }

    private SandboxResponse refresh(SandboxBook book, SandboxShop shop, String refreshToken) {
        if (shop.refreshToken() == null || !shop.refreshToken().equals(refreshToken)) {
            // TOP's exact sub code for a stale refresh token was not found in the public docs; isv.* = caller error
            return bodies.error(15, "Remote service error", "isv.refresh-token-invalid", "refresh_token无效");
        }
        SandboxShop renewed = book.renewToken(shop);
        Instant expires = clock.instant().plusSeconds(TOKEN_SECONDS);
        return bodies.token(renewed.accessToken(), renewed.refreshToken(), expires.toEpochMilli(), TOKEN_SECONDS);
    }

    private static Optional<Found> shop(SandboxBook book, String appKey) {
        if (appKey == null) {
            return Optional.empty();
        }
        return book.shopByAppKey(Channel.TAOBAO, appKey).map(s -> new Found(Channel.TAOBAO, s))
                .or(() -> book.shopByAppKey(Channel.TMALL, appKey).map(s -> new Found(Channel.TMALL, s)));
    }

    private record Found(Channel channel, SandboxShop shop) {
    }

    /** Orders of a window, as the book lists them. */
    interface Window {
        List<SandboxOrder> between(Instant from, Instant to);
    }

    static Comparator<SandboxOrder> newestFirst(Function<SandboxOrder, Instant> time) {
        return Comparator.comparing(time).reversed();
    }
}
