package io.orderhub.connector.platform.youzan;

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
 * Reads Youzan answers and classifies their errors. Three shapes (doc.youzanyun.com global error page and FAQ, as
 * digested in a public Youzan skill file, find_string id 66395957968): the gateway's {@code {"gw_err_resp":{err_code,
 * err_msg}}} (HTTP 200), the business {@code {"code":200|n,"success":bool,"message",...}}, and /auth/token's
 * {@code {"success":false,"code":1103,"message"}}.
 */
final class YouzanResponses {

    /** Gateway: 4201 非法的请求凭证 (empty token / grant expired), 4202 请求凭证过期, 4203 请求凭证不存在. */
    static final Set<Integer> AUTH = Set.of(4201, 4202, 4203);
    /** Gateway 4101 请求太频繁; business 500100004 / 123000042 请求被限流, 141500203 api rate limiting. */
    static final Set<Integer> RATE = Set.of(4101, 500100004, 123000042, 141500203);
    /** 5003 插件执行异常; 106000001 / 106100118 请求超时 (retry). 5001 is mostly a wrong parameter type: permanent. */
    static final Set<Integer> TRANSIENT = Set.of(5003, 106000001, 106100118);
    /** trade.get answers business code 5000 "trade not found" (also for another shop's order, FAQ 34556). */
    static final String TRADE_NOT_FOUND = "trade not found";

    private YouzanResponses() {
    }

    static FetchedOrder detail(PlatformResponse response) {
        JsonNode data = data(response);
        JsonNode info = data.path("full_order_info").path("order_info");
        String tid = info.path("tid").asText(null);
        if (tid == null) {
            throw new PlatformException(Kind.PERMANENT, null, "youzan.trade.get: no full_order_info.order_info.tid");
        }
        return new FetchedOrder(tid, "application/json", response.body(),
                YouzanJson.parse(info.path("update_time").asText(null)));
    }

    /**
     * A trades.sold.get page. Its answer names the total but not the page it answers, so {@code hasNext} is true for
     * every non-empty page: a forward reader stops at the first empty page, a numbered reader uses {@code total}.
     */
    static OrderPage page(PlatformResponse response) {
        JsonNode data = data(response);
        List<OrderRef> refs = new ArrayList<>();
        for (JsonNode row : data.path("full_order_info_list")) {
            JsonNode info = row.path("full_order_info").path("order_info");
            refs.add(new OrderRef(info.path("tid").asText(), YouzanJson.parse(info.path("update_time").asText(null)),
                    YouzanJson.parse(info.path("created").asText(null)), info.path("status").asText(null)));
        }
        return new OrderPage(data.path("total_results").asInt(0), List.copyOf(refs), null, !refs.isEmpty());
    }

    /** /auth/token: {@code data.expires} is the expiry as epoch milliseconds (SDKs read it with new Date(expires)). */
    static TokenGrant token(PlatformResponse response) {
        JsonNode data = data(response);
        String token = data.path("access_token").asText(null);
        if (token == null || !data.path("expires").canConvertToLong()) {
            throw new PlatformException(Kind.PERMANENT, null, "auth/token: no access_token / expires");
        }
        return new TokenGrant(token, data.path("refresh_token").asText(null),
                Instant.ofEpochMilli(data.path("expires").asLong()));
    }

    /** The {@code data} of a successful answer; any error shape becomes a classified {@link PlatformException}. */
    static JsonNode data(PlatformResponse response) {
        JsonNode root = YouzanJson.read(response.body());
        if (response.status() >= 500) {
            throw new PlatformException(Kind.TRANSIENT, "HTTP " + response.status(), "youzan: server error");
        }
        if (root == null || !root.isObject()) {
            throw new PlatformException(response.status() >= 400 ? Kind.PERMANENT : Kind.TRANSIENT,
                    "HTTP " + response.status(), "youzan: body is not a JSON object");
        }
        JsonNode gw = root.path("gw_err_resp");
        if (gw.isObject()) {
            int code = gw.path("err_code").asInt();
            throw new PlatformException(gatewayKind(code), String.valueOf(code), gw.path("err_msg").asText(""));
        }
        int code = root.path("code").asInt(-1);
        if (!root.path("success").asBoolean(false) || code != 200) {
            String message = root.path("message").asText("");
            throw new PlatformException(businessKind(code, message), String.valueOf(code), message);
        }
        return root.path("data");
    }

    static Kind gatewayKind(int code) {
        if (AUTH.contains(code)) {
            return Kind.AUTH_EXPIRED;
        }
        return RATE.contains(code) ? Kind.RATE_LIMITED : TRANSIENT.contains(code) ? Kind.TRANSIENT : Kind.PERMANENT;
    }

    static Kind businessKind(int code, String message) {
        if (code == 5000 && TRADE_NOT_FOUND.equalsIgnoreCase(message.trim())) {
            return Kind.NOT_FOUND;
        }
        return gatewayKind(code);
    }
}
