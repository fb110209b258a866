package io.orderhub.connector.sandbox;

import java.util.Map;

/** A push the sandbox platform sends to the hub's intake: query parameters, headers and body, signed. */
public record SandboxPush(Map<String, String> query, Map<String, String> headers, String contentType, byte[] body) {
}
