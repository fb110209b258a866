package io.orderhub.web;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** Writes JSON replies on a platform-http exchange without echoing any request header back. */
public final class HttpReplies {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private HttpReplies() {
    }

    public static void json(Exchange exchange, int status, Object body) {
        Message m = exchange.getMessage();
        // platform-http copies message headers to the response: drop the request's (tokens, signatures, query)
        m.getHeaders().clear();
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        m.setHeader(Exchange.CONTENT_TYPE, "application/json");
        try {
            m.setBody(JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("reply is not serialisable", e);
        }
    }

    public static ObjectMapper mapper() {
        return JSON;
    }
}
