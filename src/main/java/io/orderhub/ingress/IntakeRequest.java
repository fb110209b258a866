package io.orderhub.ingress;

import java.util.Map;

/**
 * One intake HTTP request as the receive layer sees it: the channel path segment, the body bytes as received and
 * the request's headers and query parameters (one case-insensitive map, as Camel keeps them).
 */
public record IntakeRequest(String channelPath, String contentType, byte[] body, Map<String, Object> headers) {

    public String header(String name) {
        Object value = headers.get(name);
        if (value instanceof Iterable<?> values) {
            var it = values.iterator();
            return it.hasNext() ? String.valueOf(it.next()) : null;
        }
        return value == null ? null : value.toString();
    }
}
