package io.orderhub.connector.sandbox;

import java.nio.charset.StandardCharsets;

public record SandboxResponse(int status, String contentType, byte[] body) {

    public static SandboxResponse json(int status, String json) {
        return new SandboxResponse(status, "application/json;charset=UTF-8", json.getBytes(StandardCharsets.UTF_8));
    }
}
