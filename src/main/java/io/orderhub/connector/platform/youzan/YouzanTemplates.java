package io.orderhub.connector.platform.youzan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.connector.sandbox.SandboxOrder;

/**
 * The youzan.trade.get bodies the sandbox renders, from the verbatim templates in {@code sandbox/youzan/} (see its
 * SOURCES.md): variant 0 is the captured TradeCreate push's decoded {@code msg} inside the captured 2019 response's
 * envelope, variant 1 the captured 2019 response itself.
 */
final class YouzanTemplates {

    static final String PUSH = "sandbox/youzan/youzan__push_trade_TradeCreate.json";
    static final String RESPONSE = "sandbox/youzan/trade_get_response_captured_2019_closed_refunded.json";

    private final List<ObjectNode> templates;

    YouzanTemplates() {
        ObjectNode captured = load(RESPONSE);
        ObjectNode built = captured.deepCopy();
        String msg = load(PUSH).path("msg").asText();
        built.set("data", YouzanJson.read(URLDecoder.decode(msg, StandardCharsets.UTF_8)
                .getBytes(StandardCharsets.UTF_8)));
        this.templates = List.of(built, captured);
    }

    int count() {
        return templates.size();
    }

    /** The template with the order's tid, times and status written in (Youzan bodies carry no shop id). */
    byte[] render(SandboxOrder order) {
        ObjectNode body = templates.get(Math.floorMod(order.variant(), templates.size())).deepCopy();
        ObjectNode info = (ObjectNode) body.path("data").path("full_order_info").path("order_info");
        String created = YouzanJson.format(order.createdAt());
        info.put("tid", order.platformOrderId());
        info.put("created", created);
        info.put("update_time", YouzanJson.format(order.modifiedAt()));
        info.put("status", order.status());
        if ("WAIT_BUYER_PAY".equals(order.status())) {
            info.put("pay_time", "");
        } else if (info.path("pay_time").asText("").isEmpty()) {
            info.put("pay_time", created);
        }
        return YouzanJson.bytes(body);
    }

    private static ObjectNode load(String resource) {
        try (InputStream in = YouzanTemplates.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing sandbox template " + resource);
            }
            JsonNode node = YouzanJson.MAPPER.readTree(in);
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
