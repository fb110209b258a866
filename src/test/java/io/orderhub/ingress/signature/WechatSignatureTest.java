package io.orderhub.ingress.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.orderhub.ingress.Channel;
import io.orderhub.ingress.IntakeRequest;
import io.orderhub.ingress.ShopRegistry.Shop;
import io.orderhub.support.Fixtures;
import io.orderhub.support.Requests;
import io.orderhub.support.Shops;
import io.orderhub.support.TestConfigs;

/**
 * WeChat server push (视频号小店 events): query {@code signature} = hex SHA-1 of token, timestamp and nonce sorted and
 * concatenated; in safe mode also {@code msg_signature} over token, timestamp, nonce and the body's {@code Encrypt}.
 * Expected values are computed here with MessageDigest, and checked against the platforms' own worked examples.
 */
class WechatSignatureTest {

    private static final String TOKEN = "test-wechat-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WechatSignature signature = new WechatSignature(TestConfigs.defaults()); // 5m skew
    private final Shop shop = Shops.pushShop("wx-main", Channel.WECHAT_CHANNELS, "wx-main", null, TOKEN);
    private final Shop otherShop = Shops.pushShop("wx-other", Channel.WECHAT_CHANNELS, "wx-other", null, "other");
    private final List<Shop> shops = List.of(otherShop, shop);

    static List<String> fixtures() {
        return Fixtures.WECHAT;
    }

    /** WeChat's documented algorithm: sort the strings, concatenate, SHA-1, lower-case hex. */
    static String sha1OfSorted(String... parts) throws Exception {
        String[] sorted = parts.clone();
        Arrays.sort(sorted);
        byte[] digest = MessageDigest.getInstance("SHA-1")
                .digest(String.join("", sorted).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }

    private static String now() {
        return Long.toString(Instant.now().getEpochSecond());
    }

    private static IntakeRequest plainPush(byte[] body, String timestamp, String nonce, String sig) {
        return Requests.json("wechat_channels", body, "signature", sig, "timestamp", timestamp, "nonce", nonce,
                "openid", "OPENID");
    }

    /**
     * The safe-mode body: the event encrypted as WeChat does (AES-256-CBC, key = Base64(EncodingAESKey + "="), IV = the
     * key's first 16 bytes, plaintext = 16 random bytes + 4-byte length + message + appid, PKCS#7 padded to 32).
     */
    static String encrypt(byte[] message, String encodingAesKey, String appId) throws Exception {
        byte[] key = Base64.getDecoder().decode(encodingAesKey + "=");
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        plain.write("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        plain.write(ByteBuffer.allocate(4).putInt(message.length).array());
        plain.write(message);
        plain.write(appId.getBytes(StandardCharsets.UTF_8));
        int pad = 32 - plain.size() % 32;
        for (int i = 0; i < pad; i++) {
            plain.write(pad);
        }
        Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(Arrays.copyOf(key, 16)));
        return Base64.getEncoder().encodeToString(aes.doFinal(plain.toByteArray()));
    }

    private static byte[] safeModeBody(String fixture) throws Exception {
        String encrypt = encrypt(Fixtures.bytes(fixture), "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
                "wx0000000000000000");
        return JSON.writeValueAsBytes(Map.of("ToUserName", "gh_*", "Encrypt", encrypt));
    }

    private static IntakeRequest safePush(byte[] body, String timestamp, String nonce, String msgSignature)
            throws Exception {
        String encrypt = JSON.readTree(body).get("Encrypt").asText();
        // safe mode sends both: signature (token, timestamp, nonce) and msg_signature (… + Encrypt)
        return Requests.json("wechat_channels", body, "signature", sha1OfSorted(TOKEN, timestamp, nonce), "timestamp",
                timestamp, "nonce", nonce, "encrypt_type", "aes", "msg_signature", msgSignature);
    }

    // --- known-answer tests from the platforms' own documents -----------------------------------------------------

    @Test
    void knownAnswerFromWechatChannelsMessagePushDoc() {
        // 视频号小店 消息推送 doc, worked example (举例): Token "AAAAA", timestamp 1714036504, nonce 1514711492 ->
        // signature f464b24fc39322e44b38aa78f5edd27bd1441696
        // https://developers.weixin.qq.com/doc/channels/dev_before/base/message_push.md (the same example is on
        // https://developers.weixin.qq.com/minigame/dev/guide/base-ability/message-push.html)
        assertThat(WechatSignature.sha1Sorted("AAAAA", "1714036504", "1514711492"))
                .isEqualTo("f464b24fc39322e44b38aa78f5edd27bd1441696");

        WechatSignature lenient = new WechatSignature(
                TestConfigs.config(Map.of("orderhub.intake.signature-max-skew", "P36500D")));
        Shop docShop = Shops.pushShop("doc", Channel.WECHAT_CHANNELS, "doc", null, "AAAAA");
        IntakeRequest docRequest = Requests.json("wechat_channels", "{}".getBytes(StandardCharsets.UTF_8),
                "signature", "f464b24fc39322e44b38aa78f5edd27bd1441696", "echostr", "4375120948345356249",
                "timestamp", "1714036504", "nonce", "1514711492");
        assertThat(lenient.verify(docRequest, List.of(docShop))).contains(docShop);
    }

    @Test
    void knownAnswerForMsgSignatureFromWecomOfficialSample() {
        // msg_signature = sha1(sort(token, timestamp, nonce, msg_encrypt)) as specified in
        // https://developer.work.weixin.qq.com/document/path/91144 (加解密方案说明); this vector is the "验证回调URL"
        // example of the official WXBizMsgCrypt sample code (Sample.java / Sample.cs / Sample.php) downloadable from
        // http://qydev.weixin.qq.com/wiki/index.php?title=加解密库下载与返回码 : token QDG6eK, timestamp 1409659589,
        // nonce 263014780, echostr below -> msg_signature 5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3
        String echo = "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==";
        assertThat(WechatSignature.sha1Sorted("QDG6eK", "1409659589", "263014780", echo))
                .isEqualTo("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3");

        WechatSignature lenient = new WechatSignature(
                TestConfigs.config(Map.of("orderhub.intake.signature-max-skew", "P36500D")));
        Shop sampleShop = Shops.pushShop("sample", Channel.WECHAT_CHANNELS, "sample", null, "QDG6eK");
        byte[] body = ("{\"ToUserName\":\"wx5823bf96d3bd56c7\",\"Encrypt\":\"" + echo + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        IntakeRequest request = Requests.json("wechat_channels", body, "msg_signature",
                "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3", "timestamp", "1409659589", "nonce", "263014780");
        assertThat(lenient.verify(request, List.of(sampleShop))).contains(sampleShop);
    }

    // --- plain mode --------------------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("fixtures")
    void genuinePlainPushOfEachFixtureVerifies(String fixture) throws Exception {
        String ts = now();
        IntakeRequest request = plainPush(Fixtures.bytes(fixture), ts, "1514711492",
                sha1OfSorted(TOKEN, ts, "1514711492"));

        assertThat(signature.present(request)).isTrue();
        assertThat(signature.verify(request, shops)).contains(shop);
    }

    @Test
    void plainSignatureDoesNotCoverTheBodySoOnlyTheTimestampWindowLimitsReplay() throws Exception {
        // WeChat's plain-mode signature is over token, timestamp and nonce only (documented in WechatSignature)
        String ts = now();
        String sig = sha1OfSorted(TOKEN, ts, "42");
        byte[] otherBody = Fixtures.bytes("wechat_channels__event_channels_ec_order_cancel.json");

        assertThat(signature.verify(plainPush(otherBody, ts, "42", sig), shops)).contains(shop);
    }

    @Test
    void changedSignatureIsRejected() throws Exception {
        String ts = now();
        String sig = sha1OfSorted(TOKEN, ts, "42");
        String changed = (sig.charAt(0) == 'a' ? 'b' : 'a') + sig.substring(1);

        assertThat(signature.verify(plainPush(Fixtures.bytes(Fixtures.WECHAT.get(0)), ts, "42", changed), shops))
                .isEmpty();
    }

    @Test
    void changedNonceOrTimestampIsRejected() throws Exception {
        String ts = now();
        String sig = sha1OfSorted(TOKEN, ts, "42");
        byte[] body = Fixtures.bytes(Fixtures.WECHAT.get(3));

        assertThat(signature.verify(plainPush(body, ts, "43", sig), shops)).isEmpty();
        assertThat(signature.verify(plainPush(body, Long.toString(Long.parseLong(ts) - 1), "42", sig), shops))
                .isEmpty();
    }

    @Test
    void signatureMadeWithWrongTokenIsRejected() throws Exception {
        String ts = now();

        assertThat(signature.verify(
                plainPush(Fixtures.bytes(Fixtures.WECHAT.get(1)), ts, "7", sha1OfSorted("wrong", ts, "7")), shops))
                .isEmpty();
    }

    @Test
    void missingSignatureTimestampOrNonceIsRejected() throws Exception {
        String ts = now();
        String sig = sha1OfSorted(TOKEN, ts, "7");
        byte[] body = Fixtures.bytes(Fixtures.WECHAT.get(2));

        IntakeRequest noSignature = plainPush(body, ts, "7", null);
        assertThat(signature.present(noSignature)).isFalse();
        assertThat(signature.verify(noSignature, shops)).isEmpty();
        assertThat(signature.verify(plainPush(body, null, "7", sig), shops)).isEmpty();
        assertThat(signature.verify(plainPush(body, ts, null, sig), shops)).isEmpty();
    }

    // --- timestamp skew (replay window, default 5 minutes) --------------------------------------------------------

    @ParameterizedTest
    @ValueSource(longs = {-299, -60, 0, 60, 299})
    void timestampWithinTheSkewIsAccepted(long offsetSeconds) throws Exception {
        String ts = Long.toString(Instant.now().getEpochSecond() + offsetSeconds);

        assertThat(signature.verify(
                plainPush(Fixtures.bytes(Fixtures.WECHAT.get(4)), ts, "9", sha1OfSorted(TOKEN, ts, "9")), shops))
                .contains(shop);
    }

    @ParameterizedTest
    @ValueSource(longs = {-302, 302, -86_400, 86_400})
    void correctlySignedButStaleOrFutureTimestampIsRejected(long offsetSeconds) throws Exception {
        String ts = Long.toString(Instant.now().getEpochSecond() + offsetSeconds);

        assertThat(signature.verify(
                plainPush(Fixtures.bytes(Fixtures.WECHAT.get(4)), ts, "9", sha1OfSorted(TOKEN, ts, "9")), shops))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "", "1.7e9", "99999999999999999", "-99999999999999999",
            "9223372036854775807"})
    void unparseableOrOutOfRangeTimestampIsRejectedNotThrown(String ts) throws Exception {
        IntakeRequest request = plainPush(Fixtures.bytes(Fixtures.WECHAT.get(4)), ts, "9",
                sha1OfSorted(TOKEN, ts, "9"));

        assertThat(signature.verify(request, shops)).isEmpty();
    }

    @Test
    void configuredSkewApplies() throws Exception {
        WechatSignature strict = new WechatSignature(
                TestConfigs.config(Map.of("orderhub.intake.signature-max-skew", "30s")));
        String old = Long.toString(Instant.now().getEpochSecond() - 60);
        String fresh = now();
        byte[] body = Fixtures.bytes(Fixtures.WECHAT.get(0));

        assertThat(strict.verify(plainPush(body, old, "1", sha1OfSorted(TOKEN, old, "1")), shops)).isEmpty();
        assertThat(strict.verify(plainPush(body, fresh, "1", sha1OfSorted(TOKEN, fresh, "1")), shops))
                .contains(shop);
    }

    // --- safe mode (msg_signature covers the encrypted body) ------------------------------------------------------

    @ParameterizedTest
    @MethodSource("fixtures")
    void genuineSafeModePushOfEachFixtureVerifies(String fixture) throws Exception {
        byte[] body = safeModeBody(fixture);
        String ts = now();
        String encrypt = JSON.readTree(body).get("Encrypt").asText();

        IntakeRequest request = safePush(body, ts, "55", sha1OfSorted(TOKEN, ts, "55", encrypt));
        assertThat(signature.present(request)).isTrue();
        assertThat(signature.verify(request, shops)).contains(shop);
    }

    @Test
    void safeModeXmlBodyVerifies() throws Exception {
        String encrypt = encrypt(Fixtures.bytes(Fixtures.WECHAT.get(3)), "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
                "wx0000000000000000");
        byte[] body = ("<xml><ToUserName><![CDATA[gh_*]]></ToUserName><Encrypt><![CDATA[" + encrypt
                + "]]></Encrypt></xml>").getBytes(StandardCharsets.UTF_8);
        String ts = now();
        IntakeRequest request = Requests.request("wechat_channels", "text/xml", body, "timestamp", ts, "nonce", "5",
                "msg_signature", sha1OfSorted(TOKEN, ts, "5", encrypt));

        assertThat(signature.verify(request, shops)).contains(shop);
    }

    @Test
    void safeModeBodyChangedAfterSigningIsRejectedEvenWithAValidPlainSignature() throws Exception {
        byte[] body = safeModeBody("wechat_channels__event_channels_ec_order_pay.json");
        byte[] otherBody = safeModeBody("wechat_channels__event_channels_ec_order_cancel.json");
        String ts = now();
        String signedEncrypt = JSON.readTree(body).get("Encrypt").asText();
        String msgSignature = sha1OfSorted(TOKEN, ts, "55", signedEncrypt);

        assertThat(signature.verify(safePush(otherBody, ts, "55", msgSignature), shops)).isEmpty();
    }

    @Test
    void safeModeWithChangedMsgSignatureOrWrongTokenIsRejected() throws Exception {
        byte[] body = safeModeBody("wechat_channels__event_channels_ec_order_new.json");
        String ts = now();
        String encrypt = JSON.readTree(body).get("Encrypt").asText();
        String good = sha1OfSorted(TOKEN, ts, "55", encrypt);

        assertThat(signature.verify(safePush(body, ts, "55", (good.charAt(0) == 'a' ? "b" : "a") + good.substring(1)),
                shops)).isEmpty();
        assertThat(signature.verify(safePush(body, ts, "55", sha1OfSorted("wrong", ts, "55", encrypt)), shops))
                .isEmpty();
    }

    @Test
    void msgSignatureWithoutAnEncryptFieldIsRejected() throws Exception {
        byte[] plainEvent = Fixtures.bytes("wechat_channels__event_channels_ec_order_new.json");
        String ts = now();
        IntakeRequest request = Requests.json("wechat_channels", plainEvent, "timestamp", ts, "nonce", "5",
                "signature", sha1OfSorted(TOKEN, ts, "5"), "msg_signature", sha1OfSorted(TOKEN, ts, "5", ""));

        assertThat(signature.verify(request, shops)).isEmpty();
    }

    @Test
    void xmlWithExternalEntityIsNeitherExpandedNorAccepted(@TempDir Path dir) throws Exception {
        // the Encrypt field is read before the body's format is checked: an external entity must not be resolved
        Path file = dir.resolve("secret.txt");
        Files.writeString(file, "FILE-CONTENT");
        byte[] body = ("<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY x SYSTEM \"" + file.toUri() + "\">]>"
                + "<xml><Encrypt>&x;</Encrypt></xml>").getBytes(StandardCharsets.UTF_8);
        String ts = now();
        IntakeRequest request = Requests.request("wechat_channels", "text/xml", body, "timestamp", ts, "nonce", "5",
                "msg_signature", sha1OfSorted(TOKEN, ts, "5", "FILE-CONTENT"));

        assertThat(signature.verify(request, shops)).isEmpty();
    }
}
