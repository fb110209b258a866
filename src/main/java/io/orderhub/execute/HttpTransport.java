package io.orderhub.execute;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import io.orderhub.config.OrderHubConfig;

/**
 * POSTs the payload to the system's URL through the route {@code downstream-http} (camel-http, explicit timeouts)
 * with the idempotency key as the {@code Idempotency-Key} header. Confirmed: a 2xx whose success field (when the
 * system names one) has the success value. A 2xx whose reject field (reject-pointer) holds one of the system's
 * reject-values is a refusal no repeat can cure: rejected, not retried.
 */
@ApplicationScoped
public class HttpTransport implements CommandTransport {

    private final ProducerTemplate template;

    public HttpTransport(ProducerTemplate template) {
        this.template = template;
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public Delivery deliver(Command command, OrderHubConfig.DownstreamSystem system) {
        if (system.url().isEmpty()) {
            return Delivery.rejected("NOT_CONFIGURED", "no url for " + command.system(), null);
        }
        Exchange result = template.send("direct:downstream-http", ex -> {
            ex.getMessage().setHeader(Exchange.HTTP_URI, system.url().get());
            ex.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
            ex.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json;charset=UTF-8");
            ex.getMessage().setHeader("Idempotency-Key", command.idempotencyKey());
            ex.getMessage().setBody(command.payload());
        });
        if (result.getException() != null) {
            Exception e = result.getException();
            String errorClass = e instanceof java.net.SocketTimeoutException
                    || e.getCause() instanceof java.net.SocketTimeoutException ? "TIMEOUT" : "IO";
            return Delivery.failed(errorClass, e.getClass().getSimpleName() + ": " + e.getMessage(), null);
        }
        Integer status = result.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        String body = result.getMessage().getBody(String.class);
        if (status != null && status >= 200 && status < 300 && confirmed(system, body)) {
            return Delivery.confirmed(body);
        }
        Optional<String> refusal = refused(system, status, body);
        if (refusal.isPresent()) {
            return Delivery.rejected("REFUSED:" + refusal.get(), "HTTP " + status + ": " + Dispatcher.abbreviate(body),
                    body);
        }
        String errorClass = status == null
                ? "IO"
                : status >= 500 ? "HTTP_5XX" : status >= 400 ? "HTTP_4XX" : "REJECTED";
        return Delivery.failed(errorClass, "HTTP " + status + ": " + Dispatcher.abbreviate(body), body);
    }

    /** The refusal code of a 2xx answer whose reject field holds one of the system's reject values. */
    static Optional<String> refused(OrderHubConfig.DownstreamSystem system, Integer status, String body) {
        if (status == null || status < 200 || status >= 300 || system.rejectPointer().isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode answer = CommandPlanner.JSON.readTree(body == null ? "" : body);
            String value = answer == null ? "" : answer.at(system.rejectPointer().get()).asText("");
            return system.rejectValues().orElse(java.util.List.of()).contains(value)
                    ? Optional.of(value)
                    : Optional.empty();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** A downstream's own success field, where it has one (QiMen flag, ERP code...), must say success. */
    static boolean confirmed(OrderHubConfig.DownstreamSystem system, String body) {
        if (system.successPointer().isEmpty()) {
            return true;
        }
        try {
            JsonNode answer = CommandPlanner.JSON.readTree(body == null ? "" : body);
            return answer != null && system.successValue().orElse("")
                    .equals(answer.at(system.successPointer().get()).asText());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return false;
        }
    }
}
