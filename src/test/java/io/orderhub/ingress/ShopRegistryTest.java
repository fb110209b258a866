package io.orderhub.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.orderhub.ingress.ShopRegistry.Shop;
import io.orderhub.support.Signing;
import io.orderhub.support.TestConfigs;

class ShopRegistryTest {

    private static ShopRegistry registry(Map<String, String> properties) {
        return new ShopRegistry(TestConfigs.config(properties));
    }

    @Test
    void tokenIsFoundByItsHashOnItsOwnChannelOnly() throws Exception {
        ShopRegistry shops = registry(Map.of(
                "orderhub.shops.tm-flagship.channel", "tmall",
                "orderhub.shops.tm-flagship.intake-token-sha256", Signing.sha256Hex("token-of-tmall"),
                "orderhub.shops.jd-store.channel", "jd",
                "orderhub.shops.jd-store.intake-token-sha256", Signing.sha256Hex("token-of-jd")));

        assertThat(shops.byToken(Channel.TMALL, "token-of-tmall")).get().extracting(Shop::key).isEqualTo("tm-flagship");
        assertThat(shops.byToken(Channel.JD, "token-of-jd")).get().extracting(Shop::key).isEqualTo("jd-store");
        assertThat(shops.byToken(Channel.JD, "token-of-tmall")).isEmpty();
        assertThat(shops.byToken(Channel.TMALL, "token-of-tmall ")).isEmpty();
        assertThat(shops.byToken(Channel.TMALL, "wrong")).isEmpty();
        assertThat(shops.byToken(Channel.PDD, "token-of-tmall")).isEmpty();
    }

    @Test
    void upperCaseAndPaddedHashInConfigIsAccepted() throws Exception {
        ShopRegistry shops = registry(Map.of("orderhub.shops.pos-1.channel", "pos",
                "orderhub.shops.pos-1.intake-token-sha256",
                " " + Signing.sha256Hex("t0ken").toUpperCase(Locale.ROOT) + " "));

        assertThat(shops.byToken(Channel.POS, "t0ken")).isPresent();
    }

    @Test
    void twoShopsOnOneChannelAreToldApartByToken() throws Exception {
        ShopRegistry shops = registry(Map.of(
                "orderhub.shops.pos-a.channel", "pos", "orderhub.shops.pos-a.intake-token-sha256",
                Signing.sha256Hex("a"),
                "orderhub.shops.pos-b.channel", "pos", "orderhub.shops.pos-b.intake-token-sha256",
                Signing.sha256Hex("b")));

        assertThat(shops.onChannel(Channel.POS)).extracting(Shop::key).containsExactlyInAnyOrder("pos-a", "pos-b");
        assertThat(shops.byToken(Channel.POS, "a")).get().extracting(Shop::key).isEqualTo("pos-a");
        assertThat(shops.byToken(Channel.POS, "b")).get().extracting(Shop::key).isEqualTo("pos-b");
    }

    @Test
    void shopWithoutTokenNeverMatchesAToken() {
        ShopRegistry shops = registry(Map.of("orderhub.shops.dy.channel", "douyin",
                "orderhub.shops.dy.push.app-key", "7012345", "orderhub.shops.dy.push.secret", "s"));

        assertThat(shops.byToken(Channel.DOUYIN, "")).isEmpty();
        assertThat(shops.byToken(Channel.DOUYIN, "s")).isEmpty();
        assertThat(shops.anyShopHasToken("")).isFalse();
    }

    @Test
    void shopCarriesItsPushMaterialRateAndPlatformId() {
        ShopRegistry shops = registry(Map.of("orderhub.shops.sh.channel", "shopify",
                "orderhub.shops.sh.platform-shop-id", "acme.myshopify.com", "orderhub.shops.sh.rate-per-second", "7",
                "orderhub.shops.sh.push.secret", "whsec", "orderhub.shops.yz.channel", "youzan",
                "orderhub.shops.yz.push.app-key", "client-1", "orderhub.shops.yz.push.secret", "client-secret"));

        Shop shopify = shops.onChannel(Channel.SHOPIFY).get(0);
        assertThat(shopify.platformShopId()).isEqualTo("acme.myshopify.com");
        assertThat(shopify.ratePerSecond()).contains(7);
        assertThat(shopify.pushSecret()).contains("whsec");
        assertThat(shopify.appKey()).isEmpty();
        assertThat(shopify.tokenHash()).isEmpty();
        Shop youzan = shops.onChannel(Channel.YOUZAN).get(0);
        assertThat(youzan.platformShopId()).as("defaults to the shop key").isEqualTo("yz");
        assertThat(youzan.appKey()).contains("client-1");
        assertThat(youzan.pushSecret()).contains("client-secret");
        assertThat(youzan.ratePerSecond()).isEmpty();
    }

    @Test
    void secretsDoNotAppearInTheShopsText() {
        ShopRegistry shops = registry(Map.of("orderhub.shops.sh.channel", "shopify", "orderhub.shops.sh.push.secret",
                "very-secret-value"));

        assertThat(shops.onChannel(Channel.SHOPIFY).get(0).toString()).isEqualTo("Shop[sh@shopify]")
                .doesNotContain("very-secret-value");
    }

    @Test
    void unknownChannelInConfigFailsAtStartNamingTheKey() {
        assertThatThrownBy(() -> registry(Map.of("orderhub.shops.x1.channel", "wechat")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("orderhub.shops.x1.channel").hasMessageContaining("wechat");
    }

    @Test
    void anyShopHasTokenLooksAcrossChannels() throws Exception {
        ShopRegistry shops = registry(Map.of("orderhub.shops.a.channel", "pos",
                "orderhub.shops.a.intake-token-sha256", Signing.sha256Hex("x"), "orderhub.shops.b.channel", "jd",
                "orderhub.shops.b.intake-token-sha256", Signing.sha256Hex("y")));

        assertThat(shops.anyShopHasToken("y")).isTrue();
        assertThat(shops.anyShopHasToken("z")).isFalse();
        assertThat(shops.onChannel(Channel.TAOBAO)).isEmpty();
    }
}
