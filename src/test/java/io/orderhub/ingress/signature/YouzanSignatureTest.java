package io.orderhub.ingress.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.orderhub.ingress.Channel;
import io.orderhub.ingress.IntakeRequest;
import io.orderhub.ingress.ShopRegistry.Shop;
import io.orderhub.support.Fixtures;
import io.orderhub.support.Requests;
import io.orderhub.support.Shops;

/**
 * 有赞 push: the JSON body carries {@code client_id}, {@code msg} (URL-encoded JSON) and {@code sign} = hex
 * MD5(client_id + msg + client_secret), over msg as sent (still URL-encoded). The fixtures are real captured pushes;
 * their own {@code sign} was made with a client secret that is not public, so each genuine sample here is the captured
 * body with only its {@code sign} value replaced by one computed from that definition with a test secret. No
 * published known-answer vector (secret + push + sign) was found.
 */
class YouzanSignatureTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The client_id of the captured pushes. */
    private static final String CLIENT_ID = "c346b8b39599aaa677";
    private static final String SECRET = "test-youzan-client-secret";

    private final YouzanSignature signature = new YouzanSignature();
    private final Shop shop = Shops.pushShop("yz-main", Channel.YOUZAN, "13027865", CLIENT_ID, SECRET);
    private final Shop otherClient = Shops.pushShop("yz-other", Channel.YOUZAN, "1", "other-client-id", "other");

    static List<String> fixtures() {
        return Fixtures.YOUZAN;
    }

    /** The platform's algorithm written out with MessageDigest: MD5 over client_id + msg + client_secret. */
    static String sign(String clientId, String msg, String secret) throws Exception {
        byte[] digest = MessageDigest.getInstance("MD5")
                .digest((clientId + msg + secret).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }

    /** The captured push with its sign replaced by one made with {@code secret}; every other byte as captured. */
    static String resigned(String fixture, String secret) throws Exception {
        String body = new String(Fixtures.bytes(fixture), StandardCharsets.UTF_8);
        JsonNode push = JSON.readTree(body);
        String captured = push.get("sign").asText();
        String fresh = sign(push.get("client_id").asText(), push.get("msg").asText(), secret);
        return body.replace("\"sign\":\"" + captured + "\"", "\"sign\":\"" + fresh + "\"");
    }

    private static IntakeRequest push(String body) {
        return Requests.json("youzan", body.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void genuinePushOfEachFixtureVerifies(String fixture) throws Exception {
        IntakeRequest request = push(resigned(fixture, SECRET));

        assertThat(signature.present(request)).isTrue();
        assertThat(signature.verify(request, List.of(otherClient, shop))).contains(shop);
    }

    @Test
    void signIsOverTheStillUrlEncodedMsg() throws Exception {
        String body = resigned("youzan__push_trade_TradeSuccess.json", SECRET);
        JsonNode push = JSON.readTree(body);
        String decodedMsg = URLDecoder.decode(push.get("msg").asText(), StandardCharsets.UTF_8);
        String overDecoded = sign(CLIENT_ID, decodedMsg, SECRET);
        String bodySignedOverDecoded = body.replace(push.get("sign").asText(), overDecoded);

        assertThat(overDecoded).isNotEqualTo(push.get("sign").asText());
        assertThat(signature.verify(push(bodySignedOverDecoded), List.of(shop))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void msgChangedAfterSigningIsRejected(String fixture) throws Exception {
        String body = resigned(fixture, SECRET);
        // E20210307175649090904167 -> E20210307175649090904168 inside the URL-encoded msg
        String tampered = body.replace("%22tid%22%3A%22E20210307175649090904167%22",
                "%22tid%22%3A%22E20210307175649090904168%22");
        assertThat(tampered).isNotEqualTo(body);

        assertThat(signature.verify(push(tampered), List.of(shop))).isEmpty();
    }

    @Test
    void clientIdChangedAfterSigningIsRejected() throws Exception {
        String body = resigned("youzan__push_trade_TradeCreate.json", SECRET);
        Shop sameSecretOtherId = Shops.pushShop("yz-x", Channel.YOUZAN, "1", "c346b8b39599aaa678", SECRET);

        assertThat(signature.verify(push(body.replace(CLIENT_ID, "c346b8b39599aaa678")), List.of(sameSecretOtherId)))
                .isEmpty();
    }

    @Test
    void changedSignIsRejected() throws Exception {
        String body = resigned("youzan__push_trade_TradeCreate.json", SECRET);
        String sign = JSON.readTree(body).get("sign").asText();
        String other = (sign.charAt(0) == 'a' ? 'b' : 'a') + sign.substring(1);

        assertThat(signature.verify(push(body.replace(sign, other)), List.of(shop))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void capturedSignMadeWithTheRealSecretDoesNotVerifyWithAnotherSecret(String fixture) {
        IntakeRequest verbatim = push(new String(Fixtures.bytes(fixture), StandardCharsets.UTF_8));

        assertThat(signature.present(verbatim)).isTrue();
        assertThat(signature.verify(verbatim, List.of(shop))).isEmpty();
    }

    @Test
    void signMadeWithWrongSecretIsRejected() throws Exception {
        String body = resigned("youzan__push_trade_TradePartlySellerShip.json", "wrong-secret");

        assertThat(signature.verify(push(body), List.of(shop))).isEmpty();
    }

    @Test
    void pushWithoutSignFieldCarriesNoSignature() throws Exception {
        String body = resigned("youzan__push_trade_TradeSuccess.json", SECRET).replaceFirst("\"sign\":\"[0-9a-f]+\",",
                "");
        assertThat(JSON.readTree(body).has("sign")).isFalse();

        assertThat(signature.present(push(body))).isFalse();
        assertThat(signature.verify(push(body), List.of(shop))).isEmpty();
    }

    @Test
    void bodiesThatAreNotJsonObjectsCarryNoSignature() {
        assertThat(signature.present(push("not json"))).isFalse();
        assertThat(signature.present(push("[{\"sign\":\"x\"}]"))).isFalse();
        assertThat(signature.verify(push("not json"), List.of(shop))).isEmpty();
    }

    @Test
    void fieldsOutsideClientIdAndMsgAreNotCoveredBySign() throws Exception {
        // documents the platform's scheme: only client_id and msg are signed, so the hub must take the order's
        // facts from msg, never from the envelope's status/type/kdt_id
        String body = resigned("youzan__push_trade_TradeSuccess.json", SECRET);
        String envelopeChanged = body.replace("\"status\":\"TRADE_SUCCESS\"", "\"status\":\"TRADE_CLOSED\"");
        assertThat(envelopeChanged).isNotEqualTo(body);

        assertThat(signature.verify(push(envelopeChanged), List.of(shop))).contains(shop);
    }
}
