package io.orderhub.execute;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderhub.config.OrderHubConfig;

/** One circuit breaker per downstream system: an open circuit holds only its own system's commands. */
@ApplicationScoped
public class CircuitBreakers {

    private static final Logger LOG = Logger.getLogger(CircuitBreakers.class);

    private final OrderHubConfig.Execute config;
    private final MeterRegistry registry;
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

    @jakarta.inject.Inject
    public CircuitBreakers(OrderHubConfig config, MeterRegistry registry) {
        this(config.execute(), registry);
    }

    CircuitBreakers(OrderHubConfig.Execute config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    /** Whether a call to the system may go out now (closed, or a trial call of a half-open circuit). */
    boolean permits(String system) {
        return breaker(system).tryAcquirePermission();
    }

    /** Makes one permitted call and records its outcome: a call that may succeed if repeated counts as an error. */
    CommandTransport.Delivery call(String system, Supplier<CommandTransport.Delivery> call) {
        CircuitBreaker breaker = breaker(system);
        long start = System.nanoTime();
        CommandTransport.Delivery delivery = call.get();
        long took = System.nanoTime() - start;
        if (delivery.confirmed()) {
            breaker.onSuccess(took, TimeUnit.NANOSECONDS);
        } else if (!delivery.retryable()) {
            // a refusal for good (a bad carrier code, an order already shipped, no shop configured) says nothing about
            // whether the system is up: it neither opens nor closes the circuit
            breaker.releasePermission();
        } else {
            breaker.onError(took, TimeUnit.NANOSECONDS, new RuntimeException(delivery.errorClass()));
        }
        return delivery;
    }

    /** What each breaker says, for the admin API. */
    public Map<String, String> states() {
        Map<String, String> out = new TreeMap<>();
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
}
