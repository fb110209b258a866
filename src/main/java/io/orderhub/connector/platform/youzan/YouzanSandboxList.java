package io.orderhub.connector.platform.youzan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.connector.sandbox.SandboxBook;
import io.orderhub.connector.sandbox.SandboxOrder;
import io.orderhub.connector.sandbox.SandboxResponse;
import io.orderhub.connector.sandbox.SandboxShop;

/**
 * youzan.trades.sold.get in the sandbox: by update time when start_update/end_update are both given, else by creation
 * time; pages numbered from 1, newest first; the documented limits answered with business code 5000.
 */
final class YouzanSandboxList {

    static final int DEFAULT_PAGE_SIZE = 20;

    private final SandboxBook book;
    private final SandboxShop shop;

    YouzanSandboxList(SandboxBook book, SandboxShop shop) {
        this.book = book;
        this.shop = shop;
    }

    SandboxResponse answer(JsonNode params) {
        boolean byUpdate = params.hasNonNull("start_update") && params.hasNonNull("end_update");
        String prefix = byUpdate ? "update" : "created";
        Instant from = YouzanJson.parse(params.path("start_" + prefix).asText(null));
        Instant to = YouzanJson.parse(params.path("end_" + prefix).asText(null));
        int pageNo = params.path("page_no").asInt(1);
        int pageSize = params.path("page_size").asInt(DEFAULT_PAGE_SIZE);
        if (from == null || to == null) {
            // the API lists without a time condition; the sandbox only plays windowed calls
            return YouzanSandbox.business(5001, "系统异常");
        }
        if (pageSize > YouzanApi.MAX_PAGE_SIZE) {
            return YouzanSandbox.business(5000, "每页最多显示100条数据");
        }
        if (from.isAfter(to)) {
            return YouzanSandbox.business(5000, "开始时间不能大于结束时间");
        }
        if (Duration.between(from, to).compareTo(YouzanApi.MAX_WINDOW) > 0) {
            return YouzanSandbox.business(5000, "查询时间跨度不能大于3个月");
        }
        if (pageNo < 1 || pageSize < 1 || pageNo > YouzanApi.MAX_PAGE_NO
                || (long) pageNo * pageSize > YouzanApi.MAX_ROWS) {
            return YouzanSandbox.business(5000, "分页数不能超过100页，page_size和page_no相乘总条数不能大于3200条");
        }
        List<SandboxOrder> orders = new ArrayList<>(byUpdate
                ? book.modifiedBetween(shop.shopKey(), from, to)
                : book.createdBetween(shop.shopKey(), from, to));
        Collections.reverse(orders);
        return page(orders, pageNo, pageSize);
    }

    private SandboxResponse page(List<SandboxOrder> orders, int pageNo, int pageSize) {
        ArrayNode list = YouzanJson.MAPPER.createArrayNode();
        int start = (pageNo - 1) * pageSize;
        for (SandboxOrder order : orders.subList(Math.min(start, orders.size()),
                Math.min(start + pageSize, orders.size()))) {
            JsonNode detail = YouzanJson.read(book.detail(order));
            list.addObject().set("full_order_info", detail.path("data").path("full_order_info"));
        }
        ObjectNode data = YouzanJson.object().put("total_results", orders.size());
        data.set("full_order_info_list", list);
        ObjectNode body = YouzanJson.object().put("trace_id", "sandbox").put("code", 200);
        body.set("data", data);
        body.put("success", true).put("message", "successful");
        return YouzanSandbox.json(body);
    }
}
