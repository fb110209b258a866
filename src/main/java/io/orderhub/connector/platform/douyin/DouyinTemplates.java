package io.orderhub.connector.platform.douyin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.connector.sandbox.SandboxOrder;

/**
 * Renders order.orderDetail responses from the doc example in {@code sandbox/douyin/} (see its SOURCES.md): every
 * occurrence of the template's order id (shop order, sku order, phase, parent ids) becomes the order's id, every
 * unix time shifts with the creation time and {@code update_time} becomes the modification time, {@code shop_id}
 * becomes the order's shop key (a SandboxOrder names no platform shop id), and order/main status with their labels
 * become the order's status. Each value keeps the JSON type the template gives it (the doc example uses strings).
 */
final class DouyinTemplates {

    static final String DETAIL = "douyin_doudian__order_orderDetail_response.json";
    static final String SEARCH = "douyin_doudian__order_searchList_response.json";
    /** Status labels as the order.orderDetail field docs word them (/work/shared/fixtures/STATUS_ENUMS.md). */
    private static final Map<String, String> LABELS = Map.of("1", "待支付", "103", "部分支付", "105", "已支付", "2", "备货中",
            "101", "部分发货", "3", "已发货", "4", "已取消", "5", "已完成");

    private final JsonNode detail = load(DETAIL);
    private final JsonNode search = load(SEARCH);

    ObjectNode searchEnvelope() {
        return search.deepCopy();
    }

    ObjectNode render(SandboxOrder order) {
        ObjectNode root = detail.deepCopy();
        JsonNode shopOrder = root.path("data").path("shop_order_detail");
        String templateId = shopOrder.path("order_id").asText();
        long shift = order.createdAt().getEpochSecond() - shopOrder.path("create_time").asLong();
        walk(root, (obj, field) -> {
            JsonNode v = obj.get(field);
            if (v.isValueNode() && templateId.equals(v.asText())) {
                put(obj, field, order.platformOrderId());
            } else if ("update_time".equals(field)) {
                put(obj, field, String.valueOf(order.modifiedAt().getEpochSecond()));
            } else if (field.endsWith("_time") && v.isValueNode() && v.asText().matches("\\d{10}")) {
                put(obj, field, String.valueOf(v.asLong() + shift));
            } else if ("shop_id".equals(field)) {
                put(obj, field, order.shopKey());
            } else if ("main_status".equals(field) || "order_status".equals(field)) {
                put(obj, field, order.status());
                put(obj, field + "_desc", LABELS.getOrDefault(order.status(), obj.path(field + "_desc").asText()));
            }
        });
        return root;
    }

    /** Writes text where the template holds text, a number where it holds a number. */
    private static void put(ObjectNode obj, String field, String value) {
        JsonNode old = obj.get(field);
        if (old != null && old.isNumber() && value.matches("-?\\d+")) {
            obj.put(field, new BigInteger(value));
        } else {
            obj.put(field, value);
        }
    }

    private static void walk(JsonNode node, BiConsumer<ObjectNode, String> visit) {
        if (node instanceof ObjectNode obj) {
            List<String> fields = new ArrayList<>();
            obj.fieldNames().forEachRemaining(fields::add);
            for (String field : fields) {
                visit.accept(obj, field);
                walk(obj.get(field), visit);
            }
        } else if (node.isArray()) {
            node.forEach(child -> walk(child, visit));
        }
    }

    private static JsonNode load(String file) {
        try (InputStream in = DouyinTemplates.class.getResourceAsStream("/sandbox/douyin/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing sandbox template " + file);
            }
            return DouyinWire.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
