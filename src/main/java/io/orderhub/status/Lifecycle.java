package io.orderhub.status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The declared transition tables of {@code mappings/status/lifecycle.yaml}: the order lifecycle and the after-sales
 * track. A move is legal when the target can be reached along the arrows (several steps at once: a carrier's first
 * scan says SHIPPED of an order it never saw paid); staying is always legal; everything else is refused.
 */
public final class Lifecycle {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Map<String, Set<String>> orderReach;
    private final Map<String, Set<String>> afterSalesReach;
    private final Map<String, Integer> rank;

    private Lifecycle(Map<String, List<String>> order, Map<String, List<String>> afterSales) {
        this.orderReach = closure(order);
        this.afterSalesReach = closure(afterSales);
        // the rank of an order status = how far along the lifecycle it is (longest path from the start)
        this.rank = new HashMap<>();
        for (String s : order.keySet()) {
            int r = 0;
            for (String other : order.keySet()) {
                if (!other.equals(s) && orderReach.get(other).contains(s)) {
                    r++;
                }
            }
            rank.put(s, r);
        }
    }

    public static Lifecycle load(Path file) throws IOException {
        return parse(file.toString(), Files.readAllBytes(file));
    }

    static Lifecycle parse(String name, byte[] yaml) throws IOException {
        JsonNode root = YAML.readTree(yaml);
        if (root == null || !"order".equals(root.path("lifecycle").asText())) {
            throw new IllegalArgumentException(name + ": not a lifecycle table (lifecycle: order)");
        }
        return new Lifecycle(table(name, root.path("order")), table(name, root.path("afterSales")));
    }

    private static Map<String, List<String>> table(String name, JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(name + ": transition section missing");
        }
        Map<String, List<String>> out = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            List<String> to = new java.util.ArrayList<>();
            e.getValue().forEach(n -> to.add(n.asText()));
            out.put(e.getKey(), to);
        }
        for (List<String> targets : out.values()) {
            for (String t : targets) {
                if (!out.containsKey(t)) {
                    throw new IllegalArgumentException(name + ": '" + t + "' is a target but has no row");
                }
            }
        }
        return out;
    }

    private static Map<String, Set<String>> closure(Map<String, List<String>> table) {
        Map<String, Set<String>> reach = new HashMap<>();
        for (String start : table.keySet()) {
            Set<String> seen = new HashSet<>();
            Deque<String> todo = new ArrayDeque<>(table.get(start));
            while (!todo.isEmpty()) {
                String s = todo.pop();
                if (seen.add(s)) {
                    todo.addAll(table.getOrDefault(s, List.of()));
                }
            }
            reach.put(start, Set.copyOf(seen));
        }
        return Map.copyOf(reach);
    }

    /** May an order's status move from {@code from} (null: nothing known yet) to {@code to}? */
    public boolean orderMove(String from, String to) {
        return legal(orderReach, from, to);
    }

    /** May the after-sales state move from {@code from} to {@code to}? */
    public boolean afterSalesMove(String from, String to) {
        return legal(afterSalesReach, from == null ? "NONE" : from, to);
    }

    private static boolean legal(Map<String, Set<String>> reach, String from, String to) {
        if (!reach.containsKey(to)) {
            return false;
        }
        return from == null || from.equals(to) || reach.getOrDefault(from, Set.of()).contains(to);
    }

    public boolean knownStatus(String status) {
        return orderReach.containsKey(status);
    }

    public boolean knownAfterSales(String state) {
        return afterSalesReach.containsKey(state);
    }

    /** How far along the lifecycle a status is (0 = the start); -1 for null or unknown. */
    public int rank(String status) {
        return status == null ? -1 : rank.getOrDefault(status, -1);
    }
}
