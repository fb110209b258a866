package io.orderhub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.orderhub.ingress.ShopRegistry;
import io.orderhub.support.Signing;
import io.orderhub.support.TestConfigs;

class DemoTokenGuardTest {

    private static ShopRegistry shopsWithToken(String token) throws Exception {
        return new ShopRegistry(TestConfigs.config(Map.of("orderhub.shops.s1.channel", "pos",
                "orderhub.shops.s1.intake-token-sha256", Signing.sha256Hex("own-token"), "orderhub.shops.s2.channel",
                "jd",
                "orderhub.shops.s2.intake-token-sha256", Signing.sha256Hex(token))));
    }

    @Test
    void demoTokenOutsideTheEmbeddedProfileRefusesToStart() throws Exception {
        ShopRegistry shops = shopsWithToken(DemoTokenGuard.DEMO_TOKEN);

        assertThatThrownBy(() -> DemoTokenGuard.check(List.of("cluster"), shops))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cluster")
                .hasMessageContaining("intake-token-sha256");
        assertThatThrownBy(() -> DemoTokenGuard.check(List.of("prod"), shops))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> DemoTokenGuard.check(List.of(), shops)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void demoTokenIsAllowedInTheEmbeddedProfileAndProfilesInheritingIt() throws Exception {
        ShopRegistry shops = shopsWithToken(DemoTokenGuard.DEMO_TOKEN);

        assertThatCode(() -> DemoTokenGuard.check(List.of("embedded"), shops)).doesNotThrowAnyException();
        assertThatCode(() -> DemoTokenGuard.check(List.of("test", "embedded"), shops)).doesNotThrowAnyException();
        assertThatCode(() -> DemoTokenGuard.check(List.of("embedded", "bench"), shops)).doesNotThrowAnyException();
    }

    @Test
    void theSandboxPlatformRunsOnlyInTheEmbeddedProfile() {
        assertThatThrownBy(() -> DemoTokenGuard.checkSandbox(List.of("cluster"), true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("sandbox");
        assertThatCode(() -> DemoTokenGuard.checkSandbox(List.of("test", "embedded"), true))
                .doesNotThrowAnyException();
        assertThatCode(() -> DemoTokenGuard.checkSandbox(List.of("cluster"), false)).doesNotThrowAnyException();
    }

    @Test
    void shopsWithTheirOwnTokensStartInAnyProfile() throws Exception {
        ShopRegistry shops = shopsWithToken("another-own-token");

        assertThatCode(() -> DemoTokenGuard.check(List.of("cluster"), shops)).doesNotThrowAnyException();
    }

    @Test
    void theEmbeddedDemoShopsUseExactlyTheDocumentedDemoToken() throws Exception {
        Properties properties = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        String demoHash = Signing.sha256Hex(DemoTokenGuard.DEMO_TOKEN);
        List<String> demoShopHashes = properties.stringPropertyNames().stream()
                .filter(k -> k.startsWith("%embedded.orderhub.shops.demo-") && k.endsWith(".intake-token-sha256"))
                .map(properties::getProperty).toList();

        assertThat(demoShopHashes).hasSize(12).containsOnly(demoHash);
    }
}
