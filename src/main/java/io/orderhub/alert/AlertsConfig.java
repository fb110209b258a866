package io.orderhub.alert;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where alerts go ({@code orderhub.alerts.*}): robot and webhook sinks, each fed the alert kinds it names directly or
 * through an audience. Each sink {@code <name>} is delivered through the outbox as system {@code alert-<name>}, so it
 * also needs {@code orderhub.execute.systems.alert-<name>.transport=alert-webhook} (checked at start).
 */
@ConfigMapping(prefix = "orderhub.alerts")
public interface AlertsConfig {

    /** Sinks by name: {@code dingtalk}, {@code wecom} or {@code webhook}. */
    Map<String, Sink> sinks();

    /** Audiences (warehouse, customer-service, operations...) by name: the alert kinds each one handles. */
    Map<String, List<String>> audiences();

    /** Outbox priority of alert deliveries: above every order's (VIP 3000 + age), so a backlog never holds alerts. */
    @WithDefault("10000")
    int priority();

    interface Sink {
        /** {@code dingtalk} (自定义机器人), {@code wecom} (群机器人) or {@code webhook} (the alert as JSON). */
        String kind();

        /** The robot's webhook URL, access_token / key included (a secret: from the environment). */
        String url();

        /** DingTalk 加签 secret ({@code SEC...}); absent: unsigned (keyword or IP allow-list security). */
        Optional<String> secret();

        /** {@code markdown} or {@code text} (robots only). */
        @WithDefault("markdown")
        String format();

        /** Alert kinds this sink receives; {@code *} for all. */
        Optional<List<String>> kinds();

        /** Audiences whose kinds this sink receives (see {@link AlertsConfig#audiences()}). */
        Optional<List<String>> audiences();

        /** Only alerts at least this severe ({@code WARNING} < {@code CRITICAL}); absent: all. */
        Optional<String> minSeverity();
    }
}
