package io.orderhub.ops;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.orderhub.config.OrderHubConfig;
import io.orderhub.ingress.ShopRegistry;
import io.orderhub.util.Hashing;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;

/** Refuses to start any profile but the embedded demo while a published demo token (intake or admin) is configured. */
@ApplicationScoped
public class DemoTokenGuard {

    public static final String DEMO_TOKEN = "orderhub-demo-token";
    public static final String DEMO_ADMIN_TOKEN = "orderhub-demo-admin-token";

    void onStart(@Observes StartupEvent event, ShopRegistry shops, OrderHubConfig config) {
        check(ConfigUtils.getProfiles(), shops);
        checkAdmin(ConfigUtils.getProfiles(), config.admin().tokenSha256());
        checkSandbox(ConfigUtils.getProfiles(), config.connector().sandbox());
    }

    /** The sandbox platform answers with demo data and accepts demo credentials: never next to real shops. */
    static void checkSandbox(List<String> activeProfiles, boolean sandbox) {
        if (sandbox && !activeProfiles.contains("embedded")) {
            throw new IllegalStateException("orderhub.connector.sandbox is on in profile(s) " + activeProfiles
                    + "; the sandbox platform is allowed only in the embedded demo.");
        }
    }

    static void checkAdmin(List<String> activeProfiles, Optional<String> adminTokenSha256) {
        if (!activeProfiles.contains("embedded") && adminTokenSha256.map(String::trim)
                .filter(h -> h.equalsIgnoreCase(Hashing.sha256Hex(DEMO_ADMIN_TOKEN))).isPresent()) {
            throw new IllegalStateException("the demo admin token is configured in profile(s) " + activeProfiles
                    + "; it is public and allowed only in the embedded demo. Set orderhub.admin.token-sha256.");
        }
    }

    static void check(List<String> activeProfiles, ShopRegistry shops) {
        if (!activeProfiles.contains("embedded") && shops.anyShopHasToken(DEMO_TOKEN)) {
            throw new IllegalStateException("the demo intake token '" + DEMO_TOKEN + "' is configured in profile(s) "
                    + activeProfiles + "; it is public and allowed only in the embedded demo. Set the shops' own "
                    + "orderhub.shops.<shop>.intake-token-sha256.");
        }
    }
}
