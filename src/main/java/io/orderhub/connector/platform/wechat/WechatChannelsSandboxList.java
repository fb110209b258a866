package io.orderhub.connector.platform.wechat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.connector.sandbox.SandboxBook;
import io.orderhub.connector.sandbox.SandboxOrder;
import io.orderhub.connector.sandbox.SandboxResponse;
import io.orderhub.connector.sandbox.SandboxShop;

/**
 * channels/ec/order/list/get in the sandbox: update_time_range (else create_time_range) in unix seconds, at most 7
 * days, page_size 1..100, an opaque next_key cursor, oldest first; violations answer errcode 40097 (invalid args).
 */
final class WechatChannelsSandboxList {

    static final int INVALID_ARGS = 40097;

    private final SandboxBook book;
    private final SandboxShop shop;

    WechatChannelsSandboxList(SandboxBook book, SandboxShop shop) {
        this.book = book;
        this.shop = shop;
    }

    SandboxResponse answer(JsonNode params) {
        boolean byUpdate = params.path("update_time_range").isObject();
        JsonNode range = byUpdate ? params.path("update_time_range") : params.path("create_time_range");
        if (!range.path("start_time").canConvertToLong() || !range.path("end_time").canConvertToLong()) {
            return WechatChannelsSandbox.error(INVALID_ARGS, "invalid args, time range required");
        }
        Instant from = Instant.ofEpochSecond(range.path("start_time").asLong());
        Instant to = Instant.ofEpochSecond(range.path("end_time").asLong());
        int pageSize = params.path("page_size").asInt(WechatChannelsApi.MAX_PAGE_SIZE);
        Integer offset = offset(params.path("next_key").asText(""));
        if (from.isAfter(to) || Duration.between(from, to).compareTo(WechatChannelsApi.MAX_WINDOW) > 0) {
            return WechatChannelsSandbox.error(INVALID_ARGS, "invalid args, time range exceeds 7 days");
        }
        if (pageSize < 1 || pageSize > WechatChannelsApi.MAX_PAGE_SIZE || offset == null) {
            return WechatChannelsSandbox.error(INVALID_ARGS, "invalid args");
        }
        List<SandboxOrder> orders = byUpdate
                ? book.modifiedBetween(shop.shopKey(), from, to)
                : book.createdBetween(shop.shopKey(), from, to);
        int end = Math.min(offset + pageSize, orders.size());
        ArrayNode ids = WechatJson.MAPPER.createArrayNode();
        orders.subList(Math.min(offset, orders.size()), end).forEach(o -> ids.add(o.platformOrderId()));
        ObjectNode body = WechatJson.object().put("errcode", 0).put("errmsg", "ok");
        body.set("order_id_list", ids);
        body.put("next_key", key(end)).put("has_more", end < orders.size());
        return WechatChannelsSandbox.json(body);
    }

    static String key(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("o:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    /** The offset a next_key stands for (0 for the first page's empty key), null when it is not one of ours. */
    static Integer offset(String nextKey) {
        if (nextKey.isEmpty()) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(nextKey), StandardCharsets.UTF_8);
            return text.startsWith("o:") ? Integer.valueOf(text.substring(2)) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
