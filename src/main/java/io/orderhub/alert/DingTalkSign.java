package io.orderhub.alert;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * DingTalk custom robot signing (自定义机器人 加签): {@code sign = urlEncode(base64(HmacSHA256(key = secret,
 * data = timestamp + "\n" + secret)))}, UTF-8, with the millisecond {@code timestamp}; both go on the webhook URL as
 * query parameters, and DingTalk refuses a timestamp more than an hour off. Source: DingTalk Open Platform, "Custom
 * robot security settings" (open.dingtalk.com/document/robots/customize-robot-security-settings; English copy at
 * help.dingtalk.io/open/dingstart/customize-robot-security-settings).
 */
public final class DingTalkSign {

    private DingTalkSign() {
    }

    /** The signature before URL encoding (base64 of the HMAC). */
    public static String sign(String secret, long timestampMillis) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestampMillis + "\n" + secret).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** The webhook URL with {@code timestamp} and the URL-encoded {@code sign} appended. */
    public static String signedUrl(String url, String secret, long timestampMillis) {
        return url + (url.contains("?") ? "&" : "?") + "timestamp=" + timestampMillis + "&sign="
                + URLEncoder.encode(sign(secret, timestampMillis), StandardCharsets.UTF_8);
    }
}
