package io.orderhub.connector.platform.wechat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.orderhub.connector.api.FetchedOrder;
import io.orderhub.connector.api.OrderPage;
import io.orderhub.connector.api.OrderRef;
import io.orderhub.connector.api.PlatformException;
import io.orderhub.connector.api.PlatformException.Kind;
import io.orderhub.connector.api.PlatformResponse;
import io.orderhub.connector.api.TokenGrant;

/**
 * Reads 微信小店 answers ({@code errcode} 0 = ok) and classifies errors by WeChat's global return codes
 * (developers.weixin.qq.com/doc/oplatform/developers/errCode/errCode.html; the same table WxJava carries as
 * {@code WxMpErrorMsgEnum}).
 */
final class WechatChannelsResponses {

    /** 40001 invalid credential, 40014 invalid access_token, 41001 access_token missing, 42001 expired. */
    static final Set<Integer> AUTH = Set.of(40001, 40014, 41001, 42001);
    /** 45009 reach max api daily quota limit, 45011 api minute-quota reach limit. */
    static final Set<Integer> RATE = Set.of(45009, 45011);
    /** -1 system error / 系统繁忙. */
    static final int BUSY = -1;
    /** order/get for an id the shop does not have (community answers for this API: 订单ID错误). */
    static final int ORDER_NOT_FOUND = 100002;

    private WechatChannelsResponses() {
    }

    static FetchedOrder detail(PlatformResponse response) {
        JsonNode order = ok(response).path("order");
        String id = order.path("order_id").asText(null);
        if (id == null) {
            throw new PlatformException(Kind.PERMANENT, null, "channels/ec/order/get: no order.order_id");
        }
        JsonNode updated = order.path("update_time");
        return new FetchedOrder(id, "application/json", response.body(),
                updated.canConvertToLong() ? Instant.ofEpochSecond(updated.asLong()) : null);
    }

    /** list/get names ids only; total is unknown (-1), the next page follows while {@code has_more}. */
    static OrderPage page(PlatformResponse response) {
        JsonNode root = ok(response);
        List<OrderRef> refs = new ArrayList<>();
        for (JsonNode id : root.path("order_id_list")) {
            refs.add(new OrderRef(id.asText(), null, null, null));
        }
        boolean more = root.path("has_more").asBoolean(false);
        return new OrderPage(-1, List.copyOf(refs), more ? root.path("next_key").asText(null) : null, more);
    }

    static TokenGrant token(PlatformResponse response, Instant now) {
        JsonNode root = ok(response);
        String token = root.path("access_token").asText(null);
        if (token == null || !root.path("expires_in").canConvertToLong()) {
            throw new PlatformException(Kind.PERMANENT, null, "stable_token: no access_token / expires_in");
        }
        return new TokenGrant(token, null, now.plusSeconds(root.path("expires_in").asLong()));
    }

    /** The answer when errcode is 0 or absent; otherwise a classified {@link PlatformException}. */
    static JsonNode ok(PlatformResponse response) {
        if (response.status() >= 500) {
            throw new PlatformException(Kind.TRANSIENT, "HTTP " + response.status(), "weixin: server error");
        }
        JsonNode root = WechatJson.read(response.body());
        if (root == null || !root.isObject()) {
            throw new PlatformException(response.status() >= 400 ? Kind.PERMANENT : Kind.TRANSIENT,
                    "HTTP " + response.status(), "weixin: body is not a JSON object");
        }
        int code = root.path("errcode").asInt(0);
        if (code != 0) {
            throw new PlatformException(kind(code), String.valueOf(code), root.path("errmsg").asText(""));
        }
        return root;
    }

    static Kind kind(int code) {
        if (AUTH.contains(code)) {
            return Kind.AUTH_EXPIRED;
        }
        if (RATE.contains(code)) {
            return Kind.RATE_LIMITED;
        }
        return code == BUSY ? Kind.TRANSIENT : code == ORDER_NOT_FOUND ? Kind.NOT_FOUND : Kind.PERMANENT;
    }
}
