package io.orderhub.rules.presale;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An aggregated exchange as JSON for the aggregation store: the exchange id, the body (maps, lists, scalars) and the
 * scalar headers and properties (the aggregator's size and correlation key among them). Anything else is dropped on
 * purpose: no Java serialisation, nothing a later release cannot read.
 */
final class ExchangeJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExchangeJson() {
    }

    static String write(Exchange exchange, String skipProperty) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("exchangeId", exchange.getExchangeId());
        doc.put("body", exchange.getMessage().getBody());
        doc.put("headers", scalars(exchange.getMessage().getHeaders(), null));
        doc.put("properties", scalars(exchange.getAllProperties(), skipProperty));
        try {
            return JSON.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("aggregated body is not JSON-serialisable: " + e.getOriginalMessage(),
                    e);
        }
    }

    @SuppressWarnings("unchecked")
    static Exchange read(CamelContext context, String json) {
        Map<String, Object> doc;
        try {
            doc = JSON.readValue(json, new TypeReference<Map<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored aggregation is not readable JSON", e);
        }
        Exchange exchange = new DefaultExchange(context);
        exchange.setExchangeId((String) doc.get("exchangeId"));
        exchange.getMessage().setBody(doc.get("body"));
        ((Map<String, Object>) doc.getOrDefault("headers", Map.of())).forEach(exchange.getMessage()::setHeader);
        ((Map<String, Object>) doc.getOrDefault("properties", Map.of())).forEach(exchange::setProperty);
        return exchange;
    }

    private static Map<String, Object> scalars(Map<String, Object> values, String skip) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (!k.equals(skip) && (v instanceof String || v instanceof Number || v instanceof Boolean)) {
                out.put(k, v);
            }
        });
        return out;
    }
}
