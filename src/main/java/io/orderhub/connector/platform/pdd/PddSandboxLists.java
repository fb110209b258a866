package io.orderhub.connector.platform.pdd;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.connector.sandbox.SandboxBook;
import io.orderhub.connector.sandbox.SandboxOrder;
import io.orderhub.connector.sandbox.SandboxResponse;

/**
 * The two PDD list calls as the sandbox answers them: pages numbered from 1, at most 100 per page, orders oldest
 * first (by update time for the increment list, by confirm time — the sandbox's creation time — for
 * pdd.order.list.get), items being full OrderInfo objects as in the official examples, window limits enforced.
 */
final class PddSandboxLists {

    static final long TOKEN_SECONDS = 86_400;

    SandboxResponse answer(String type, String shopKey, Map<String, String> p, SandboxBook book) {
        boolean increment = PddApi.INCREMENT.equals(type);
        Instant from;
        Instant to;
        int page;
        int size;
        try {
            from = Instant.ofEpochSecond(Long.parseLong(p.get(increment ? "start_updated_at" : "start_confirm_at")));
            to = Instant.ofEpochSecond(Long.parseLong(p.get(increment ? "end_updated_at" : "end_confirm_at")));
            page = Integer.parseInt(p.get("page"));
            size = Integer.parseInt(p.get("page_size"));
        } catch (RuntimeException e) {
            return PddSandbox.error(PddErrors.PARAM_INVALID, "参数错误", "时间或分页参数缺失或格式错误");
        }
        Duration max = increment ? PddApi.INCREMENT_WINDOW : PddApi.LIST_WINDOW;
        if (to.isBefore(from) || Duration.between(from, to).compareTo(max) > 0) {
            return PddSandbox.error(PddErrors.PARAM_INVALID, "参数错误", "开始时间结束时间间距不超过" + max.toMinutes() + "分钟");
        }
        if (page < 1 || size < 1 || size > PddApi.MAX_PAGE_SIZE) {
            return PddSandbox.error(PddErrors.PARAM_INVALID, "参数错误", "page从1开始, page_size不超过100");
        }
        List<SandboxOrder> all = increment
                ? book.modifiedBetween(shopKey, from, to)
                : book.createdBetween(shopKey, from, to);
        int start = (int) Math.min((long) (page - 1) * size, all.size());
        int end = Math.min(start + size, all.size());
        ObjectNode root = PddWire.JSON.createObjectNode();
        ObjectNode body = root.putObject(increment ? "order_sn_increment_get_response" : "order_list_get_response");
        body.put("total_count", all.size());
        body.put("has_next", end < all.size());
        ArrayNode items = body.putArray(increment ? "order_sn_list" : "order_list");
        for (SandboxOrder o : all.subList(start, end)) {
            items.add(PddWire.read(book.detail(o)).path("order_info_get_response").path("order_info"));
        }
        return ok(root);
    }

    static SandboxResponse ok(ObjectNode root) {
        return new SandboxResponse(200, "application/json;charset=UTF-8", PddWire.write(root));
    }
}
