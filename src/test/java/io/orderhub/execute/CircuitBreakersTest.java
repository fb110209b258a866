package io.orderhub.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.orderhub.config.OrderHubConfig;

/** Breakers count what says a system is down, and only that; each key is its own circuit. */
class CircuitBreakersTest {

    static CircuitBreakers breakers() {
        OrderHubConfig.Execute config = (OrderHubConfig.Execute) Proxy.newProxyInstance(
                CircuitBreakersTest.class.getClassLoader(), new Class<?>[]{OrderHubConfig.Execute.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "breakerFailureRate" -> 50f;
                    case "breakerWindow" -> 10;
                    case "breakerOpenFor" -> Duration.ofMinutes(1);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return new CircuitBreakers(config, new SimpleMeterRegistry());
    }

    @Test
    void refusalsForGoodDoNotOpenTheCircuitButOutagesDo() {
        CircuitBreakers b = breakers();
        for (int i = 0; i < 10; i++) {
            assertThat(b.permits("platform-writeback:taobao")).isTrue();
            b.call("platform-writeback:taobao",
                    () -> CommandTransport.Delivery.rejected("WRONG_CARRIER_CODE", "no code", null));
        }
        assertThat(b.states()).containsEntry("platform-writeback:taobao", "CLOSED");
        for (int i = 0; i < 10; i++) {
            b.permits("platform-writeback:douyin");
            b.call("platform-writeback:douyin", () -> CommandTransport.Delivery.failed("HTTP_5XX", "down", null));
        }
        assertThat(b.states()).containsEntry("platform-writeback:douyin", "OPEN")
                .containsEntry("platform-writeback:taobao", "CLOSED");
        assertThat(b.permits("platform-writeback:douyin")).isFalse();
        assertThat(b.permits("platform-writeback:taobao")).as("another platform keeps flowing").isTrue();
    }
}
