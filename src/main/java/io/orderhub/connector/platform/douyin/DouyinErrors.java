package io.orderhub.connector.platform.douyin;

import java.io.UncheckedIOException;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.orderhub.connector.api.PlatformException;
import io.orderhub.connector.api.PlatformException.Kind;
import io.orderhub.connector.api.PlatformResponse;

/**
 * Reads the 抖店 result envelope ({@code code} 10000 = success with {@code msg/sub_code/sub_msg}; older bodies carry
 * {@code err_no} 0 = success and {@code message}) and classifies errors by the platform's base error table
 * (op.jinritemai.com/docs/guide-docs/212/1427, 平台基础错误码汇总, as quoted in public SDKs) and the per-API codes of
 * order.orderDetail / order.searchList: 40003 {@code isv.access-token-expired} / {@code isv.access-token-no-existed}
 * (the two sub-codes the official SDKs refresh on), 60000 触发限流, 20000 服务不可用 / 20001 内部服务超时 /
 * {@code isp.service-error:*} / {@code isv.business-failed:20004} 系统繁忙, {@code isv.parameter-invalid:20001} 订单不存在
 * / {@code :20014} 查询订单不存在 / {@code isv.business-failed:20015} 订单不是该店铺下的订单.
 */
final class DouyinErrors {

    static final int OK = 10000;
    static final Set<String> AUTH = Set.of("isv.access-token-expired", "isv.access-token-no-existed");
    static final Set<String> NOT_FOUND = Set.of("isv.parameter-invalid:20001", "isv.parameter-invalid:20014",
            "isv.business-failed:20015");
    static final Set<String> BUSY = Set.of("isv.business-failed:20004", "isv.business-failed:20045",
            "isv.business-failed:20055");

    private DouyinErrors() {
    }

    /** The response's JSON once it is known not to be an error; throws the classified error otherwise. */
    static JsonNode parse(PlatformResponse response) {
        JsonNode root;
        try {
            root = DouyinWire.read(response.body());
        } catch (UncheckedIOException e) {
            // gateways answer 5xx with HTML: the status decides
            Kind kind = response.status() >= 500 ? Kind.TRANSIENT : Kind.PERMANENT;
            throw new PlatformException(kind, null, "抖店 HTTP " + response.status() + " without a JSON body");
        }
        check(response.status(), root);
        return root;
    }

    static void check(int httpStatus, JsonNode root) {
        boolean failed = root.has("code")
                ? root.get("code").asInt() != OK
                : root.has("err_no") && root.get("err_no").asInt() != 0;
        if (!failed) {
            if (httpStatus >= 500) {
                throw new PlatformException(Kind.TRANSIENT, null, "抖店 HTTP " + httpStatus);
            }
            return;
        }
        int code = root.has("code") ? root.get("code").asInt() : root.path("err_no").asInt();
        String sub = root.path("sub_code").asText("");
        String message = "抖店 error " + code + " " + sub + ": "
                + root.path("sub_msg").asText(root.path("msg").asText(root.path("message").asText("")));
        throw new PlatformException(kind(httpStatus, code, sub), sub.isEmpty() ? String.valueOf(code) : sub,
                message);
    }

    static Kind kind(int httpStatus, int code, String sub) {
        if (AUTH.contains(sub)) {
            return Kind.AUTH_EXPIRED;
        }
        if (code == 60000) {
            return Kind.RATE_LIMITED;
        }
        if (NOT_FOUND.contains(sub)) {
            return Kind.NOT_FOUND;
        }
        if (code == 20000 || code == 20001 || sub.startsWith("isp.service-error") || BUSY.contains(sub)
                || httpStatus >= 500) {
            return Kind.TRANSIENT;
        }
        return Kind.PERMANENT;
    }
}
