package io.orderhub.rules.crm;

/**
 * A CRM customer as the rules see it: the merchant's tier (VIP or REGULAR) and how many orders the customer placed
 * before (0: the customer is NEW).
 */
public record Customer(String customerId, String segment, int earlierOrders) {

    public static final String VIP = "VIP";
    public static final String REGULAR = "REGULAR";
    public static final String NEW = "NEW";

    /** VIP wins (the merchant said so); otherwise NEW without earlier orders, else REGULAR. */
    public String effectiveSegment() {
        if (VIP.equals(segment)) {
            return VIP;
        }
        return earlierOrders <= 0 ? NEW : REGULAR;
    }
}
