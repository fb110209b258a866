package io.orderhub.rules.crm;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@link CrmLookup} over camel-http: {@code POST <url>} with the query as JSON; 200 {@code {"customerId", "segment",
 * "earlierOrders"}} is a customer, 404 is "unknown". The caller's timeout bounds the wait (the http component's own
 * timeouts bound the connection behind it).
 */
@ApplicationScoped
public class HttpCrmLookup implements CrmLookup {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProducerTemplate template;

    public HttpCrmLookup(ProducerTemplate template) {
        this.template = template;
    }

    @Override
    public Optional<Customer> find(String url, Duration timeout, Map<String, Object> query) {
        String uri = url + (url.contains("?") ? "&" : "?") + "throwExceptionOnFailure=false";
        CompletableFuture<Exchange> call = template.asyncSend(uri, ex -> {
            ex.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
            ex.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
            ex.getMessage().setBody(JSON.writeValueAsBytes(query));
        });
        Exchange answer;
        try {
            answer = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new CrmUnavailableException("CRM did not answer within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CrmUnavailableException("interrupted while waiting for the CRM", e);
        } catch (ExecutionException e) {
            throw new CrmUnavailableException("CRM call failed", e.getCause());
        }
        if (answer.getException() != null) {
            throw new CrmUnavailableException("CRM call failed: " + answer.getException().getClass().getSimpleName(),
                    answer.getException());
        }
        return read(answer);
    }

    private static Optional<Customer> read(Exchange answer) {
        Integer status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status != null && status == 404) {
            return Optional.empty();
        }
        if (status == null || status != 200) {
            throw new CrmUnavailableException("CRM answered HTTP " + status, null);
        }
        try {
            JsonNode b = JSON.readTree(answer.getMessage().getBody(byte[].class));
            if (b == null || !b.path("customerId").isTextual()) {
                throw new CrmUnavailableException("CRM answer has no customerId", null);
            }
            String segment = Customer.VIP.equals(b.path("segment").asText()) ? Customer.VIP : Customer.REGULAR;
            return Optional.of(new Customer(b.get("customerId").asText(), segment, b.path("earlierOrders").asInt(0)));
        } catch (IOException e) {
            throw new CrmUnavailableException("CRM answer is not JSON", e);
        }
    }
}
