package io.orderhub.rules.crm;

import java.util.List;

/**
 * Parameters of {@code rules/non-sale.yaml}.
 *
 * @param luckyBag what marks a live-room lucky bag (福袋) order: tagged LUCKY_BAG and NON_SALE
 * @param nonSale what marks any other non-sale order (give-away): tagged NON_SALE
 * @param reserveStock fact {@code reserveStock} of non-sale orders (default false: the inventory rule reserves none)
 * @param countInSales fact {@code countInSales} of non-sale orders (default false: left out of sales figures)
 */
public record NonSaleParams(LuckyBag luckyBag, NonSale nonSale, Boolean reserveStock, Boolean countInSales) {

    /**
     * @param channels channels whose zero-paid orders are lucky-bag prizes
     * @param titleKeywords a zero-paid order with a line title containing one of these is a lucky bag
     * @param skus an order whose every line is one of these SKUs is a lucky bag (paid or not)
     * @param tags an order carrying one of these canonical tags is a lucky bag
     */
    public record LuckyBag(List<String> channels, List<String> titleKeywords, List<String> skus, List<String> tags) {
    }

    /**
     * @param zeroPrice a zero-paid order (paid total 0, or every line paid 0) is a give-away
     * @param skus an order whose every line is one of these SKUs is non-sale
     * @param tags an order carrying one of these canonical tags is non-sale
     */
    public record NonSale(Boolean zeroPrice, List<String> skus, List<String> tags) {
    }

    static List<String> list(List<String> l) {
        return l == null ? List.of() : l;
    }
}
