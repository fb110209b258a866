package io.orderhub.mapping;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** One source's status codes ({@code mappings/status/<ch>.yaml}) translated to canonical status values. */
public final class StatusTable {

    static final Set<String> ORDER_STATUSES = Set.of("PENDING_PAYMENT", "PAID", "ALLOCATED", "SHIPPED", "COMPLETED",
            "CANCELLED");
    static final Set<String> AFTER_SALES = Set.of("NONE", "REFUND_REQUESTED", "REFUNDING", "REFUNDED",
            "RETURN_REQUESTED", "RETURNED", "REFUND_REJECTED");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final String channel;
    private final Map<String, String> orderStatus;
    private final Map<String, String> afterSales;
    private final Set<String> afterSalesNone;

    StatusTable(String channel, Map<String, String> orderStatus, Map<String, String> afterSales,
            Set<String> afterSalesNone) {
        this.channel = channel;
        this.orderStatus = Map.copyOf(orderStatus);
        this.afterSales = Map.copyOf(afterSales);
        this.afterSalesNone = Set.copyOf(afterSalesNone);
    }

    /** Reads and checks a status YAML: every target must be a canonical value, the channel must match. */
    public static StatusTable load(String channel, Path file) throws IOException {
        JsonNode root = YAML.readTree(file.toFile());
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + ": not a YAML mapping");
        }
        if (!channel.equals(root.path("channel").asText())) {
            throw new IllegalArgumentException(file + ": channel must be '" + channel + "'");
        }
        Map<String, String> order = codes(file, root.path("orderStatus"), ORDER_STATUSES);
        Map<String, String> after = codes(file, root.path("afterSales"), AFTER_SALES);
        Set<String> none = new HashSet<>();
        root.path("afterSalesNone").forEach(n -> none.add(n.isNull() ? "" : n.asText()));
        return new StatusTable(channel, order, after, none);
    }

    private static Map<String, String> codes(Path file, JsonNode node, Set<String> allowed) {
        Map<String, String> out = new HashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(file + ": status section must be a mapping");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String target = e.getValue().asText();
            if (!allowed.contains(target)) {
                throw new IllegalArgumentException(
                        file + ": code '" + e.getKey() + "' maps to '" + target + "', not one of " + allowed);
            }
            out.put(e.getKey(), target);
        }
        return out;
    }

    /** The canonical order status for a platform code; unknown codes fail the mapping, never guessed. */
    public String status(String code) {
        String status = code == null ? null : orderStatus.get(code);
        if (status == null) {
            throw new MappingException("unknown_status: " + channel + " order status '" + code + "' not in "
                    + fileName());
        }
        return status;
    }

    /** The canonical after-sales state; null/empty only means NONE when the YAML lists it in afterSalesNone. */
    public String afterSales(String code) {
        String key = code == null ? "" : code;
        if (afterSalesNone.contains(key)) {
            return "NONE";
        }
        String state = afterSales.get(key);
        if (state == null) {
            throw new MappingException("unknown_status: " + channel + " after-sales status '" + code + "' not in "
                    + fileName());
        }
        return state;
    }

    public String channel() {
        return channel;
    }

    /** Number of documented codes, for lint and status views. */
    public int size() {
        return orderStatus.size() + afterSales.size() + afterSalesNone.size();
    }

    private String fileName() {
        return "mappings/status/" + channel + ".yaml";
    }
}
