package io.orderhub.connector.platform.douyin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.connector.sandbox.SandboxBook;
import io.orderhub.connector.sandbox.SandboxOrder;
import io.orderhub.connector.sandbox.SandboxResponse;

/**
 * order.searchList as the sandbox answers it, with the per-API errors of the doc: page from 0 (10035), size ≤ 100
 * (20008), at most 50,000 results reachable (20013), a start time required (20011); {@code order_by}
 * create_time (default) or update_time, {@code order_asc} default false (newest first); items are the rendered
 * shop orders inside the searchList doc example's envelope.
 */
final class DouyinSandboxLists {

    static final long TOKEN_SECONDS = 604_800; // access_token 默认有效期 7 天 (SDK field comment)
    private static final int RESULT_CAP = 50_000;

    SandboxResponse answer(String shopKey, JsonNode p, SandboxBook book, ObjectNode envelope) {
        long page = p.path("page").asLong(-1);
        long size = p.path("size").asLong(0);
        if (page < 0) {
            return invalid("10035", "查询订单列表页数不能小于0");
        }
        if (size < 1 || size > DouyinApi.MAX_PAGE_SIZE) {
            return invalid("20008", "单次查询订单数超过限制");
        }
        if ((page + 1) * size > RESULT_CAP) {
            return invalid("20013", "订单查询最多支持查询5万");
        }
        boolean byUpdate = p.has("update_time_start");
        String field = byUpdate ? "update_time" : "create_time";
        if (!p.has(field + "_start")) {
            return invalid("20011", "订单查询开始时间不能为空");
        }
        Instant from = Instant.ofEpochSecond(p.get(field + "_start").asLong());
        Instant to = p.has(field + "_end") ? Instant.ofEpochSecond(p.get(field + "_end").asLong()) : Instant.MAX;
        List<SandboxOrder> all = new ArrayList<>(byUpdate
                ? book.modifiedBetween(shopKey, from, to)
                : book.createdBetween(shopKey, from, to));
        boolean sortByUpdate = "update_time".equals(p.path("order_by").asText("create_time"));
        Comparator<SandboxOrder> order = Comparator.comparing(sortByUpdate
                ? SandboxOrder::modifiedAt
                : SandboxOrder::createdAt);
        all.sort(p.path("order_asc").asBoolean(false) ? order : order.reversed());
        int start = (int) Math.min(page * size, all.size());
        int end = (int) Math.min(start + size, all.size());
        ObjectNode data = (ObjectNode) envelope.get("data");
        data.put("page", page);
        data.put("total", all.size());
        data.put("size", size);
        ArrayNode items = data.putArray("shop_order_list");
        for (SandboxOrder o : all.subList(start, end)) {
            items.add(DouyinWire.read(book.detail(o)).path("data").path("shop_order_detail"));
        }
        return ok(DouyinWire.write(envelope));
    }

    private static SandboxResponse invalid(String code, String msg) {
        return DouyinSandbox.error(40004, "非法的参数", "isv.parameter-invalid:" + code, msg);
    }

    static SandboxResponse ok(byte[] body) {
        return new SandboxResponse(200, DouyinWire.CONTENT_TYPE, body);
    }
}
