package io.orderhub.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.orderhub.config.OrderHubConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Which sinks get which alerts (kinds, audiences, severity), and sinks that could never deliver refused at start. */
class AlertSinksTest {

    static AlertSinks sinks(Map<String, String> properties) {
        Map<String, String> p = new HashMap<>(properties);
        p.put("orderhub.alerts.audiences.warehouse", "NO_CARRIER_UPDATE,LOADING_MISMATCH");
        p.put("orderhub.alerts.audiences.customer-service", "STATUS_CONFLICT,AFTERSALES_P0");
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(OrderHubConfig.class)
                .withMapping(AlertsConfig.class)
                .withConverter(java.time.Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter())
                .withSources(new PropertiesConfigSource(p, "unit-test", 400)).build();
        return new AlertSinks(config.getConfigMapping(AlertsConfig.class),
                config.getConfigMapping(OrderHubConfig.class));
    }

    static Map<String, String> sink(String name, String kind, String key, String value) {
        return Map.of("orderhub.alerts.sinks." + name + ".kind", kind, "orderhub.alerts.sinks." + name + ".url",
                "http://localhost/" + name, "orderhub.alerts.sinks." + name + "." + key, value,
                "orderhub.execute.systems.alert-" + name + ".transport", "alert-webhook");
    }

    @Test
    void kindsAudiencesAndSeverityPickTheReceivers() {
        Map<String, String> p = new HashMap<>();
        p.putAll(sink("wh", "dingtalk", "audiences", "warehouse"));
        p.putAll(sink("cs", "wecom", "audiences", "customer-service"));
        p.putAll(sink("all", "webhook", "kinds", "*"));
        p.putAll(sink("crit", "webhook", "min-severity", "CRITICAL"));
        p.put("orderhub.alerts.sinks.crit.kinds", "*");
        AlertSinks s = sinks(p);
        s.check(null);
        assertThat(s.receivers("NO_CARRIER_UPDATE", "WARNING")).containsExactly("all", "wh");
        assertThat(s.receivers("AFTERSALES_P0", "CRITICAL")).containsExactly("all", "crit", "cs");
        assertThat(s.receivers("RECONCILE_FAILED", "WARNING")).containsExactly("all");
    }

    @Test
    void aSinkWithoutItsOutboxSystemOrWithAnUnknownKindStopsTheStart() {
        Map<String, String> p = new HashMap<>(sink("wh", "dingtalk", "kinds", "*"));
        p.remove("orderhub.execute.systems.alert-wh.transport");
        p.put("orderhub.execute.systems.alert-wh.url", "http://localhost/x");
        assertThatThrownBy(() -> sinks(p).check(null))
                .hasMessageContaining("orderhub.execute.systems.alert-wh.transport=alert-webhook");
        assertThatThrownBy(() -> sinks(sink("x", "slack", "kinds", "*")).check(null))
                .hasMessageContaining("kind must be one of");
    }
}
