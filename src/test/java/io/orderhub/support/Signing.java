package io.orderhub.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Expected credentials computed the way the platforms and operators document them, with MessageDigest directly, so
 * tests never ask the class under test what the right answer is.
 */
public final class Signing {

    private Signing() {
    }

    /**
     * 抖店 push {@code event-sign}: hex MD5(app_key + raw body + app_secret), as github.com/zsmhub/doudian-sdk
     * ({@code message/doudian_sign.go}) and github.com/minibear2021/doudian ({@code doudian/core.py}) compute it.
     */
    public static String douyinEventSign(String appKey, byte[] body, String secret) {
        MessageDigest md5 = digest("MD5");
        md5.update(appKey.getBytes(StandardCharsets.UTF_8));
        md5.update(body);
        md5.update(secret.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(md5.digest());
    }

    /** Hex SHA-256 of an intake token, as an operator puts it in orderhub.shops.&lt;shop&gt;.intake-token-sha256. */
    public static String sha256Hex(String token) {
        return HexFormat.of().formatHex(digest("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
