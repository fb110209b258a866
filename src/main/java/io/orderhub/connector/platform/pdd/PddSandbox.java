package io.orderhub.connector.platform.pdd;

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
import io.orderhub.util.Hashing;

/**
 * Pinduoduo's POP router as the sandbox plays it: checks the MD5 sign and the access token, then answers order
 * detail, the increment list (30-minute window), the confirm-time list (24-hour window) and token refresh in PDD's
 * response envelopes. No thin push: PDD delivers order messages over its WebSocket message service, for which the
 * hub has no intake.
 */
@Singleton
public class PddSandbox implements SandboxPlatform {

    private final PddTemplates templates = new PddTemplates();
    private final PddSandboxLists lists = new PddSandboxLists();

    @Override
    public Set<Channel> channels() {
        return Set.of(Channel.PDD);
    }

    @Override
    public String pathSegment() {
        return "pdd";
    }

    @Override
    public byte[] renderDetail(SandboxOrder order) {
        return PddWire.write(templates.render(order));
    }

    @Override
    public Optional<SandboxPush> thinPush(SandboxOrder order, SandboxShop shop) {
        return Optional.empty();
    }

    @Override
    public SandboxResponse answer(SandboxRequest request, SandboxBook book) {
        Map<String, String> p = params(request);
        Optional<SandboxShop> shop = book.shopByAppKey(Channel.PDD, p.getOrDefault("client_id", ""));
        if (shop.isEmpty() || !Hashing.constantTimeEqualsIgnoreCase(PddSign.sign(p, shop.get().appSecret()),
                p.get("sign"))) {
            return error(PddErrors.SIGN_INVALID, "签名验证失败", "签名验证失败");
        }
        String type = p.getOrDefault("type", "");
        if (PddApi.REFRESH.equals(type)) {
            return refresh(shop.get(), p, book);
        }
        Optional<SandboxShop> byToken = book.shopByAccessToken(Channel.PDD, p.getOrDefault("access_token", ""));
        if (byToken.isEmpty() || !byToken.get().shopKey().equals(shop.get().shopKey())) {
            return error(PddErrors.TOKEN_EXPIRED, "access_token已过期", "access_token已过期");
        }
        return switch (type) {
            case PddApi.DETAIL -> book.order(shop.get().shopKey(), p.getOrDefault("order_sn", ""))
                    .map(o -> new SandboxResponse(200, "application/json;charset=UTF-8",
                            PddSandboxShipping.withShipments(book.detail(o),
                                    book.shipments(o.shopKey(), o.platformOrderId()))))
                    .orElseGet(() -> error(PddErrors.BUSINESS_FAILED, "业务服务错误", PddErrors.ORDER_MISSING));
            case PddApi.SHIP -> PddSandboxShipping.ship(p, book, shop.get().shopKey(), java.time.Instant.now());
            case PddApi.INCREMENT, PddApi.LIST -> lists.answer(type, shop.get().shopKey(), p, book);
            default -> error(PddErrors.PARAM_INVALID, "参数错误", "unknown type " + type);
        };
    }

    @Override
    public SandboxResponse fault(Fault fault) {
        return fault == Fault.RATE_LIMITED
                ? error(PddErrors.FLOW_LIMITED, "调用超限", "调用超限")
                : error(PddErrors.REMOTE_TIMEOUT, "远程服务调用超时", "远程服务调用超时");
    }

    private static SandboxResponse refresh(SandboxShop shop, Map<String, String> p, SandboxBook book) {
        if (!shop.refreshToken().equals(p.get("refresh_token"))) {
            return error(PddErrors.TOKEN_EXPIRED, "refresh_token已过期", "refresh_token已过期");
        }
        SandboxShop renewed = book.renewToken(shop);
        long now = Long.parseLong(p.getOrDefault("timestamp", "0"));
        ObjectNode root = PddWire.JSON.createObjectNode();
        ObjectNode t = root.putObject("pop_auth_token_refresh_response");
        t.put("access_token", renewed.accessToken());
        t.put("expires_at", now + PddSandboxLists.TOKEN_SECONDS);
        t.put("expires_in", PddSandboxLists.TOKEN_SECONDS);
        t.put("owner_id", renewed.platformShopId());
        t.put("refresh_token", renewed.refreshToken());
        t.put("refresh_token_expires_at", now + PddSandboxLists.TOKEN_SECONDS);
        t.put("refresh_token_expires_in", PddSandboxLists.TOKEN_SECONDS);
        t.putArray("scope");
        return PddSandboxLists.ok(root);
    }

    /** PDD takes its parameters from the query, a form body or a JSON object body alike. */
    private static Map<String, String> params(SandboxRequest request) {
        Map<String, String> p = new LinkedHashMap<>(request.query());
        p.putAll(request.form());
        byte[] body = request.body();
        if (request.form().isEmpty() && body != null && body.length > 0) {
            if (request.contentType() != null && request.contentType().contains("json")) {
                PddWire.read(body).fields().forEachRemaining(e -> p.put(e.getKey(), text(e.getValue())));
            } else {
                p.putAll(PddWire.parseForm(body));
            }
        }
        return p;
    }

    private static String text(JsonNode v) {
        return v.isValueNode() ? v.asText() : v.toString();
    }

    static SandboxResponse error(int code, String msg, String subMsg) {
        ObjectNode root = PddWire.JSON.createObjectNode();
        ObjectNode e = root.putObject("error_response");
        e.put("error_code", code);
        e.put("error_msg", msg);
        e.put("sub_code", String.valueOf(code));
        e.put("sub_msg", subMsg);
        e.put("request_id", "sandbox");
        return PddSandboxLists.ok(root);
    }
}
