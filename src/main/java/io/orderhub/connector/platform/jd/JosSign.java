package io.orderhub.connector.platform.jd;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * JOS routerjson signature, the one algorithm JD documents for it (open.jd.com 开发者指南 "API调用" listId=2643, and
 * the 京东商家开放平台 "开放平台-调用API" 签名算法 section): every request parameter except {@code sign}, sorted by name
 * (so {@code 360buy_param_json} comes first), concatenated as name+value, wrapped in the app secret at both ends,
 * MD5, upper-case hex.
 */
final class JosSign {

    private JosSign() {
    }

    static String sign(Map<String, String> params, String secret) {
        StringBuilder text = new StringBuilder(secret);
        new TreeMap<>(params).forEach((k, v) -> {
            if (!"sign".equals(k) && !k.isEmpty() && v != null && !v.isEmpty()) {
                text.append(k).append(v);
            }
        });
        text.append(secret);
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().withUpperCase().formatHex(md5);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 unavailable", e);
        }
    }
}
