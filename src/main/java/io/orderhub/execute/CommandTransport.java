package io.orderhub.execute;

import io.orderhub.config.OrderHubConfig;

/**
 * How commands reach one kind of downstream system: HTTP (camel-http), JMS, a platform's open API... A system names
 * its transport in configuration ({@code orderhub.execute.systems.<system>.transport}, default {@code http}); the
 * {@link Dispatcher} keeps the outbox, retries, circuit breaker and failed store, the transport only carries one
 * command and says whether the downstream confirmed it.
 */
public interface CommandTransport {

    /** The name configuration uses for this transport. */
    String name();

    /** Sends one command (its idempotency key included) and reports what the downstream answered. */
    Delivery deliver(Command command, OrderHubConfig.DownstreamSystem system);

    /**
     * Which circuit breaker guards this command: by default its system's. A transport that reaches several
     * independent services under one system (the platform write-back: each platform's open API) names one breaker
     * per service, so one platform's outage does not hold the others.
     */
    default String breakerKey(Command command) {
        return command.system();
    }

    /**
     * What a transport reports: confirmed (with the downstream's answer), or not, with an error class
     * ({@code TIMEOUT}, {@code IO}, {@code HTTP_5XX}, {@code HTTP_4XX}, {@code REJECTED}, {@code NOT_CONFIGURED}...)
     * the failed-command store keeps. {@code retryable} false sends the command to the failed store at once (a
     * rejection that a repeat cannot cure).
     */
    record Delivery(boolean confirmed, String answer, String errorClass, String error, boolean retryable) {

        public static Delivery confirmed(String answer) {
            return new Delivery(true, answer, null, null, true);
        }

        public static Delivery failed(String errorClass, String error, String answer) {
            return new Delivery(false, answer, errorClass, error, true);
        }

        public static Delivery rejected(String errorClass, String error, String answer) {
            return new Delivery(false, answer, errorClass, error, false);
        }
    }
}
