package io.orderhub.connector.platform;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.orderhub.connector.api.PlatformRequest;
import io.orderhub.connector.api.PlatformResponse;
import io.orderhub.connector.sandbox.SandboxRequest;
import io.orderhub.connector.sandbox.SandboxResponse;

/** What the connector core and the sandbox endpoint do between a client request and a sandbox answer. */
public final class Wire {

    private Wire() {
    }

    public static Map<String, String> form(byte[] body) {
        Map<String, String> params = new LinkedHashMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            return params;
        }
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    public static SandboxRequest toSandbox(PlatformRequest r) {
        return new SandboxRequest(r.method(), r.path(), r.query(), r.headers(), r.contentType(), r.body(),
                r.body() == null ? Map.of() : form(r.body()));
    }

    public static PlatformResponse toClient(SandboxResponse r) {
        return new PlatformResponse(r.status(), Map.of("content-type", r.contentType()), r.body());
    }
}
