package io.orderhub.connector;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.orderhub.connector.PlatformGateway.ListKind;
import io.orderhub.connector.api.OrderPage;
import io.orderhub.connector.api.OrderRef;
import io.orderhub.connector.api.PageRequest;
import io.orderhub.connector.api.PlatformApi;
import io.orderhub.ingress.ShopRegistry;

/**
 * Reads every order a platform lists for one window, across all pages, in the order that cannot skip one.
 * <p>
 * The window ends in the past, so while it is read orders can only leave it (a new modification moves an order past
 * its end), never join it. An order leaving shifts every order listed after it one place forward; read front to back,
 * the first order of the next page would slide onto the page already read and be missed. Read from the last page to
 * the first, every shift moves an unread order onto a page still to be read (or an already-read one onto a read page),
 * so nothing is skipped; duplicates are harmless (intake de-duplicates). Cursor APIs are read forwards: the cursor
 * holds the position. The order that left is caught by the next window, whose start overlaps this one's end.
 */
@ApplicationScoped
public class WindowReader {

    private static final Logger LOG = Logger.getLogger(WindowReader.class);
    /** Guards against a platform that keeps answering hasNext. */
    private static final int MAX_PAGES = 10_000;

    private final PlatformGateway gateway;

    public WindowReader(PlatformGateway gateway) {
        this.gateway = gateway;
    }

    /** Every order listed in [from, to], one entry per order id (the latest modification wins). */
    public List<OrderRef> read(ShopRegistry.Shop shop, ListKind kind, Instant from, Instant to) {
        PlatformApi api = gateway.api(shop.channel()).orElseThrow();
        int size = api.maxPageSize();
        Map<String, OrderRef> byId = new LinkedHashMap<>();
        if (api.paging() == PlatformApi.Paging.CURSOR) {
            String cursor = null;
            for (int n = 0; n < MAX_PAGES; n++) {
                OrderPage page = gateway.list(shop, kind, from, to, PageRequest.cursor(cursor, size));
                page.orders().forEach(r -> keep(byId, r));
                if (!page.hasNext() || page.nextCursor() == null) {
                    break;
                }
                cursor = page.nextCursor();
            }
            return new ArrayList<>(byId.values());
        }
        return readNumbered(page -> gateway.list(shop, kind, from, to, page), size);
    }

    /** One list call of a fixed window. */
    @FunctionalInterface
    interface Pages {
        OrderPage page(PageRequest request);
    }

    /** Numbered pages: the first for the count, then the last page to the second, then the first again. */
    static List<OrderRef> readNumbered(Pages pages, int size) {
        Map<String, OrderRef> byId = new LinkedHashMap<>();
        OrderPage first = pages.page(PageRequest.numbered(1, size));
        if (first.total() < 0) {
            // a numbered API that does not count: forwards is all there is; the overlap of windows covers the rest
            first.orders().forEach(r -> keep(byId, r));
            OrderPage page = first;
            for (int p = 2; page.hasNext() && !page.orders().isEmpty() && p < MAX_PAGES; p++) {
                page = pages.page(PageRequest.numbered(p, size));
                page.orders().forEach(r -> keep(byId, r));
            }
            return new ArrayList<>(byId.values());
        }
        int count = Math.max(1, (first.total() + size - 1) / size);
        for (int p = count; p >= 2; p--) {
            pages.page(PageRequest.numbered(p, size)).orders().forEach(r -> keep(byId, r));
        }
        // page one again, last: what slid onto it while the later pages were read
        OrderPage again = count == 1 ? first : pages.page(PageRequest.numbered(1, size));
        first.orders().forEach(r -> keep(byId, r));
        again.orders().forEach(r -> keep(byId, r));
        if (again.total() != first.total()) {
            LOG.debugf("window went from %d to %d orders while read", first.total(), again.total());
        }
        return new ArrayList<>(byId.values());
    }

    private static void keep(Map<String, OrderRef> byId, OrderRef ref) {
        byId.merge(ref.platformOrderId(), ref, (a, b) -> a.modifiedAt() == null
                || (b.modifiedAt() != null && b.modifiedAt().isAfter(a.modifiedAt())) ? b : a);
    }
}
