package io.orderhub.connector.platform.taobao;

import java.io.IOException;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.orderhub.connector.api.PlatformException;
import io.orderhub.connector.api.PlatformException.Kind;
import io.orderhub.connector.api.PlatformResponse;

/**
 * Reads a TOP answer and turns its {@code error_response} into a classified {@link PlatformException}. Codes from
 * TOP's platform error table (open.taobao.com "平台错误码", docId=114): 7 App Call Limited, 10 Service Currently
 * Unavailable, 15 Remote service error (carries an {@code isp.*} sub code when the service provider failed, an
 * {@code isv.*} one when the caller did), 25 Invalid Signature, 26 Missing Session, 27 Invalid Session; flow control
 * sub codes start with {@code accesscontrol.} (e.g. accesscontrol.limited-by-app-access-count); a missing trade is
 * sub code {@code isv.trade-not-exist}.
 */
final class TopErrors {

    private static final Set<String> SESSION_SUB_CODES = Set.of("invalid-sessionkey", "session-expired",
            "isv.invalid-session", "isv.session-expired");

    private TopErrors() {
    }

    /** The parsed body of a successful answer; throws for HTTP failures and TOP error bodies. */
    static JsonNode read(ObjectMapper json, PlatformResponse response) {
        if (response.status() >= 500) {
            throw new PlatformException(Kind.TRANSIENT, String.valueOf(response.status()),
                    "TOP answered HTTP " + response.status());
        }
        JsonNode root;
        try {
            root = json.readTree(response.body());
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            throw new PlatformException(Kind.PERMANENT, String.valueOf(response.status()),
                    "TOP answered HTTP " + response.status() + " without a JSON object");
        }
        JsonNode error = root.get("error_response");
        if (error != null) {
            throw classify(error);
        }
        if (response.status() >= 400) {
            throw new PlatformException(Kind.PERMANENT, String.valueOf(response.status()),
                    "TOP answered HTTP " + response.status());
        }
        return root;
    }

    static PlatformException classify(JsonNode error) {
        String code = error.path("code").asText("");
        String subCode = error.path("sub_code").asText("");
        String reason = "TOP error " + code + (subCode.isEmpty() ? "" : "/" + subCode) + ": "
                + error.path("msg").asText("")
                + (error.path("sub_msg").asText("").isEmpty() ? "" : " (" + error.path("sub_msg").asText() + ")");
        return new PlatformException(kind(code, subCode), subCode.isEmpty() ? code : subCode, reason);
    }

    static Kind kind(String code, String subCode) {
        if ("isv.trade-not-exist".equals(subCode)) {
            return Kind.NOT_FOUND;
        }
        if ("7".equals(code) || subCode.startsWith("accesscontrol.")) {
            return Kind.RATE_LIMITED;
        }
        if ("27".equals(code) || SESSION_SUB_CODES.contains(subCode)) {
            return Kind.AUTH_EXPIRED;
        }
        if ("10".equals(code) || subCode.startsWith("isp.")) {
            return Kind.TRANSIENT;
        }
        return Kind.PERMANENT;
    }
}
