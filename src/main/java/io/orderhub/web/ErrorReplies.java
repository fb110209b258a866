package io.orderhub.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

import io.orderhub.archive.StoreUnavailableException;
import io.orderhub.ingress.Channel;
import io.orderhub.ops.HubMetrics;

/**
 * Turns a route's failure into the contract's error reply {@code {"error", "message"}} with its status; called by
 * the error-handling route configuration, so every HTTP route answers errors the same way.
 */
@ApplicationScoped
@Named("errorReplies")
public class ErrorReplies {

    private static final Logger LOG = Logger.getLogger(ErrorReplies.class);

    private final HubMetrics metrics;

    public ErrorReplies(HubMetrics metrics) {
        this.metrics = metrics;
    }

    public void reply(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ApiError error = classify(cause);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.reason());
        body.put("message", error.getMessage());
        HttpReplies.json(exchange, error.status(), body);
        if (error.retryAfterSeconds() > 0) {
            exchange.getMessage().setHeader("Retry-After", Long.toString(error.retryAfterSeconds()));
        }
        String channel = exchange.getProperty(IntakeEndpoint.CHANNEL, String.class);
        if (channel != null) {
            // arbitrary path segments must not become metric labels
            metrics.rejected(Channel.fromCode(channel).map(Channel::code).orElse("unknown"), error.reason());
        }
    }

    private static ApiError classify(Throwable cause) {
        if (cause instanceof ApiError api) {
            return api;
        }
        if (cause instanceof StoreUnavailableException) {
            LOG.warnf("store cannot take writes: %s", cause.getMessage());
            return new ApiError(503, "overloaded", "the order store cannot take writes now; retry", 1);
        }
        LOG.error("unexpected failure while answering a request", cause);
        return new ApiError(500, "internal_error", "unexpected failure; nothing was accepted");
    }

}
