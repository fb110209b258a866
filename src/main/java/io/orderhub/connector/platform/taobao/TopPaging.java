package io.orderhub.connector.platform.taobao;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.orderhub.connector.sandbox.SandboxOrder;
import io.orderhub.connector.sandbox.SandboxResponse;

/**
 * How TOP's trade lists page: {@code page_no} from 1 (default 1), {@code page_size} 1..100 (default 40), rows sorted
 * newest first by the window's time (increment.get: "以订单的修改时间倒序排列", open.taobao.com apiId=128), and the
 * window bounded (increment.get: end_modified - start_modified <= 1 day; trades.sold.get: three months).
 */
final class TopPaging {

    private TopPaging() {
    }

    static SandboxResponse answer(TopBodies bodies, Map<String, String> params, String timeName, Duration maxWindow,
            String envelope, TaobaoSandbox.Window window, Function<SandboxOrder, Instant> time) {
        Instant from = TopWire.instant(params.get("start_" + timeName));
        Instant to = TopWire.instant(params.get("end_" + timeName));
        if (from == null || to == null || !to.isAfter(from)) {
            return bodies.error(41, "Invalid arguments", "isv.invalid-parameter",
                    "start_" + timeName + " and end_" + timeName + " are required, end after start");
        }
        if (Duration.between(from, to).compareTo(maxWindow) > 0) {
            // the span rule is TOP's; the exact sub code it answers with was not found in the public docs
            return bodies.error(41, "Invalid arguments", "isv.invalid-parameter",
                    "start_" + timeName + " and end_" + timeName + " must not be more than " + maxWindow.toDays()
                            + " day(s) apart");
        }
        int pageNo = number(params.get("page_no"), 1);
        int pageSize = number(params.get("page_size"), 40);
        if (pageNo < 1 || pageSize < 1 || pageSize > TaobaoApi.MAX_PAGE_SIZE) {
            return bodies.error(41, "Invalid arguments", "isv.invalid-parameter", "page_no >= 1, page_size 1..100");
        }
        List<SandboxOrder> all = window.between(from, to).stream().sorted(TaobaoSandbox.newestFirst(time)).toList();
        int start = (int) Math.min((long) (pageNo - 1) * pageSize, all.size());
        int end = Math.min(start + pageSize, all.size());
        return bodies.page(envelope, all.subList(start, end), all.size(), end < all.size());
    }

    private static int number(String text, int fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
