package io.orderhub.execute;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.component.seda.SedaEndpoint;
import org.jboss.logging.Logger;

import io.github.resilience4j.core.IntervalFunction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderhub.archive.StoreUnavailableException;
import io.orderhub.config.OrderHubConfig;

/**
 * Sends outbox commands: {@link #feed} claims due commands (highest priority first) into the bounded priority queue
 * {@code seda:commands}, batched per system where the system takes batches; its consumers call {@link #send}: through
 * the system's circuit breaker and transport, with the idempotency key, marked SENT only when the downstream confirmed;
 * otherwise retried later with exponential backoff and jitter (scheduled in the store, so a restart loses none), and
 * past the attempts moved to the failed-command store. Of a batch, only the items the system refused are retried.
 */
@ApplicationScoped
@Named("dispatcher")
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    private final Outbox outbox;
    private final CommandPlanner planner;
    private final Waybills waybills;
    private final DegradationSwitch degradation;
    private final CircuitBreakers breakers;
    private final Map<String, CommandTransport> transports = new HashMap<>();
    private final OrderHubConfig.Execute config;
    private final MeterRegistry registry;
    private final IntervalFunction backoff;
    private final AtomicLong backlog = new AtomicLong();

    public Dispatcher(Outbox outbox, CommandPlanner planner, Waybills waybills, DegradationSwitch degradation,
            CircuitBreakers breakers, Instance<CommandTransport> transports, OrderHubConfig config,
            MeterRegistry registry) {
        this.outbox = outbox;
        this.planner = planner;
        this.waybills = waybills;
        this.degradation = degradation;
        this.breakers = breakers;
        transports.forEach(t -> this.transports.put(t.name(), t));
        this.config = config.execute();
        this.registry = registry;
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(this.config.backoff(), 2.0, 0.5,
                this.config.backoffMax());
        Gauge.builder("orderhub.execute.backlog", backlog, AtomicLong::get)
                .description("Commands waiting in the outbox (pending or being sent)").register(registry);
    }

    /** Claims due commands into the priority queue while it has room; called by the execute-feed route. */
    public List<Sendable> feed(Exchange exchange) {
        if (!config.enabled()) {
            return List.of();
        }
        backlog.set(outbox.backlog());
        degradation.backlog(backlog.get());
        // the priority queue is unbounded (a PriorityBlockingQueue's capacity is only its initial size): queue-size
        // is held here, or the feed would pull the whole backlog into memory and claim it again after the lease
        int queued = exchange.getContext().getEndpoint("seda:commands", SedaEndpoint.class).getQueue().size();
        int room = config.queueSize() - queued;
        if (room <= 0) {
            return List.of();
        }
        return CommandBatch.group(outbox.claim(Math.min(room, 200), config.lease()), config.systems());
    }

    /** Sends what the queue gave: one command, or one system's batch. */
    public void send(Sendable next) {
        if (next instanceof CommandBatch batch) {
            sendBatch(batch);
        } else if (next instanceof Command planned) {
            Command command = built(planned);
            if (command != null) {
                deliver(command);
            }
        }
    }

    /** The command with its payload; a command re-driven after its mapping failed is built now, or failed again. */
    private Command built(Command planned) {
        if (planned.built()) {
            return planned;
        }
        try {
            String payload = planner.payload(planned.system(), CommandPlanner.JSON.readTree(planned.payload()))
                    .toString();
            outbox.built(planned.commandId(), payload);
            return new Command(planned.commandId(), planned.idempotencyKey(), planned.hubOrderId(), planned.system(),
                    planned.type(), planned.priority(), payload, planned.attempts(), planned.createdAt(), true);
        } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
            outbox.failed(planned.commandId(), e.getMessage(), "MAPPING");
            count("failed", planned.system(), "MAPPING");
            return null;
        }
    }

    private void deliver(Command command) {
        OrderHubConfig.DownstreamSystem system = config.systems().get(command.system());
        CommandTransport transport = transport(command.system(), system);
        if (transport == null) {
            notConfigured(command, system);
        } else if (!breakers.permits(command.system())) {
            hold(command);
        } else {
            settle(command, system, breakers.call(command.system(), () -> transport.deliver(command, system)));
        }
    }

    private void sendBatch(CommandBatch batch) {
        List<Command> ready = batch.commands().stream().map(this::built).filter(c -> c != null).toList();
        OrderHubConfig.DownstreamSystem system = config.systems().get(batch.system());
        CommandTransport transport = transport(batch.system(), system);
        if (transport == null) {
            ready.forEach(c -> notConfigured(c, system));
            return;
        }
        BatchCalls.Plan plan = BatchCalls.plan(ready, system);
        plan.singles().forEach(this::deliver);
        OrderHubConfig.DownstreamSystem view = BatchCalls.view(system);
        for (BatchCalls.Call call : plan.calls()) {
            if (!breakers.permits(batch.system())) {
                call.members().forEach(this::hold);
                continue;
            }
            CommandTransport.Delivery delivery = breakers.call(batch.system(),
                    () -> transport.deliver(call.envelope(), view));
            Counter.builder("orderhub.execute.batches").description("Batch calls by outcome")
                    .tag("system", batch.system()).tag("class", delivery.confirmed() ? "OK" : delivery.errorClass())
                    .register(registry).increment();
            BatchCalls.outcomes(call, delivery, system).forEach((c, d) -> settle(c, system, d));
        }
    }

    private CommandTransport transport(String name, OrderHubConfig.DownstreamSystem system) {
        return system == null ? null : transports.get(system.transport());
    }

    private void notConfigured(Command command, OrderHubConfig.DownstreamSystem system) {
        outbox.failed(command.commandId(), system == null
                ? "no downstream system '" + command.system() + "' is configured"
                : "no transport '" + system.transport() + "' for " + command.system(), "NOT_CONFIGURED");
        count("failed", command.system(), "NOT_CONFIGURED");
    }

    /** Not sent, so not an attempt: the command waits for the circuit to let trial calls through. */
    private void hold(Command command) {
        outbox.retry(command.commandId(), Instant.now().plus(config.breakerOpenFor()), "circuit open", "CIRCUIT_OPEN",
                false);
        count("held", command.system(), "CIRCUIT_OPEN");
    }

    private void settle(Command command, OrderHubConfig.DownstreamSystem system, CommandTransport.Delivery delivery) {
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
            outbox.failed(command.commandId(), delivery.error(), errorClass);
            count("failed", command.system(), errorClass);
            LOG.warnf("%s failed after %d attempts (%s); in the failed-command store", command, attempt, errorClass);
        } else {
            outbox.retry(command.commandId(), Instant.now().plusMillis(backoff.apply(attempt)), delivery.error(),
                    errorClass, true);
            count("retry", command.system(), errorClass);
        }
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

    /** What a breaker says about a system, for the admin API and metrics. */
    public Map<String, String> circuits() {
        return breakers.states();
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
