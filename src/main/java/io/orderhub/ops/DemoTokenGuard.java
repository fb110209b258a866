package io.orderhub.ops;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.orderhub.ingress.ShopRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;

/** Refuses to start any profile but the embedded demo while the published demo intake token is configured. */
@ApplicationScoped
public class DemoTokenGuard {

    public static final String DEMO_TOKEN = "orderhub-demo-token";

    void onStart(@Observes StartupEvent event, ShopRegistry shops) {
        check(ConfigUtils.getProfiles(), shops);
    }

    static void check(List<String> activeProfiles, ShopRegistry shops) {
        if (!activeProfiles.contains("embedded") && shops.anyShopHasToken(DEMO_TOKEN)) {
            throw new IllegalStateException("the demo intake token '" + DEMO_TOKEN + "' is configured in profile(s) "
                    + activeProfiles + "; it is public and allowed only in the embedded demo. Set the shops' own "
                    + "orderhub.shops.<shop>.intake-token-sha256.");
        }
    }
}
