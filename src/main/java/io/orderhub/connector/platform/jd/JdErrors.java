package io.orderhub.connector.platform.jd;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.orderhub.connector.api.PlatformException;
import io.orderhub.connector.api.PlatformException.Kind;
import io.orderhub.connector.api.PlatformResponse;

/**
 * Reads a JOS answer and classifies its errors. Gateway errors come as {@code error_response{code, zh_desc, en_desc}};
 * codes from JD's 网关系统错误码 table (jos.jd.com, relayed in full by the 点三 ERP article "京东API错误码"):
 * 2 App Call Limited, 4/5 version, 7/8 timestamp, 11/12 signature, 14/15 method; code 19 "token已过期或者不存在，请重新授权访问
 * / Invalid access_token" as JOS returns it (captured in public client tests). A failed business call keeps the
 * envelope and sets {@code apiResult.success=false}.
 */
final class JdErrors {

    private JdErrors() {
    }

    static JsonNode read(ObjectMapper json, PlatformResponse response) {
        if (response.status() >= 500) {
            throw new PlatformException(Kind.TRANSIENT, String.valueOf(response.status()),
                    "JD answered HTTP " + response.status());
        }
        JsonNode root;
        try {
            root = json.readTree(response.body());
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            throw new PlatformException(Kind.PERMANENT, String.valueOf(response.status()),
                    "JD answered HTTP " + response.status() + " without a JSON object");
        }
        if (root.has("error_response")) {
            JsonNode e = root.get("error_response");
            throw gateway(e.path("code").asText(""), e.path("en_desc").asText(""));
        }
        if (response.status() >= 400) {
            throw new PlatformException(Kind.PERMANENT, String.valueOf(response.status()),
                    "JD answered HTTP " + response.status());
        }
        return root;
    }

    /** The named envelope of a business answer, checked for a non-zero code and a failed apiResult. */
    static JsonNode envelope(JsonNode root, String name, String resultName) {
        JsonNode env = root.path(name);
        if (env.isMissingNode()) {
            throw new PlatformException(Kind.PERMANENT, null, "JD answer lacks " + name);
        }
        String code = env.path("code").asText("0");
        if (!"0".equals(code)) {
            throw gateway(code, env.path("en_desc").asText(env.path("zh_desc").asText("")));
        }
        JsonNode apiResult = env.path(resultName).path("apiResult");
        if (apiResult.has("success") && !apiResult.get("success").asBoolean()) {
            throw new PlatformException(Kind.PERMANENT, apiResult.path("numberCode").asText(null),
                    "JD " + name + " failed: " + apiResult.path("englishErrCode").asText(""));
        }
        return env.path(resultName);
    }

    static PlatformException gateway(String code, String description) {
        Kind kind = switch (code) {
            case "19" -> Kind.AUTH_EXPIRED;
            case "2" -> Kind.RATE_LIMITED;
            default -> Kind.PERMANENT;
        };
        return new PlatformException(kind, code, "JD error " + code + ": " + description);
    }
}
