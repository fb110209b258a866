package io.orderhub.rules.stock;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parameters of {@code rules/inventory.yaml} (see the file for what each means).
 *
 * @param statuses canonical order statuses in which the order reserves stock
 * @param holdTimeout how long a HELD order keeps its reservation: {@code 30m}, {@code 24h}, {@code 2d} or ISO-8601
 * @param anyWarehouseChannels channels that may reserve from every warehouse (others: ships-within-24h ones only)
 * @param provinceDistance receiver province → warehouse province → distance rank (lower ships first)
 */
public record InventoryParams(List<String> statuses, String holdTimeout, List<String> anyWarehouseChannels,
        Map<String, Map<String, Integer>> provinceDistance) {

    private static final Pattern SHORT = Pattern.compile("(\\d+)([mhd])");

    public InventoryParams {
        statuses = statuses == null ? List.of("PAID") : List.copyOf(statuses);
        holdTimeout = holdTimeout == null ? "24h" : holdTimeout;
        anyWarehouseChannels = anyWarehouseChannels == null ? List.of("b2b_form") : List.copyOf(anyWarehouseChannels);
        provinceDistance = provinceDistance == null ? Map.of() : Map.copyOf(provinceDistance);
    }

    /** The hold timeout; IllegalArgumentException naming the field when it is not a positive duration. */
    public Duration holdTimeoutDuration() {
        Duration d;
        Matcher m = SHORT.matcher(holdTimeout.trim());
        try {
            d = m.matches()
                    ? Duration.ofMinutes(Long.parseLong(m.group(1))
                            * switch (m.group(2)) {
                                case "m" -> 1;
                                case "h" -> 60;
                                default -> 1440;
                            })
                    : Duration.parse(holdTimeout.trim());
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("holdTimeout: '" + holdTimeout + "' is not a duration (30m, 24h, 2d)");
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("holdTimeout: must be positive");
        }
        return d;
    }
}
