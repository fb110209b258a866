package io.orderhub.connector.platform.douyin;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.orderhub.util.Hashing;

/**
 * The 抖店 open-API signature (op.jinritemai.com/docs/guide-docs/10/813, as the official SDKs implement it:
 * github.com/zsmhub/doudian-sdk {@code utils/sign_util.go}, a mirror of doudian.com/open/sdk_golang): the pattern
 * app_secret + "app_key" + key + "method" + method + "param_json" + json + "timestamp" + ts + "v" + "2" + app_secret,
 * signed with HMAC-SHA256 keyed by app_secret ({@code sign_method=hmac-sha256}, the SDKs' default and the stronger
 * one) or plain MD5 ({@code sign_method=md5}); lower-case hex. param_json is the business parameters as compact JSON
 * with keys sorted and no HTML escaping (the SDK's {@code Marshal}).
 */
final class DouyinSign {

    static final String HMAC = "hmac-sha256";
    static final String MD5 = "md5";

    private DouyinSign() {
    }

    static String paramJson(Map<String, ?> params) {
        try {
            return DouyinWire.JSON.writeValueAsString(new TreeMap<>(params));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("param_json not serialisable", e);
        }
    }

    static String sign(String signMethod, String appKey, String appSecret, String method, String paramJson,
            String timestamp) {
        String plain = appSecret + "app_key" + appKey + "method" + method + "param_json" + paramJson + "timestamp"
                + timestamp + "v2" + appSecret;
        byte[] bytes = plain.getBytes(StandardCharsets.UTF_8);
        return HMAC.equals(signMethod)
                ? HexFormat.of().formatHex(Hashing.hmacSha256(appSecret.getBytes(StandardCharsets.UTF_8), bytes))
                : Hashing.hex("MD5", bytes);
    }
}
