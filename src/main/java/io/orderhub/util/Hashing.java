package io.orderhub.util;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Digests and constant-time comparison for tokens and platform signatures. */
public final class Hashing {

    private Hashing() {
    }

    public static byte[] sha256(byte[] data) {
        return digest("SHA-256").digest(data);
    }

    public static byte[] sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text));
    }

    /** Hex digest of the concatenated parts with the named algorithm (MD5, SHA-1, ...). */
    public static String hex(String algorithm, byte[]... parts) {
        MessageDigest md = digest(algorithm);
        for (byte[] part : parts) {
            md.update(part);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** A configured hex digest (any case, surrounding blanks ignored) as bytes. */
    public static byte[] fromHex(String hex) {
        return java.util.HexFormat.of().parseHex(hex.trim().toLowerCase(java.util.Locale.ROOT));
    }

    public static byte[] hmacSha256(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (Exception e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Compares without leaking, through timing, how long the common prefix is. */
    public static boolean constantTimeEquals(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    public static boolean constantTimeEqualsIgnoreCase(String expected, String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.toLowerCase().getBytes(StandardCharsets.US_ASCII),
                presented.trim().toLowerCase().getBytes(StandardCharsets.US_ASCII));
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
    }
}
