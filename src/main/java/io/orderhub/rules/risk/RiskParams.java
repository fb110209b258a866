package io.orderhub.rules.risk;

import java.util.List;
import java.util.Map;

/**
 * Parameters of {@code rules/risk.yaml}; a section left out switches that check off.
 *
 * @param pickupPoint address is a pickup point (代收点/驿站...) without a house number
 * @param phone phone invalid, or masked / absent with no way to reach the buyer
 * @param amount paid amount far above the shop's normal
 * @param addressBurst many orders to one address in a short time
 * @param blacklist check buyer id, phone and address against the blacklist (default true)
 */
public record RiskParams(PickupPoint pickupPoint, Phone phone, Amount amount, AddressBurst addressBurst,
        Boolean blacklist) {

    /**
     * @param keywords words that make an address a pickup point
     * @param houseNumberPattern regex (find) of a house number in the street detail
     */
    public record PickupPoint(List<String> keywords, String houseNumberPattern) {
    }

    /**
     * @param validPattern regex (full match) a plain phone's digits must match (+86 and separators removed)
     * @param platformContactChannels channels whose platform relays contact (chat, privacy calls), so a masked or
     *        absent phone still reaches the buyer
     */
    public record Phone(String validPattern, List<String> platformContactChannels) {
    }

    /**
     * @param thresholdFen per shop key: paid above this is far above normal (wins over the median)
     * @param factor paid above factor × the shop's rolling median is far above normal (0: no median check)
     * @param sampleSize the median is over the shop's last sampleSize orders
     * @param minSamples no median verdict with fewer earlier orders than this
     */
    public record Amount(Map<String, Long> thresholdFen, Integer factor, Integer sampleSize, Integer minSamples) {
    }

    /**
     * @param windowMinutes the window counted back from the order
     * @param maxOrders more orders than this to one address in the window is a hit
     */
    public record AddressBurst(Integer windowMinutes, Integer maxOrders) {
    }
}
