package io.orderhub.connector.platform.taobao;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.connector.sandbox.SandboxOrder;
import io.orderhub.connector.sandbox.SandboxResponse;

/** The TOP response bodies the sandbox answers with: rendered trade details, trade pages, errors. */
final class TopBodies {

    static final List<String> TEMPLATES = List.of("taobao__trade_fullinfo_get_response_jdp_rds_captured.json");
    /** Trade statuses before payment (TOP Trade.status), which carry no pay_time. */
    private static final Set<String> UNPAID = Set.of("TRADE_NO_CREATE_PAY", "WAIT_BUYER_PAY", "PAY_PENDING",
            "WAIT_PRE_AUTH_CONFIRM", "TRADE_CLOSED_BY_TAOBAO");

    private final ObjectMapper json;
    private final List<JsonNode> templates;

    TopBodies(ObjectMapper json) {
        this.json = json;
        this.templates = TEMPLATES.stream().map(this::load).toList();
    }

    /** The template trade with the order's id, seller, times and status written in (sub-order id = trade id). */
    byte[] detail(SandboxOrder order) {
        ObjectNode root = templates.get(Math.floorMod(order.variant(), templates.size())).deepCopy();
        ObjectNode trade = (ObjectNode) root.path("trade_fullinfo_get_response").path("trade");
        putId(trade, "tid", order.platformOrderId());
        trade.put("seller_nick", order.shopKey());
        trade.put("created", TopWire.time(order.createdAt()));
        trade.put("modified", TopWire.time(order.modifiedAt()));
        trade.put("status", order.status());
        if (UNPAID.contains(order.status())) {
            trade.remove("pay_time");
        } else {
            trade.put("pay_time", TopWire.time(order.createdAt()));
        }
        for (JsonNode line : trade.path("orders").path("order")) {
            putId((ObjectNode) line, "oid", order.platformOrderId());
            ((ObjectNode) line).put("status", order.status());
        }
        return bytes(root);
    }

    SandboxResponse page(String envelope, List<SandboxOrder> orders, int total, boolean hasNext) {
        ObjectNode root = json.createObjectNode();
        ObjectNode page = root.putObject(envelope);
        page.put("total_results", total);
        page.put("has_next", hasNext);
        if (!orders.isEmpty()) { // TOP leaves "trades" out of an empty page
            ArrayNode trades = page.putObject("trades").putArray("trade");
            for (SandboxOrder o : orders) {
                ObjectNode t = trades.addObject();
                putId(t, "tid", o.platformOrderId());
                t.put("status", o.status());
                t.put("created", TopWire.time(o.createdAt()));
                t.put("modified", TopWire.time(o.modifiedAt()));
            }
        }
        return SandboxResponse.json(200, new String(bytes(root), java.nio.charset.StandardCharsets.UTF_8));
    }

    SandboxResponse token(String accessToken, String refreshToken, long expireTimeMillis, long expiresIn) {
        ObjectNode token = json.createObjectNode();
        token.put("access_token", accessToken);
        token.put("refresh_token", refreshToken);
        token.put("expires_in", expiresIn);
        token.put("expire_time", expireTimeMillis);
        token.put("token_type", "Bearer");
        ObjectNode root = json.createObjectNode();
        root.putObject("top_auth_token_refresh_response").put("token_result", token.toString());
        return SandboxResponse.json(200, root.toString());
    }

    /** TOP's error body; TOP answers errors with HTTP 200. */
    SandboxResponse error(int code, String msg, String subCode, String subMsg) {
        ObjectNode root = json.createObjectNode();
        ObjectNode e = root.putObject("error_response");
        e.put("code", code);
        e.put("msg", msg);
        if (subCode != null) {
            e.put("sub_code", subCode);
            e.put("sub_msg", subMsg);
        }
        e.put("request_id", "sandbox");
        return SandboxResponse.json(200, root.toString());
    }

    /** Writes a TOP id as the JSON number TOP sends, plus the {@code _str} twin newer responses carry. */
    private static void putId(ObjectNode node, String name, String id) {
        if (id.matches("[0-9]{1,19}")) {
            node.put(name, new BigInteger(id));
        } else {
            node.put(name, id);
        }
        node.put(name + "_str", id);
    }

    private byte[] bytes(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode load(String name) {
        try (InputStream in = TopBodies.class.getResourceAsStream("/sandbox/taobao/" + name)) {
            if (in == null) {
                throw new IllegalStateException("sandbox template missing: " + name);
            }
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
