package io.orderhub.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.orderhub.config.OrderHubConfig;
import io.quarkus.runtime.StartupEvent;

/** Which configured sinks receive an alert of a kind and severity; each sink is the outbox system alert-<name>. */
@ApplicationScoped
public class AlertSinks {

    /** Outbox systems of alert sinks are named with this prefix and the sink's name. */
    public static final String SYSTEM_PREFIX = "alert-";
    static final Set<String> KINDS = Set.of("dingtalk", "wecom", "webhook");
    private static final List<String> SEVERITIES = List.of("INFO", "WARNING", "CRITICAL");

    private final AlertsConfig config;
    private final OrderHubConfig hub;

    public AlertSinks(AlertsConfig config, OrderHubConfig hub) {
        this.config = config;
        this.hub = hub;
    }

    /** A sink without its outbox system would fail every delivery as NOT_CONFIGURED: refuse to start instead. */
    void check(@Observes StartupEvent event) {
        config.sinks().forEach((name, sink) -> {
            if (!KINDS.contains(sink.kind())) {
                throw new IllegalStateException("orderhub.alerts.sinks." + name + ".kind must be one of " + KINDS);
            }
            if (!sink.format().matches("markdown|text")) {
                throw new IllegalStateException("orderhub.alerts.sinks." + name + ".format must be markdown or text");
            }
            OrderHubConfig.DownstreamSystem system = hub.execute().systems().get(SYSTEM_PREFIX + name);
            if (system == null || !AlertWebhookTransport.NAME.equals(system.transport())) {
                throw new IllegalStateException("alert sink " + name + " needs orderhub.execute.systems."
                        + SYSTEM_PREFIX + name + ".transport=" + AlertWebhookTransport.NAME);
            }
        });
    }

    /** Names of the sinks that receive this alert. */
    public List<String> receivers(String kind, String severity) {
        List<String> out = new ArrayList<>();
        config.sinks().forEach((name, sink) -> {
            if (wants(sink, kind) && severe(sink, severity)) {
                out.add(name);
            }
        });
        out.sort(null);
        return out;
    }

    public Optional<AlertsConfig.Sink> sink(String name) {
        return Optional.ofNullable(config.sinks().get(name));
    }

    public Map<String, AlertsConfig.Sink> all() {
        return config.sinks();
    }

    public int priority() {
        return config.priority();
    }

    private boolean wants(AlertsConfig.Sink sink, String kind) {
        if (sink.kinds().map(k -> k.contains("*") || k.contains(kind)).orElse(false)) {
            return true;
        }
        return sink.audiences().orElse(List.of()).stream()
                .anyMatch(a -> config.audiences().getOrDefault(a, List.of()).contains(kind));
    }

    private static boolean severe(AlertsConfig.Sink sink, String severity) {
        return sink.minSeverity().map(min -> SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(min)).orElse(true);
    }
}
