package io.orderhub.connector.platform.douyin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** 抖店 wire details shared by the client and the sandbox: JSON, unix-second times that come as numbers or strings. */
final class DouyinWire {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String CONTENT_TYPE = "application/json;charset=UTF-8";

    private DouyinWire() {
    }

    /** "/order/orderDetail" for "order.orderDetail" (the SDKs' urlPath / method correspondence). */
    static String path(String method) {
        return "/" + method.replace('.', '/');
    }

    /** A unix-seconds time, sent as a number or (doc examples) a string; null when absent or not a time. */
    static Instant seconds(JsonNode node) {
        if (node == null || !node.asText().matches("\\d{1,12}")) {
            return null;
        }
        return Instant.ofEpochSecond(Long.parseLong(node.asText()));
    }

    static JsonNode read(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("抖店 answered a body that is not JSON", e);
        }
    }

    static byte[] write(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
