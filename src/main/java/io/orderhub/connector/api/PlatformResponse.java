package io.orderhub.connector.api;

import java.util.Map;

/** What the platform answered: HTTP status, headers (lower-case names) and the body bytes as received. */
public record PlatformResponse(int status, Map<String, String> headers, byte[] body) {
}
