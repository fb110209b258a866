package io.orderhub.connector.platform.taobao;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * TOP request signature as open.taobao.com documents it (docId=101617 "API调用方法详解", 签名算法) and the official TOP
 * Java SDK computes it ({@code com.taobao.api.internal.util.TaobaoUtils#signTopRequest}): every parameter except
 * {@code sign} and empty values, sorted by name, concatenated as name+value; {@code md5} wraps the string in the app
 * secret and takes MD5, {@code hmac} is HMAC-MD5 and {@code hmac-sha256} HMAC-SHA256 keyed with the app secret;
 * the digest in upper-case hex.
 */
final class TopSign {

    static final String MD5 = "md5";
    static final String HMAC = "hmac";
    static final String HMAC_SHA256 = "hmac-sha256";

    private TopSign() {
    }

    static boolean supported(String method) {
        return MD5.equals(method) || HMAC.equals(method) || HMAC_SHA256.equals(method);
    }

    static String sign(Map<String, String> params, String secret, String method) {
        StringBuilder text = new StringBuilder();
        if (MD5.equals(method)) {
            text.append(secret);
        }
        new TreeMap<>(params).forEach((k, v) -> {
            if (!"sign".equals(k) && !k.isEmpty() && v != null && !v.isEmpty()) {
                text.append(k).append(v);
            }
        });
        byte[] data;
        switch (method) {
            case HMAC -> data = mac("HmacMD5", secret, text.toString());
            case HMAC_SHA256 -> data = mac("HmacSHA256", secret, text.toString());
            case MD5 -> data = md5(text.append(secret).toString());
            default -> throw new IllegalArgumentException("unsupported TOP sign_method " + method);
        }
        return HexFormat.of().withUpperCase().formatHex(data);
    }

    private static byte[] mac(String algorithm, String secret, String text) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
    }

    private static byte[] md5(String text) {
        try {
            return MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 unavailable", e);
        }
    }
}
