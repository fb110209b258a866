package io.orderhub.execute;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderhub.archive.StoreUnavailableException;
import io.orderhub.config.OrderHubConfig;

/**
 * Sends outbox commands: {@link #feed()} claims due commands (highest priority first) into the bounded priority queue
 * {@code seda:commands}; its consumers call {@link #send(Command)}: through the system's circuit breaker, POST to the
 * system with the idempotency key, marked SENT only when the downstream confirmed; otherwise retried later with
 * exponential backoff and jitter (scheduled in the store, so a restart loses none), and past the attempts moved to
 * the failed-command store. An open circuit holds only its own system's commands; the others keep flowing.
 */
@ApplicationScoped
@Named("dispatcher")
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    /** The priority queue between the outbox and the senders, as routes/execute.yaml names it (plus its size). */
    static final String QUEUE = "seda:commands?queueFactory=#commandQueueFactory&size=";

    private final Outbox outbox;
    private final CommandPlanner planner;
    private final Waybills waybills;
    private final DegradationSwitch degradation;
    private final Map<String, CommandTransport> transports = new java.util.HashMap<>();
    private final OrderHubConfig.Execute config;
    private final MeterRegistry registry;
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final IntervalFunction backoff;
    private final AtomicLong backlog = new AtomicLong();

    public Dispatcher(Outbox outbox, CommandPlanner planner, Waybills waybills, DegradationSwitch degradation,
            jakarta.enterprise.inject.Instance<CommandTransport> transports, OrderHubConfig config,
            MeterRegistry registry) {
        this.outbox = outbox;
        this.planner = planner;
        this.waybills = waybills;
        this.degradation = degradation;
        transports.forEach(t -> this.transports.put(t.name(), t));
        this.config = config.execute();
        this.registry = registry;
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(this.config.backoff(), 2.0, 0.5,
                this.config.backoffMax());
        Gauge.builder("orderhub.execute.backlog", backlog, AtomicLong::get)
                .description("Commands waiting in the outbox (pending or being sent)").register(registry);
    }

    /** Claims due commands into the priority queue while it has room; called by the execute-feed route. */
    public List<Command> feed(Exchange exchange) {
        if (!config.enabled()) {
            return List.of();
        }
        backlog.set(outbox.backlog());
        degradation.backlog(backlog.get());
        int room = exchange.getContext()
                .getEndpoint("seda:commands", org.apache.camel.component.seda.SedaEndpoint.class)
                .getQueue().remainingCapacity();
        if (room <= 0) {
            return List.of();
        }
        return outbox.claim(Math.min(room, 200), config.lease());
    }

    public void send(Command planned) {
        Command command = planned;
        if (!planned.built()) {
            // re-driven after its mapping failed at planning: build it now, or back to the failed store
            try {
                String payload = planner.payload(planned.system(), CommandPlanner.JSON.readTree(planned.payload()))
                        .toString();
                outbox.built(planned.commandId(), payload);
                command = new Command(planned.commandId(), planned.idempotencyKey(), planned.hubOrderId(),
                        planned.system(), planned.type(), planned.priority(), payload, planned.attempts(),
                        planned.createdAt(), true);
            } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
                outbox.failed(planned.commandId(), e.getMessage(), "MAPPING");
                count("failed", planned.system(), "MAPPING");
                return;
            }
        }
        deliver(command);
    }

    private void deliver(Command command) {
        OrderHubConfig.DownstreamSystem system = config.systems().get(command.system());
        if (system == null) {
            outbox.failed(command.commandId(), "no downstream system '" + command.system() + "' is configured",
                    "NOT_CONFIGURED");
            count("failed", command.system(), "NOT_CONFIGURED");
            return;
        }
        CircuitBreaker breaker = breaker(command.system());
        if (!breaker.tryAcquirePermission()) {
            // not sent, so not an attempt: the command waits for the circuit to let trial calls through
            outbox.retry(command.commandId(), Instant.now().plus(config.breakerOpenFor()), "circuit open",
                    "CIRCUIT_OPEN", false);
            count("held", command.system(), "CIRCUIT_OPEN");
            return;
        }
        CommandTransport transport = transports.get(system.transport());
        if (transport == null) {
            outbox.failed(command.commandId(), "no transport '" + system.transport() + "' for " + command.system(),
                    "NOT_CONFIGURED");
            count("failed", command.system(), "NOT_CONFIGURED");
            return;
        }
        long start = System.nanoTime();
        CommandTransport.Delivery delivery = transport.deliver(command, system);
        long took = System.nanoTime() - start;
        if (delivery.confirmed()) {
            breaker.onSuccess(took, TimeUnit.NANOSECONDS);
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
        String error = delivery.error();
        breaker.onError(took, TimeUnit.NANOSECONDS, new RuntimeException(errorClass));
        int attempt = command.attempts() + 1;
        if (attempt >= config.maxAttempts() || !delivery.retryable()) {
            outbox.failed(command.commandId(), error, errorClass);
            count("failed", command.system(), errorClass);
            LOG.warnf("%s failed after %d attempts (%s); in the failed-command store", command, attempt, errorClass);
        } else {
            outbox.retry(command.commandId(), Instant.now().plusMillis(backoff.apply(attempt)), error, errorClass,
                    true);
            count("retry", command.system(), errorClass);
        }
    }

    /** A carrier's answer names the waybill: kept for loading scans and carrier events. */
    private void waybill(OrderHubConfig.DownstreamSystem system, Command command, String body) {
        if (system.waybillPointer().isEmpty()) {
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

    /** What a breaker says about a system, for the admin API and metrics. */
    public Map<String, String> circuits() {
        Map<String, String> out = new java.util.TreeMap<>();
        breakers.forEach((k, v) -> out.put(k, v.getState().name()));
        return out;
    }

    private CircuitBreaker breaker(String system) {
        return breakers.computeIfAbsent(system, s -> {
            CircuitBreaker cb = CircuitBreaker.of(s, CircuitBreakerConfig.custom()
                    .failureRateThreshold(config.breakerFailureRate())
                    .slidingWindowSize(config.breakerWindow())
                    .minimumNumberOfCalls(Math.min(config.breakerWindow(), 5))
                    .waitDurationInOpenState(config.breakerOpenFor())
                    .permittedNumberOfCallsInHalfOpenState(2)
                    .build());
            Gauge.builder("orderhub.execute.circuit.open", cb, b -> b.getState() == CircuitBreaker.State.OPEN ? 1 : 0)
                    .description("1 while the system's circuit is open").tag("system", s).register(registry);
            cb.getEventPublisher().onStateTransition(e -> LOG.warnf("circuit of %s: %s", s, e.getStateTransition()));
            return cb;
        });
    }

    private static String json(String body) {
        try {
            return body == null || body.isBlank() ? null : CommandPlanner.JSON.readTree(body).toString();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return CommandPlanner.JSON.getNodeFactory().textNode(abbreviate(body)).toString();
        }
    }

    static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    private void count(String outcome, String system, String cls) {
        Counter.builder("orderhub.execute.commands").description("Command send outcomes")
                .tag("outcome", outcome).tag("system", system).tag("class", cls).register(registry).increment();
    }

    Duration backoffFor(int attempt) {
        return Duration.ofMillis(backoff.apply(attempt));
    }
}
