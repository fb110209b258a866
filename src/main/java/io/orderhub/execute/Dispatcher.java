package io.orderhub.execute;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.component.seda.SedaEndpoint;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderhub.config.OrderHubConfig;

/**
 * Sends outbox commands: {@link #feed} claims due commands (highest priority first) into the bounded priority queue
 * {@code seda:commands}, batched per system where the system takes batches; its consumers call {@link #send}: through
 * the system's circuit breaker and transport, with the idempotency key; the {@link Settlement} records the outcome.
 * Of a batch, only the items the system refused are retried.
 */
@ApplicationScoped
@Named("dispatcher")
public class Dispatcher {

    private final Outbox outbox;
    private final CommandPlanner planner;
    private final DegradationSwitch degradation;
    private final CircuitBreakers breakers;
    private final Settlement settlement;
    private final Map<String, CommandTransport> transports = new HashMap<>();
    private final OrderHubConfig.Execute config;
    private final AtomicLong backlog = new AtomicLong();
    // until when each claimed sendable may still be started: a claim's lease runs while it waits in the queue, and a
    // command whose lease is (nearly) over may already be with another sender (this pod's next claim, another pod),
    // so its stale copy is not sent; keyed by identity, since a re-claim yields an equal command with a new lease
    private final Map<Sendable, Instant> startBy = Collections.synchronizedMap(new IdentityHashMap<>());
    private final Counter expired;

    public Dispatcher(Outbox outbox, CommandPlanner planner, DegradationSwitch degradation, CircuitBreakers breakers,
            Settlement settlement, Instance<CommandTransport> transports, OrderHubConfig config,
            MeterRegistry registry) {
        this.outbox = outbox;
        this.planner = planner;
        this.degradation = degradation;
        this.breakers = breakers;
        this.settlement = settlement;
        transports.forEach(t -> this.transports.put(t.name(), t));
        this.config = config.execute();
        Gauge.builder("orderhub.execute.backlog", backlog, AtomicLong::get)
                .description("Commands waiting in the outbox (pending or being sent)").register(registry);
        this.expired = Counter.builder("orderhub.execute.lease.expired")
                .description("Claimed commands not sent because their lease ran out in the queue (claimed again)")
                .register(registry);
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
        // started only while half the lease remains: the call (its HTTP timeouts are well under half the default
        // lease) then ends before the command can be claimed again
        Instant until = Instant.now().plus(config.lease().dividedBy(2));
        List<Sendable> claimed = CommandBatch.group(outbox.claim(Math.min(room, 200), config.lease()),
                config.systems());
        if (startBy.size() > 2 * config.queueSize()) {
            // claims that never reached a sender (the queue refused them at shutdown or when full) are let go
            Instant stale = Instant.now().minus(config.lease());
            synchronized (startBy) {
                startBy.values().removeIf(t -> t.isBefore(stale));
            }
        }
        claimed.forEach(s -> startBy.put(s, until));
        return claimed;
    }

    /** Sends what the queue gave: one command, or one system's batch. */
    public void send(Sendable next) {
        Instant until = startBy.remove(next);
        if (until != null && Instant.now().isAfter(until)) {
            // it waited too long in the queue: the outbox gives it out again once its lease is over
            expired.increment(next instanceof CommandBatch b ? b.commands().size() : 1);
            return;
        }
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
            settlement.failed(planned, e.getMessage(), "MAPPING");
            return null;
        }
    }

    private void deliver(Command command) {
        OrderHubConfig.DownstreamSystem system = config.systems().get(command.system());
        CommandTransport transport = transport(system);
        if (transport == null) {
            notConfigured(command, system);
        } else if (!breakers.permits(transport.breakerKey(command))) {
            settlement.hold(command);
        } else {
            settlement.settle(command, system,
                    breakers.call(transport.breakerKey(command), () -> transport.deliver(command, system)));
        }
    }

    private void sendBatch(CommandBatch batch) {
        List<Command> ready = batch.commands().stream().map(this::built).filter(c -> c != null).toList();
        OrderHubConfig.DownstreamSystem system = config.systems().get(batch.system());
        CommandTransport transport = transport(system);
        if (transport == null) {
            ready.forEach(c -> notConfigured(c, system));
            return;
        }
        BatchCalls.Plan plan = BatchCalls.plan(ready, system);
        plan.singles().forEach(this::deliver);
        OrderHubConfig.DownstreamSystem view = BatchCalls.view(system);
        for (BatchCalls.Call call : plan.calls()) {
            if (!breakers.permits(batch.system())) {
                call.members().forEach(settlement::hold);
                continue;
            }
            CommandTransport.Delivery delivery = breakers.call(batch.system(),
                    () -> transport.deliver(call.envelope(), view));
            settlement.batch(batch.system(), delivery);
            BatchCalls.outcomes(call, delivery, system).forEach((c, d) -> settlement.settle(c, system, d));
        }
    }

    private CommandTransport transport(OrderHubConfig.DownstreamSystem system) {
        return system == null ? null : transports.get(system.transport());
    }

    private void notConfigured(Command command, OrderHubConfig.DownstreamSystem system) {
        settlement.failed(command, system == null
                ? "no downstream system '" + command.system() + "' is configured"
                : "no transport '" + system.transport() + "' for " + command.system(), "NOT_CONFIGURED");
    }

    /** What a breaker says about a system, for the admin API and metrics. */
    public Map<String, String> circuits() {
        return breakers.states();
    }

    static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
