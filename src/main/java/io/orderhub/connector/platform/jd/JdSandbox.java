package io.orderhub.connector.platform.jd;

import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
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
 * JD as the sandbox plays it on {@code /sandbox/jd}: {@code /routerjson} checks app_key, the MD5 sign and the
 * access_token like JOS and answers pop.order.get and pop.order.search ({@link JdSearch} pages);
 * {@code /oauth2/refresh_token} renews tokens like open-oauth.jd.com. No thin push: JD's order messages (云鼎/JMQ) are
 * not HTTP pushes the hub has an intake for.
 */
@Singleton
public class JdSandbox implements SandboxPlatform {

    static final long TOKEN_SECONDS = 86_400;

    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final JdBodies bodies = new JdBodies(json);

    public JdSandbox() {
        this(Clock.systemUTC());
    }

    JdSandbox(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Set<Channel> channels() {
        return Set.of(Channel.JD);
    }

    @Override
    public String pathSegment() {
        return "jd";
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
        // code 2 is JOS's App Call Limited; for "service unavailable" no JOS code was found, so the gateway's HTTP 503
        return fault == Fault.RATE_LIMITED
                ? bodies.gatewayError("2", "限制时间内调用失败次数", "App Call Limited")
                : SandboxResponse.json(503, "{\"error\":\"Service Unavailable\"}");
    }

    @Override
    public SandboxResponse answer(SandboxRequest request, SandboxBook book) {
        Map<String, String> params = new HashMap<>(request.form());
        params.putAll(request.query());
        if (JdApi.REFRESH_PATH.equals(request.path())) {
            return refresh(params, book);
        }
        if (!JdApi.PATH.equals(request.path())) {
            return SandboxResponse.json(404, "{\"error\":\"not found\"}");
        }
        Optional<SandboxShop> shop = book.shopByAppKey(Channel.JD, params.getOrDefault("app_key", ""));
        // an unknown app_key cannot be checked against any secret: answered as the invalid signature it is
        if (shop.isEmpty() || !JosSign.sign(params, shop.get().appSecret())
                .equalsIgnoreCase(params.getOrDefault("sign", ""))) {
            return bodies.gatewayError("12", "无效签名", "Invalid Signature");
        }
        Optional<SandboxShop> byToken = book.shopByAccessToken(Channel.JD, params.getOrDefault("access_token", ""));
        if (byToken.isEmpty() || !byToken.get().shopKey().equals(shop.get().shopKey())) {
            return bodies.gatewayError("19", "token已过期或者不存在，请重新授权访问", "Invalid access_token");
        }
        JsonNode business = business(params.get("360buy_param_json"));
        String shopKey = shop.get().shopKey();
        return switch (params.getOrDefault("method", "")) {
            case JdApi.DETAIL -> book.order(shopKey, business.path("order_id").asText(""))
                    .map(o -> new SandboxResponse(200, "application/json;charset=UTF-8", book.detail(o)))
                    .orElseGet(bodies::noOrder);
            case JdApi.SEARCH -> JdSearch.answer(bodies, business, book, shopKey);
            default -> bodies.gatewayError("15", "不存在的方法名", "Invalid Method");
        };
    }

    private SandboxResponse refresh(Map<String, String> q, SandboxBook book) {
        Optional<SandboxShop> shop = book.shopByAppKey(Channel.JD, q.getOrDefault("app_key", ""))
                .filter(s -> s.appSecret().equals(q.get("app_secret")))
                .filter(s -> "refresh_token".equals(q.get("grant_type")))
                .filter(s -> s.refreshToken() != null && s.refreshToken().equals(q.get("refresh_token")));
        if (shop.isEmpty()) {
            // open-oauth answers {code, msg}; the code for a stale refresh token was not found in JD's public docs
            return SandboxResponse.json(200, "{\"code\":401,\"msg\":\"refresh_token无效\"}");
        }
        SandboxShop renewed = book.renewToken(shop.get());
        return bodies.token(renewed.accessToken(), renewed.refreshToken(), clock.millis(), TOKEN_SECONDS);
    }

    private JsonNode business(String paramJson) {
        try {
            return paramJson == null ? json.createObjectNode() : json.readTree(paramJson);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }
}
