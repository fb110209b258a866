package io.orderhub.ingress.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.ingress.Channel;
import io.orderhub.ingress.IntakeRequest;
import io.orderhub.ingress.ShopRegistry.Shop;
import io.orderhub.support.Fixtures;
import io.orderhub.support.Requests;
import io.orderhub.support.Shops;
import io.orderhub.support.Signing;

/**
 * 抖店 message push: {@code event-sign} = hex MD5(app_key + raw body + app_secret), {@code app-id} = app key. The
 * expected signature is computed here from that definition, as github.com/zsmhub/doudian-sdk
 * ({@code message/doudian_sign.go}) and github.com/minibear2021/doudian ({@code doudian/core.py}, {@code callback})
 * implement it; no published known-answer vector was found.
 */
class DouyinSignatureTest {

    private static final String APP_KEY = "7012345678901234567";
    private static final String SECRET = "test-douyin-app-secret";

    private final DouyinSignature signature = new DouyinSignature();
    private final Shop shop = Shops.pushShop("dy-main", Channel.DOUYIN, "95250", APP_KEY, SECRET);
    private final Shop otherApp = Shops.pushShop("dy-other", Channel.DOUYIN, "12345", "7099999999999999999",
            "other-secret");
    private final List<Shop> shops = List.of(otherApp, shop);

    static List<String> fixtures() {
        return Fixtures.DOUYIN;
    }

    /** The platform's documented algorithm, computed in {@link Signing}, not by the class under test. */
    static String eventSign(String appKey, byte[] body, String secret) {
        return Signing.douyinEventSign(appKey, body, secret);
    }

    private static IntakeRequest push(byte[] body, String appId, String sign) {
        return Requests.json("douyin", body, "app-id", appId, "event-sign", sign);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void genuinePushOfEachFixtureVerifiesAgainstItsShop(String fixture) throws Exception {
        byte[] body = Fixtures.bytes(fixture);
        IntakeRequest request = push(body, APP_KEY, eventSign(APP_KEY, body, SECRET));

        assertThat(signature.present(request)).isTrue();
        assertThat(signature.verify(request, shops)).contains(shop);
    }

    @Test
    void wireFormatArrayWithDataAsJsonStringVerifies() throws Exception {
        // on the wire the push is [{"tag":"100","msg_id":"...","data":"<JSON string>"}] (fixtures/SOURCES.md)
        ObjectMapper json = new ObjectMapper();
        JsonNode sample = json.readTree(Fixtures.bytes("douyin_doudian__push_TradeCreate.json"));
        ArrayNode wire = json.createArrayNode();
        ObjectNode message = wire.addObject();
        message.put("tag", sample.get("tag").asText());
        message.put("msg_id", sample.get("msgId").asText());
        message.put("data", json.writeValueAsString(sample.get("data")));
        byte[] body = json.writeValueAsBytes(wire);

        assertThat(signature.verify(push(body, APP_KEY, eventSign(APP_KEY, body, SECRET)), shops)).contains(shop);
    }

    @Test
    void upperCaseHexSignatureIsTheSameSignature() throws Exception {
        byte[] body = Fixtures.bytes("douyin_doudian__push_TradePaid.json");
        String sign = eventSign(APP_KEY, body, SECRET).toUpperCase(Locale.ROOT);

        assertThat(signature.verify(push(body, APP_KEY, sign), shops)).contains(shop);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void bodyChangedAfterSigningIsRejected(String fixture) throws Exception {
        byte[] body = Fixtures.bytes(fixture);
        String sign = eventSign(APP_KEY, body, SECRET);
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replaceFirst("\"shop_id\": \\d+", "\"shop_id\": 1")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(tampered).isNotEqualTo(body);

        assertThat(signature.verify(push(tampered, APP_KEY, sign), shops)).isEmpty();
    }

    @Test
    void oneTrailingByteChangesTheSignature() throws Exception {
        byte[] body = Fixtures.bytes("douyin_doudian__push_TradeSuccess.json");
        String sign = eventSign(APP_KEY, body, SECRET);
        ByteArrayOutputStream longer = new ByteArrayOutputStream();
        longer.write(body);
        longer.write('\n');

        assertThat(signature.verify(push(longer.toByteArray(), APP_KEY, sign), shops)).isEmpty();
    }

    @Test
    void changedSignatureIsRejected() throws Exception {
        byte[] body = Fixtures.bytes("douyin_doudian__push_TradeCreate.json");
        char[] sign = eventSign(APP_KEY, body, SECRET).toCharArray();
        sign[0] = sign[0] == '0' ? '1' : '0';

        assertThat(signature.verify(push(body, APP_KEY, new String(sign)), shops)).isEmpty();
    }

    @Test
    void signatureMadeWithAnotherSecretIsRejected() throws Exception {
        byte[] body = Fixtures.bytes("douyin_doudian__push_TradeCreate.json");

        assertThat(signature.verify(push(body, APP_KEY, eventSign(APP_KEY, body, "not-the-secret")), shops))
                .isEmpty();
    }

    @Test
    void signatureIsCheckedOnlyAgainstTheShopsOfTheAppNamedInAppId() throws Exception {
        byte[] body = Fixtures.bytes("douyin_doudian__push_TradeCreate.json");
        String signedByOtherApp = eventSign(otherApp.appKey().orElseThrow(), body, "other-secret");

        // right app key header, but signed with another app's credentials
        assertThat(signature.verify(push(body, APP_KEY, signedByOtherApp), shops)).isEmpty();
        // the other app's push verifies against the other app's shop
        assertThat(signature.verify(push(body, otherApp.appKey().orElseThrow(), signedByOtherApp), shops))
                .contains(otherApp);
    }

    @Test
    void missingAppIdHeaderIsRejected() throws Exception {
        byte[] body = Fixtures.bytes("douyin_doudian__push_TradeCreate.json");

        assertThat(signature.verify(push(body, null, eventSign(APP_KEY, body, SECRET)), shops)).isEmpty();
    }

    @Test
    void missingEventSignHeaderMeansNoSignatureAtAll() throws Exception {
        IntakeRequest request = push(Fixtures.bytes("douyin_doudian__push_TradeCreate.json"), APP_KEY, null);

        assertThat(signature.present(request)).isFalse();
        assertThat(signature.verify(request, shops)).isEmpty();
    }

    @Test
    void shopWithoutPushSecretNeverVerifies() throws Exception {
        byte[] body = Fixtures.bytes("douyin_doudian__push_TradeCreate.json");
        Shop tokenOnly = Shops.pushShop("dy-token-only", Channel.DOUYIN, "95250", APP_KEY, null);

        assertThat(signature.verify(push(body, APP_KEY, eventSign(APP_KEY, body, "")), List.of(tokenOnly))).isEmpty();
    }
}
