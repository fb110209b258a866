package io.orderhub.connector.platform.douyin;

import java.nio.charset.StandardCharsets;
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
 * The 抖店 open API as the sandbox plays it: checks app_key, the sign (hmac-sha256 or md5 per sign_method) and the
 * access token, then answers order.orderDetail, order.searchList (pages from 0, size ≤ 100, sort by create or update
 * time) and token.refresh with the platform's envelopes and error codes; sends thin message pushes.
 */
@Singleton
public class DouyinSandbox implements SandboxPlatform {

    private final DouyinTemplates templates = new DouyinTemplates();
    private final DouyinSandboxLists lists = new DouyinSandboxLists();

    @Override
    public Set<Channel> channels() {
        return Set.of(Channel.DOUYIN);
    }

    @Override
    public String pathSegment() {
        return "douyin";
    }

    @Override
    public byte[] renderDetail(SandboxOrder order) {
        return DouyinWire.write(templates.render(order));
    }

    @Override
    public Optional<SandboxPush> thinPush(SandboxOrder order, SandboxShop shop) {
        return Optional.of(DouyinPush.of(order, shop));
    }

    @Override
    public SandboxResponse answer(SandboxRequest request, SandboxBook book) {
        String method = request.param("method");
        if (method == null || !request.path().equals(DouyinWire.path(method))) {
            return error(70000, "接口服务已下线", "isp.api-service-off", "API不存在或API已下线");
        }
        Optional<SandboxShop> shop = book.shopByAppKey(Channel.DOUYIN, request.param("app_key"));
        if (shop.isEmpty()) {
            return error(40001, "缺少必选参数", "isv.app-id-missing", "认证失败，app_key不存在");
        }
        String json = request.body() != null && request.body().length > 0
                ? new String(request.body(), StandardCharsets.UTF_8)
                : Optional.ofNullable(request.param("param_json")).orElse("{}");
        String expected = DouyinSign.sign(request.param("sign_method"), shop.get().appKey(), shop.get().appSecret(),
                method, json, request.param("timestamp"));
        if (!Hashing.constantTimeEqualsIgnoreCase(expected, request.param("sign"))) {
            return error(40003, "非法的参数", "isv.signature-invalid", "签名校验失败");
        }
        JsonNode params = DouyinWire.read(json.getBytes(StandardCharsets.UTF_8));
        if (DouyinApi.REFRESH.equals(method)) {
            return refresh(shop.get(), params, book);
        }
        Optional<SandboxShop> byToken = Optional.ofNullable(request.param("access_token"))
                .flatMap(t -> book.shopByAccessToken(Channel.DOUYIN, t));
        if (byToken.isEmpty() || !byToken.get().shopKey().equals(shop.get().shopKey())) {
            return error(40003, "非法的参数", "isv.access-token-expired", "access_token已过期");
        }
        return switch (method) {
            case DouyinApi.DETAIL -> book.order(shop.get().shopKey(), params.path("shop_order_id").asText())
                    .map(o -> DouyinSandboxLists.ok(DouyinSandboxShipping.withShipments(book.detail(o),
                            book.shipments(o.shopKey(), o.platformOrderId()))))
                    .orElseGet(() -> error(40004, "非法的参数", "isv.parameter-invalid:20001", "订单不存在"));
            case DouyinApi.SHIP, DouyinApi.SHIP_MULTI -> DouyinSandboxShipping.ship(method, params, book,
                    shop.get().shopKey(), java.time.Instant.now());
            case DouyinApi.SEARCH -> lists.answer(shop.get().shopKey(), params, book, templates.searchEnvelope());
            default -> error(70000, "接口服务已下线", "isp.api-service-off", "API不存在或API已下线");
        };
    }

    @Override
    public SandboxResponse fault(Fault fault) {
        return fault == Fault.RATE_LIMITED
                ? error(60000, "触发限流，请稍后重试", "", "触发限流，请稍后重试")
                : error(20000, "服务不可用", "dop.service-error", "内部错误，请反馈客服或答疑群");
    }

    private static SandboxResponse refresh(SandboxShop shop, JsonNode params, SandboxBook book) {
        if (!"refresh_token".equals(params.path("grant_type").asText())
                || !shop.refreshToken().equals(params.path("refresh_token").asText())) {
            return error(50001, "平台处理失败", "dop.token-generate-failed:token-invalid", "生成token失败，token不存在");
        }
        SandboxShop renewed = book.renewToken(shop);
        ObjectNode root = envelope(DouyinErrors.OK, "success", "", "");
        ObjectNode data = root.putObject("data");
        data.put("access_token", renewed.accessToken());
        data.put("expires_in", DouyinSandboxLists.TOKEN_SECONDS);
        data.put("refresh_token", renewed.refreshToken());
        data.put("scope", "SCOPE");
        data.put("shop_id", renewed.platformShopId());
        data.put("shop_name", renewed.shopKey());
        return DouyinSandboxLists.ok(DouyinWire.write(root));
    }

    static SandboxResponse error(int code, String msg, String subCode, String subMsg) {
        ObjectNode root = envelope(code, msg, subCode, subMsg);
        root.putObject("data");
        return DouyinSandboxLists.ok(DouyinWire.write(root));
    }

    private static ObjectNode envelope(int code, String msg, String subCode, String subMsg) {
        ObjectNode root = DouyinWire.JSON.createObjectNode();
        root.put("code", code);
        root.put("msg", msg);
        root.put("sub_code", subCode);
        root.put("sub_msg", subMsg);
        root.put("log_id", "sandbox");
        return root;
    }
}
