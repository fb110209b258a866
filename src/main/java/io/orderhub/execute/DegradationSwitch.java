package io.orderhub.execute;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderhub.alert.AlertStore;
import io.orderhub.config.OrderHubConfig;

/**
 * Degradation (熔断降级): past {@code degrade-above} commands waiting, new commands leave out non-core fields (buyer and
 * seller remarks, gift choices) and their orders are tagged DEGRADED, so the main flow keeps moving; once the backlog
 * is back under {@code resume-below} (a lower mark, so the switch does not flap) the deferred fields are sent in
 * update commands.
 */
@ApplicationScoped
@Named("degradation")
public class DegradationSwitch {

    private static final Logger LOG = Logger.getLogger(DegradationSwitch.class);

    private final long above;
    private final long below;
    private final AlertStore alerts;
    private volatile boolean degraded;

    public DegradationSwitch(OrderHubConfig config, AlertStore alerts, MeterRegistry registry) {
        this.above = config.execute().degradeAbove();
        this.below = config.execute().resumeBelow();
        this.alerts = alerts;
        Gauge.builder("orderhub.execute.degraded", this, s -> s.degraded ? 1 : 0)
                .description("1 while new commands leave out non-core fields").register(registry);
    }

    public boolean degraded() {
        return degraded;
    }

    /** Called with each backlog reading of the dispatcher. */
    public void backlog(long waiting) {
        if (!degraded && waiting > above) {
            degraded = true;
            LOG.warnf("execution backlog %d is over %d: degrading (remarks and gift choices deferred)", waiting,
                    above);
            alerts.raise("EXECUTION_DEGRADED", "execution-degraded", "WARNING",
                    "execution backlog " + waiting + " over " + above + ": non-core fields deferred",
                    Map.of("backlog", waiting, "degradeAbove", above, "resumeBelow", below));
        } else if (degraded && waiting < below) {
            degraded = false;
            LOG.infof("execution backlog %d is under %d: full payloads again, deferred fields follow", waiting, below);
        }
    }
}
