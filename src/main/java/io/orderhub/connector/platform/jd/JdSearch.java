package io.orderhub.connector.platform.jd;

import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import io.orderhub.connector.sandbox.SandboxBook;
import io.orderhub.connector.sandbox.SandboxOrder;
import io.orderhub.connector.sandbox.SandboxResponse;

/**
 * How {@code jingdong.pop.order.search} pages (JOS doc of the API, apiId=1566, quoted in public SDKs): {@code page}
 * from 1, {@code page_size} at most 100, {@code dateType} 0 (or anything but 1) = modification time, 1 = creation
 * time, {@code sortType} 1 = descending, anything else ascending (the default), start and end at most one month
 * apart, only the listed {@code order_state}s, and {@code orderTotal} for the whole window.
 */
final class JdSearch {

    private JdSearch() {
    }

    static SandboxResponse answer(JdBodies bodies, JsonNode p, SandboxBook book, String shopKey) {
        Instant from = JdWire.instant(p.path("start_date").asText(null));
        Instant to = JdWire.instant(p.path("end_date").asText(null));
        if (from == null || to == null || to.isBefore(from)) {
            return bodies.searchRefused("start_date和end_date必填", "start_date and end_date are required");
        }
        if (to.isAfter(from.atZone(JdWire.SHANGHAI).plusMonths(1).toInstant())) {
            return bodies.searchRefused("开始时间和结束时间，不得相差超过1个月", "start_date and end_date over one month apart");
        }
        int page = number(p.path("page").asText(""));
        int size = number(p.path("page_size").asText(""));
        if (page < 1 || size < 1 || size > JdApi.MAX_PAGE_SIZE) {
            return bodies.searchRefused("page从1开始，page_size最大100", "page from 1, page_size at most 100");
        }
        Set<String> states = Arrays.stream(p.path("order_state").asText("").split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        boolean byCreation = p.path("dateType").asInt(0) == 1;
        Function<SandboxOrder, Instant> time = byCreation ? SandboxOrder::createdAt : SandboxOrder::modifiedAt;
        Comparator<SandboxOrder> order = Comparator.comparing(time);
        List<SandboxOrder> all = (byCreation
                ? book.createdBetween(shopKey, from, to)
                : book.modifiedBetween(shopKey, from, to)).stream()
                .filter(o -> states.contains(o.status()))
                .sorted(p.path("sortType").asInt(0) == 1 ? order.reversed() : order)
                .toList();
        int start = (int) Math.min((long) (page - 1) * size, all.size());
        return bodies.page(all.subList(start, Math.min(start + size, all.size())), all.size());
    }

    private static int number(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
