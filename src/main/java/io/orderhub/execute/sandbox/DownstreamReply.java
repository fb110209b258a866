package io.orderhub.execute.sandbox;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.orderhub.web.HttpReplies;

/** A sandbox system's answer: HTTP status, content type and body. */
public record DownstreamReply(int status, String contentType, byte[] body) {

    public static DownstreamReply json(int status, Object body) {
        try {
            return new DownstreamReply(status, "application/json;charset=UTF-8",
                    HttpReplies.mapper().writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("sandbox answer is not serialisable", e);
        }
    }

    public static DownstreamReply xml(int status, String xml) {
        return new DownstreamReply(status, "text/xml;charset=UTF-8", xml.getBytes(StandardCharsets.UTF_8));
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
