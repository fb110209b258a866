package io.orderhub.connector.api;

import java.util.List;

/**
 * One page of a list call.
 *
 * @param total the number of orders in the whole window as the platform counts them; -1 when the platform does not
 *        say (cursor APIs)
 * @param nextCursor the cursor for the next page ({@code CURSOR} paging), null when this was the last
 * @param hasNext whether another page follows (both paging kinds)
 */
public record OrderPage(int total, List<OrderRef> orders, String nextCursor, boolean hasNext) {
}
