package io.orderhub.alert;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Three sinks on test receivers (routes/test-webhooks.yaml): a signed DingTalk robot for TEST_DING alerts, a WeCom
 * robot for the customer-service audience (STATUS_CONFLICT, AFTERSALES_P0) and a JSON webhook for TEST_HOOK at
 * CRITICAL only.
 */
public class AlertSinksProfile implements QuarkusTestProfile {

    static final String DING_SECRET = "SECtest-dingtalk-secret";
    static final String BASE = "http://localhost:${quarkus.http.port}/test/webhooks/";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> m = new HashMap<>();
        m.put("%test.camel.main.routes-include-pattern", embeddedRoutes() + ",classpath:routes/test-webhooks.yaml");
        m.put("orderhub.alerts.sinks.ding.kind", "dingtalk");
        m.put("orderhub.alerts.sinks.ding.url", BASE + "ding?access_token=test-ding-token");
        m.put("orderhub.alerts.sinks.ding.secret", DING_SECRET);
        m.put("orderhub.alerts.sinks.ding.kinds", "TEST_DING");
        m.put("orderhub.alerts.sinks.cs.kind", "wecom");
        m.put("orderhub.alerts.sinks.cs.url", BASE + "cs?key=test-wecom-key");
        m.put("orderhub.alerts.sinks.cs.audiences", "customer-service");
        m.put("orderhub.alerts.sinks.hook.kind", "webhook");
        m.put("orderhub.alerts.sinks.hook.url", BASE + "hook");
        m.put("orderhub.alerts.sinks.hook.kinds", "TEST_HOOK");
        m.put("orderhub.alerts.sinks.hook.min-severity", "CRITICAL");
        for (String sink : new String[]{"ding", "cs", "hook"}) {
            m.put("orderhub.execute.systems.alert-" + sink + ".transport", "alert-webhook");
        }
        return m;
    }

    private static String embeddedRoutes() {
        Properties p = new Properties();
        try (InputStream in = AlertSinksProfile.class.getResourceAsStream("/application.properties")) {
            p.load(in);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return p.getProperty("%embedded.camel.main.routes-include-pattern");
    }
}
