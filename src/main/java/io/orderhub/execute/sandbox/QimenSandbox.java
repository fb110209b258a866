package io.orderhub.execute.sandbox;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The sandbox WMS behind a 奇门 (QiMen) router: {@code taobao.qimen.deliveryorder.create} and
 * {@code taobao.qimen.deliveryorder.batchcreate}, XML or JSON ({@code format} parameter, else the body's own kind),
 * answering {@code <response><flag>success</flag><code>0</code>...<deliveryOrderId>}. One delivery order per
 * {@code deliveryOrderCode} (QiMen's own handle): a repeat answers the same deliveryOrderId. A batch answers every item
 * in {@code orders} with its own flag; the items refused ({@code failItems}) are its failed list.
 */
@ApplicationScoped
public class QimenSandbox {

    static final String CREATE = "taobao.qimen.deliveryorder.create";
    static final String BATCH_CREATE = "taobao.qimen.deliveryorder.batchcreate";
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final DownstreamSandbox sandbox;

    public QimenSandbox(DownstreamSandbox sandbox) {
        this.sandbox = sandbox;
    }

    public DownstreamReply router(DownstreamRequest request) {
        String format = request.param("format");
        boolean xml = format == null ? request.xml() : "xml".equalsIgnoreCase(format);
        var refused = sandbox.refuse(DownstreamSystem.WMS, (status, message) -> reply(xml, status,
                failure(String.valueOf(status), message)));
        if (refused.isPresent()) {
            return refused.get();
        }
        String method = request.param("method");
        JsonNode root;
        try {
            root = request.xml() ? QimenXml.read(request.body()) : request.json();
        } catch (IllegalArgumentException e) {
            return reply(xml, 200, failure("isv.invalid-parameter", e.getMessage()));
        }
        JsonNode body = root.has("request") ? root.get("request") : root;
        if (CREATE.equals(method)) {
            return reply(xml, 200, create(body.path("deliveryOrder"), request.body()));
        }
        if (BATCH_CREATE.equals(method)) {
            return reply(xml, 200, batch(QimenXml.items(body.path("orders"), "order"), request.body()));
        }
        return reply(xml, 200, failure("isv.invalid-method", "method '" + method + "' is not served by the sandbox"));
    }

    private Map<String, Object> create(JsonNode order, byte[] body) {
        String code = order.path("deliveryOrderCode").asText("");
        if (code.isEmpty()) {
            return failure("isv.missing-parameter", "deliveryOrder.deliveryOrderCode is required");
        }
        DownstreamBook book = sandbox.book(DownstreamSystem.WMS);
        return book.once(code, () -> {
            DownstreamRecord entry = book.record(code, code, () -> sandbox.nextId("WMS", 12), body).entry();
            entry.attribute("warehouseCode", order.path("warehouseCode").asText(""));
            entry.attribute("logisticsCode", order.path("logisticsCode").asText(""));
            entry.attribute("expressCode", order.path("expressCode").asText(""));
            entry.attribute("orderType", order.path("orderType").asText(""));
            Map<String, Object> answer = success();
            answer.put("createTime", ZonedDateTime.now(CHINA).format(TIME));
            answer.put("deliveryOrderId", entry.id());
            answer.put("warehouseCode", order.path("warehouseCode").asText(""));
            answer.put("logisticsCode", order.path("logisticsCode").asText(""));
            return answer;
        });
    }

    private Map<String, Object> batch(List<JsonNode> orders, byte[] body) {
        if (orders.isEmpty()) {
            return failure("isv.missing-parameter", "orders is required");
        }
        List<Map<String, Object>> results = new ArrayList<>();
        int failed = 0;
        for (JsonNode item : orders) {
            String code = item.path("deliveryOrder").path("deliveryOrderCode").asText("");
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("deliveryOrderCode", code);
            Map<String, Object> created = sandbox.failsItem(DownstreamSystem.WMS, code)
                    ? failure("ITEM_REFUSED", "sandbox: delivery order " + code + " refused (failItems)")
                    : create(item.path("deliveryOrder"), body);
            result.putAll(created);
            if (!"success".equals(created.get("flag"))) {
                failed++;
            }
            results.add(result);
        }
        Map<String, Object> answer = failed == 0
                ? success()
                : failure("PARTIAL_FAILURE", failed + " of " + orders.size() + " delivery orders failed");
        answer.put("orders", results);
        return answer;
    }

    static Map<String, Object> success() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("flag", "success");
        m.put("code", "0");
        m.put("message", "");
        return m;
    }

    static Map<String, Object> failure(String code, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("flag", "failure");
        m.put("code", code);
        m.put("message", message);
        return m;
    }

    private static DownstreamReply reply(boolean xml, int status, Map<String, Object> response) {
        return xml
                ? DownstreamReply.xml(status, QimenXml.write("response", response))
                : DownstreamReply.json(status, Map.of("response", response));
    }
}
