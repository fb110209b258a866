package io.orderhub.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.orderhub.ingress.ShopRegistry.Shop;
import io.orderhub.ingress.signature.DouyinSignature;
import io.orderhub.ingress.signature.ShopifySignature;
import io.orderhub.ingress.signature.WechatSignature;
import io.orderhub.ingress.signature.YouzanSignature;
import io.orderhub.support.Fixtures;
import io.orderhub.support.Requests;
import io.orderhub.support.Signing;
import io.orderhub.support.TestConfigs;

class IntakeAuthenticatorTest {

    private static final byte[] BODY = Fixtures.bytes("douyin_doudian__push_TradeCreate.json");

    private final IntakeAuthenticator authenticator;

    IntakeAuthenticatorTest() throws Exception {
        var config = TestConfigs.config(Map.of(
                "orderhub.shops.dy-main.channel", "douyin",
                "orderhub.shops.dy-main.intake-token-sha256", Signing.sha256Hex("dy-token"),
                "orderhub.shops.dy-main.push.app-key", "dy-app",
                "orderhub.shops.dy-main.push.secret", "dy-secret",
                "orderhub.shops.tb-main.channel", "taobao",
                "orderhub.shops.tb-main.intake-token-sha256", Signing.sha256Hex("tb-token")));
        authenticator = new IntakeAuthenticator(new ShopRegistry(config), List.of(new DouyinSignature(),
                new YouzanSignature(), new WechatSignature(config), new ShopifySignature()));
    }

    private IntakeRejection rejection(Channel channel, IntakeRequest request) {
        IntakeRejection rejection = catchThrowableOfType(IntakeRejection.class,
                () -> authenticator.authenticate(channel, request));
        assertThat(rejection).as("request should be refused").isNotNull();
        assertThat(rejection.status()).isEqualTo(401);
        return rejection;
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer dy-token", "bearer dy-token", "BEARER dy-token", "Bearer   dy-token  "})
    void bearerTokenIdentifiesTheShop(String authorization) {
        Shop shop = authenticator.authenticate(Channel.DOUYIN, Requests.json("douyin", BODY, "Authorization",
                authorization));

        assertThat(shop.key()).isEqualTo("dy-main");
    }

    @Test
    void headerNameIsCaseInsensitiveAsCamelKeepsIt() {
        Shop shop = authenticator.authenticate(Channel.TAOBAO, Requests.json("taobao", BODY, "authorization",
                "Bearer tb-token"));

        assertThat(shop.key()).isEqualTo("tb-main");
    }

    @Test
    void tokenOfAShopOnAnotherChannelIsUnauthorized() {
        assertThat(rejection(Channel.TAOBAO, Requests.json("taobao", BODY, "Authorization", "Bearer dy-token"))
                .reason()).isEqualTo("unauthorized");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer wrong", "Bearer", "Bearer ", "Basic ZHk6dG9rZW4=", "dy-token", "Token dy-token"})
    void wrongTokenOrSchemeIsUnauthorized(String authorization) {
        assertThat(rejection(Channel.DOUYIN, Requests.json("douyin", BODY, "Authorization", authorization))
                .reason()).isEqualTo("unauthorized");
    }

    @Test
    void validPushSignatureIdentifiesTheShop() throws Exception {
        Shop shop = authenticator.authenticate(Channel.DOUYIN, Requests.json("douyin", BODY, "app-id", "dy-app",
                "event-sign", Signing.douyinEventSign("dy-app", BODY, "dy-secret")));

        assertThat(shop.key()).isEqualTo("dy-main");
    }

    @Test
    void invalidPushSignatureIsBadSignature() throws Exception {
        IntakeRejection rejection = rejection(Channel.DOUYIN, Requests.json("douyin", BODY, "app-id", "dy-app",
                "event-sign", Signing.douyinEventSign("dy-app", BODY, "wrong-secret")));

        assertThat(rejection.reason()).isEqualTo("bad_signature");
    }

    @Test
    void signatureOfAnotherPlatformIsNotLookedAt() throws Exception {
        // a Douyin signature on the Shopify path: Shopify's scheme finds no X-Shopify-Hmac-Sha256 at all
        IntakeRejection rejection = rejection(Channel.SHOPIFY, Requests.json("shopify", BODY, "app-id", "dy-app",
                "event-sign", Signing.douyinEventSign("dy-app", BODY, "dy-secret")));

        assertThat(rejection.reason()).isEqualTo("unauthorized");
    }

    @Test
    void neitherTokenNorSignatureIsUnauthorized() {
        assertThat(rejection(Channel.DOUYIN, Requests.json("douyin", BODY)).reason()).isEqualTo("unauthorized");
    }

    @Test
    void channelWithoutPushSchemeNeedsAToken() {
        assertThat(rejection(Channel.TAOBAO, Requests.json("taobao", BODY, "sign", "abc")).reason())
                .isEqualTo("unauthorized");
    }

    @Test
    void tokenDecidesWhenBothTokenAndSignatureArePresent() throws Exception {
        Shop byToken = authenticator.authenticate(Channel.DOUYIN, Requests.json("douyin", BODY, "Authorization",
                "Bearer dy-token", "app-id", "dy-app", "event-sign", "0000"));
        assertThat(byToken.key()).isEqualTo("dy-main");

        IntakeRejection badToken = rejection(Channel.DOUYIN, Requests.json("douyin", BODY, "Authorization",
                "Bearer wrong", "app-id", "dy-app", "event-sign",
                Signing.douyinEventSign("dy-app", BODY, "dy-secret")));
        assertThat(badToken.reason()).isEqualTo("unauthorized");
    }
}
