package io.orderhub.execute;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.github.resilience4j.core.IntervalFunction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderhub.archive.StoreUnavailableException;
import io.orderhub.config.OrderHubConfig;

/**
 * What the outbox records after a send: SENT (with the answer and a carrier's waybill) only when the system confirmed;
 * otherwise a retry after exponential backoff with jitter (scheduled in the store, so a restart loses none), or past
 * the attempts, or for a rejection no repeat can cure, the failed-command store. Counted per system and class.
 */
@ApplicationScoped
class Settlement {

    private static final Logger LOG = Logger.getLogger(Settlement.class);

    private final Outbox outbox;
    private final Waybills waybills;
    private final OrderHubConfig.Execute config;
    private final MeterRegistry registry;
    private final IntervalFunction backoff;

    Settlement(Outbox outbox, Waybills waybills, OrderHubConfig config, MeterRegistry registry) {
        this.outbox = outbox;
        this.waybills = waybills;
        this.config = config.execute();
        this.registry = registry;
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(this.config.backoff(), 2.0, 0.5,
                this.config.backoffMax());
    }

    void settle(Command command, OrderHubConfig.DownstreamSystem system, CommandTransport.Delivery delivery) {
        if (delivery.confirmed()) {
            try {
                outbox.sent(command.commandId(), json(delivery.answer()));
                waybill(system, command, delivery.answer());
            } catch (StoreUnavailableException e) {
                // the downstream has it; the lease brings the command back and the key makes the repeat harmless
                LOG.warnf("%s sent but not marked: %s", command, e.getMessage());
            }
            count("sent", command.system(), "OK");
            return;
        }
        String errorClass = delivery.errorClass();
        int attempt = command.attempts() + 1;
        if (attempt >= config.maxAttempts() || !delivery.retryable()) {
            failed(command, delivery.error(), errorClass);
            LOG.warnf("%s failed after %d attempts (%s); in the failed-command store", command, attempt, errorClass);
        } else {
            outbox.retry(command.commandId(), Instant.now().plusMillis(backoff.apply(attempt)), delivery.error(),
                    errorClass, true);
            count("retry", command.system(), errorClass);
        }
    }

    /** Not sent, so not an attempt: the command waits for the circuit to let trial calls through. */
    void hold(Command command) {
        outbox.retry(command.commandId(), Instant.now().plus(config.breakerOpenFor()), "circuit open", "CIRCUIT_OPEN",
                false);
        count("held", command.system(), "CIRCUIT_OPEN");
    }

    void failed(Command command, String error, String errorClass) {
        outbox.failed(command.commandId(), error, errorClass);
        count("failed", command.system(), errorClass);
    }

    void batch(String system, CommandTransport.Delivery delivery) {
        Counter.builder("orderhub.execute.batches").description("Batch calls by outcome").tag("system", system)
                .tag("class", delivery.confirmed() ? "OK" : delivery.errorClass()).register(registry).increment();
    }

    /** A carrier's answer names the waybill: kept for loading scans and carrier events. */
    private void waybill(OrderHubConfig.DownstreamSystem system, Command command, String body) {
        if (system.waybillPointer().isEmpty() || body == null) {
            return;
        }
        try {
            String no = CommandPlanner.JSON.readTree(body).at(system.waybillPointer().get()).asText("");
            if (!no.isBlank()) {
                waybills.record(command, no);
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            LOG.warnf("%s: carrier answer without a readable waybill", command);
        }
    }

    private static String json(String body) {
        try {
            return body == null || body.isBlank() ? null : CommandPlanner.JSON.readTree(body).toString();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return CommandPlanner.JSON.getNodeFactory().textNode(Dispatcher.abbreviate(body)).toString();
        }
    }

    private void count(String outcome, String system, String cls) {
        Counter.builder("orderhub.execute.commands").description("Command send outcomes")
                .tag("outcome", outcome).tag("system", system).tag("class", cls).register(registry).increment();
    }
}
