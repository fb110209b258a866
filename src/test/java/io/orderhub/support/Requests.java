package io.orderhub.support;

import java.util.Map;
import java.util.TreeMap;

import io.orderhub.ingress.IntakeRequest;

/** Intake requests as the intake route builds them: headers and query parameters in one case-insensitive map. */
public final class Requests {

    private Requests() {
    }

    /** A request on the channel path with the given content type, body and header/query name-value pairs. */
    public static IntakeRequest request(String channelPath, String contentType, byte[] body, String... headerPairs) {
        if (headerPairs.length % 2 != 0) {
            throw new IllegalArgumentException("header names and values come in pairs");
        }
        Map<String, Object> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < headerPairs.length; i += 2) {
            if (headerPairs[i + 1] != null) {
                headers.put(headerPairs[i], headerPairs[i + 1]);
            }
        }
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return new IntakeRequest(channelPath, contentType, body, headers);
    }

    public static IntakeRequest json(String channelPath, byte[] body, String... headerPairs) {
        return request(channelPath, "application/json", body, headerPairs);
    }
}
