package io.orderhub.connector.sandbox;

import java.util.Map;

/**
 * A request to the sandbox platform.
 *
 * @param path the path below {@code /sandbox/<segment>}, starting with {@code /}
 * @param query decoded query parameters
 * @param headers lower-case header names
 * @param form decoded {@code application/x-www-form-urlencoded} body parameters (empty for other bodies)
 */
public record SandboxRequest(String method, String path, Map<String, String> query, Map<String, String> headers,
        String contentType, byte[] body, Map<String, String> form) {

    /** A parameter from the query or, failing that, the form body (TOP, JD and PDD accept both). */
    public String param(String name) {
        String v = query.get(name);
        return v != null ? v : form.get(name);
    }
}
