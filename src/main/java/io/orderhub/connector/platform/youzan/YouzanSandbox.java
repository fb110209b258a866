package io.orderhub.connector.platform.youzan;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.connector.sandbox.SandboxBook;
import io.orderhub.connector.sandbox.SandboxOrder;
import io.orderhub.connector.sandbox.SandboxPlatform;
import io.orderhub.connector.sandbox.SandboxPush;
import io.orderhub.connector.sandbox.SandboxRequest;
import io.orderhub.connector.sandbox.SandboxResponse;
import io.orderhub.connector.sandbox.SandboxShop;
import io.orderhub.ingress.Channel;

/**
 * 有赞云 as the sandbox plays it: access token in the query, gateway errors in {@code gw_err_resp}, trade.get and
 * trades.sold.get answered from the book in the captured response shapes, /auth/token renewing the shop's token.
 */
@Singleton
public class YouzanSandbox implements SandboxPlatform {

    /** Youzan tokens live 7 days (the sandbox's choice for {@code expires}; the API reports it, not a constant). */
    static final Duration TOKEN_LIFETIME = Duration.ofDays(7);

    private final Clock clock;
    private final YouzanTemplates templates = new YouzanTemplates();

    public YouzanSandbox() {
        this(Clock.systemUTC());
    }

    YouzanSandbox(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Set<Channel> channels() {
        return Set.of(Channel.YOUZAN);
    }

    @Override
    public String pathSegment() {
        return "youzan";
    }

    @Override
    public byte[] renderDetail(SandboxOrder order) {
        return templates.render(order);
    }

    /** Youzan pushes carry the full order (trade_TradeCreate) or a notice the mapping reads directly: none is thin. */
    @Override
    public Optional<SandboxPush> thinPush(SandboxOrder order, SandboxShop shop) {
        return Optional.empty();
    }

    @Override
    public SandboxResponse answer(SandboxRequest request, SandboxBook book) {
        JsonNode params = params(request);
        if (YouzanApi.TOKEN_PATH.equals(request.path())) {
            return token(params, book);
        }
        String token = request.query().get("access_token");
        if (token == null || token.isBlank()) {
            return gateway(4201, "非法的请求凭证");
        }
        Optional<SandboxShop> shop = book.shopByAccessToken(Channel.YOUZAN, token);
        if (shop.isEmpty()) {
            return gateway(4203, "Token 不存在");
        }
        String detail = "/api/" + YouzanApi.DETAIL + "/" + YouzanApi.DETAIL_VERSION;
        String list = "/api/" + YouzanApi.LIST + "/" + YouzanApi.LIST_VERSION;
        if (detail.equals(request.path())) {
            return detail(shop.get(), params.path("tid").asText(""), book);
        }
        if (list.equals(request.path())) {
            return new YouzanSandboxList(book, shop.get()).answer(params);
        }
        return gateway(4005, "非法的API");
    }

    @Override
    public SandboxResponse fault(Fault fault) {
        return fault == Fault.RATE_LIMITED
                ? gateway(4101, "请求太频繁")
                : business(106000001, "请求超时");
    }

    private SandboxResponse detail(SandboxShop shop, String tid, SandboxBook book) {
        Optional<SandboxOrder> order = book.order(shop.shopKey(), tid);
        if (order.isEmpty()) {
            return business(5000, YouzanResponses.TRADE_NOT_FOUND);
        }
        return new SandboxResponse(200, YouzanApi.JSON, book.detail(order.get()));
    }

    private SandboxResponse token(JsonNode params, SandboxBook book) {
        Optional<SandboxShop> shop = book.shopByAppKey(Channel.YOUZAN, params.path("client_id").asText(""));
        if (shop.isEmpty()) {
            return tokenError(1103, "Client 不存在");
        }
        if (!shop.get().appSecret().equals(params.path("client_secret").asText(""))) {
            return tokenError(1000, "client_secret 不正确");
        }
        String type = params.path("authorize_type").asText("");
        boolean granted = "refresh_token".equals(type)
                ? shop.get().refreshToken() != null
                        && shop.get().refreshToken().equals(params.path("refresh_token").asText(""))
                : "silent".equals(type) && shop.get().platformShopId().equals(params.path("grant_id").asText(""));
        if (!granted) {
            return tokenError(1103, "授权关系不存在");
        }
        SandboxShop renewed = book.renewToken(shop.get());
        ObjectNode data = YouzanJson.object().put("access_token", renewed.accessToken())
                .put("expires", clock.instant().plus(TOKEN_LIFETIME).toEpochMilli()).put("scope", "trade")
                .put("authority_id", renewed.platformShopId());
        if (renewed.refreshToken() != null) {
            data.put("refresh_token", renewed.refreshToken());
        }
        ObjectNode body = YouzanJson.object().put("success", true).put("code", 200);
        body.set("data", data);
        body.putNull("message");
        return json(body);
    }

    static SandboxResponse gateway(int code, String message) {
        ObjectNode error = YouzanJson.object().put("trace_id", "sandbox").put("err_msg", message).put("err_code",
                code);
        ObjectNode body = YouzanJson.object();
        body.set("gw_err_resp", error);
        return json(body);
    }

    static SandboxResponse business(int code, String message) {
        ObjectNode body = YouzanJson.object().put("trace_id", "sandbox").put("code", code).put("success", false)
                .put("message", message);
        body.putNull("data");
        return json(body);
    }

    private static SandboxResponse tokenError(int code, String message) {
        ObjectNode body = YouzanJson.object().put("success", false).put("code", code).put("message", message);
        body.putNull("data");
        return json(body);
    }

    static SandboxResponse json(JsonNode body) {
        return new SandboxResponse(200, YouzanApi.JSON, YouzanJson.bytes(body));
    }

    /** The JSON body, or (gateway also accepts forms) the form parameters. */
    private static JsonNode params(SandboxRequest request) {
        JsonNode body = YouzanJson.read(request.body());
        if (body != null && body.isObject()) {
            return body;
        }
        ObjectNode form = YouzanJson.object();
        request.form().forEach(form::put);
        return form;
    }
}
