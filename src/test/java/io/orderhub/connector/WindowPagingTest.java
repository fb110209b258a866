package io.orderhub.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.orderhub.connector.api.OrderPage;
import io.orderhub.connector.api.OrderRef;
import io.orderhub.connector.api.PageRequest;

/**
 * Why the window reader pages from the last page: a platform lists a window newest first and an order leaves the
 * window (modified again) while the pages are read. Read forwards, an order slides onto a page already read and is
 * never seen; read backwards, nothing is skipped.
 */
class WindowPagingTest {

    /** 250 orders newest first, page size 100; after the first call the newest order is modified and leaves. */
    static final class ShiftingPlatform implements WindowReader.Pages {
        final List<OrderRef> orders = new ArrayList<>();
        int calls;

        ShiftingPlatform() {
            for (int i = 0; i < 250; i++) {
                orders.add(new OrderRef("o" + i, Instant.ofEpochSecond(10_000 - i), null, null));
            }
        }

        @Override
        public OrderPage page(PageRequest request) {
            if (calls++ == 1) {
                orders.remove(0);
            }
            int from = (request.page() - 1) * request.pageSize();
            int to = Math.min(orders.size(), from + request.pageSize());
            List<OrderRef> slice = from >= to ? List.of() : List.copyOf(orders.subList(from, to));
            return new OrderPage(orders.size(), slice, null, to < orders.size());
        }
    }

    @Test
    void readingFromTheLastPageSkipsNothingWhenAnOrderLeavesTheWindow() {
        ShiftingPlatform platform = new ShiftingPlatform();
        Set<String> seen = ids(WindowReader.readNumbered(platform, 100));
        Set<String> stillInWindow = ids(platform.orders);
        assertThat(seen).containsAll(stillInWindow);
    }

    @Test
    void readingForwardsWouldSkipAnOrder() {
        ShiftingPlatform platform = new ShiftingPlatform();
        List<OrderRef> seen = new ArrayList<>();
        for (int p = 1; p <= 3; p++) {
            seen.addAll(platform.page(PageRequest.numbered(p, 100)).orders());
        }
        Set<String> missed = ids(platform.orders);
        missed.removeAll(ids(seen));
        assertThat(missed).as("the order that slid from page 2 onto page 1").containsExactly("o100");
    }

    static Set<String> ids(List<OrderRef> refs) {
        Set<String> ids = new HashSet<>();
        refs.forEach(r -> ids.add(r.platformOrderId()));
        return ids;
    }
}
