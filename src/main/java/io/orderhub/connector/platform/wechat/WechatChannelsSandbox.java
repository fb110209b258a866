package io.orderhub.connector.platform.wechat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
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
import io.orderhub.ingress.signature.WechatSignature;

/**
 * 微信小店 as the sandbox plays it: access token in the query ({@code errcode} 41001 / 40001 when missing or stale),
 * order/get from the book, list/get with a next_key cursor, stable_token checking appid and secret, and plain-mode
 * message pushes signed {@code sha1(sort(token, timestamp, nonce))} with the shop's push token.
 */
@Singleton
public class WechatChannelsSandbox implements SandboxPlatform {

    static final long TOKEN_SECONDS = 7200;

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final WechatChannelsTemplates templates = new WechatChannelsTemplates();

    public WechatChannelsSandbox() {
        this(Clock.systemUTC());
    }

    WechatChannelsSandbox(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Set<Channel> channels() {
        return Set.of(Channel.WECHAT_CHANNELS);
    }

    @Override
    public String pathSegment() {
        return "wechat_channels";
    }

    @Override
    public byte[] renderDetail(SandboxOrder order) {
        return templates.detail(order);
    }

    /** The event push: the hub's intake checks signature, timestamp (skew) and nonce from the query. */
    @Override
    public Optional<SandboxPush> thinPush(SandboxOrder order, SandboxShop shop) {
        if (shop.pushSecret() == null) {
            return Optional.empty();
        }
        String timestamp = String.valueOf(clock.instant().getEpochSecond());
        String nonce = String.valueOf(1_000_000_000L + random.nextInt(1_000_000_000));
        Map<String, String> query = new LinkedHashMap<>();
        query.put("signature", WechatSignature.sha1Sorted(shop.pushSecret(), timestamp, nonce));
        query.put("timestamp", timestamp);
        query.put("nonce", nonce);
        return Optional.of(new SandboxPush(query, Map.of(), WechatChannelsApi.JSON,
                WechatJson.bytes(templates.event(order))));
    }

    @Override
    public SandboxResponse answer(SandboxRequest request, SandboxBook book) {
        JsonNode body = WechatJson.read(request.body());
        JsonNode params = body != null && body.isObject() ? body : WechatJson.object();
        if (WechatChannelsApi.TOKEN_PATH.equals(request.path())) {
            return token(params, book);
        }
        String token = request.query().get("access_token");
        if (token == null || token.isBlank()) {
            return error(41001, "access_token missing");
        }
        Optional<SandboxShop> shop = book.shopByAccessToken(Channel.WECHAT_CHANNELS, token);
        if (shop.isEmpty()) {
            return error(40001, "invalid credential, access_token is invalid or not latest");
        }
        if (WechatChannelsApi.DETAIL_PATH.equals(request.path())) {
            Optional<SandboxOrder> order = book.order(shop.get().shopKey(), params.path("order_id").asText(""));
            return order.map(o -> new SandboxResponse(200, WechatChannelsApi.JSON,
                    WechatChannelsSandboxShipping.withShipments(book.detail(o),
                            book.shipments(o.shopKey(), o.platformOrderId()))))
                    .orElseGet(() -> error(WechatChannelsResponses.ORDER_NOT_FOUND, "order not exist"));
        }
        if (WechatChannelsShipping.PATH.equals(request.path())) {
            return WechatChannelsSandboxShipping.ship(params, book, shop.get(), clock.instant());
        }
        if (WechatChannelsApi.LIST_PATH.equals(request.path())) {
            return new WechatChannelsSandboxList(book, shop.get()).answer(params);
        }
        return new SandboxResponse(404, "text/plain", "Not Found".getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public SandboxResponse fault(Fault fault) {
        return fault == Fault.RATE_LIMITED
                ? error(45011, "api minute-quota reach limit  mustslower  retry next minute")
                : error(WechatChannelsResponses.BUSY, "system error");
    }

    /** stable_token: 40013 invalid appid, 40125 invalid appsecret; a fresh token replaces the old one. */
    private SandboxResponse token(JsonNode params, SandboxBook book) {
        if (!"client_credential".equals(params.path("grant_type").asText())) {
            return error(40002, "invalid grant_type");
        }
        Optional<SandboxShop> shop = book.shopByAppKey(Channel.WECHAT_CHANNELS, params.path("appid").asText(""));
        if (shop.isEmpty()) {
            return error(40013, "invalid appid");
        }
        if (!shop.get().appSecret().equals(params.path("secret").asText(""))) {
            return error(40125, "invalid appsecret");
        }
        SandboxShop renewed = book.renewToken(shop.get());
        return json(WechatJson.object().put("access_token", renewed.accessToken()).put("expires_in", TOKEN_SECONDS));
    }

    static SandboxResponse error(int code, String message) {
        return json(WechatJson.object().put("errcode", code).put("errmsg", message + " rid: sandbox"));
    }

    static SandboxResponse json(ObjectNode body) {
        return new SandboxResponse(200, WechatChannelsApi.JSON, WechatJson.bytes(body));
    }
}
