package io.orderhub.connector.api;

import java.util.Set;

/** What an order-detail response shows about shipping: shipped or not, and the waybill numbers it carries. */
public record ShippedView(boolean shipped, Set<String> waybillNos) {
}
