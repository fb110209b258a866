package io.orderhub.rules.presale;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Parameters of the presale rule ({@code rules/presale.yaml}).
 *
 * @param balanceWindowHours hours after the deposit was paid (created, when the platform gives no payment time) by which
 *            the balance must be paid; default 360 (15 days)
 * @param balanceDeadline optional campaign-wide last moment for balance payments (UTC ISO instant); when set it wins over
 *            the window
 */
public record PresaleParams(Integer balanceWindowHours, String balanceDeadline) {

    public PresaleParams {
        balanceWindowHours = balanceWindowHours == null ? 360 : balanceWindowHours;
    }

    public void check() {
        if (balanceWindowHours < 1 || balanceWindowHours > 24 * 366) {
            throw new IllegalArgumentException(
                    "balanceWindowHours: must be between 1 and 8784, was " + balanceWindowHours);
        }
        if (balanceDeadline != null) {
            try {
                Instant.parse(balanceDeadline);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("balanceDeadline: not a UTC ISO instant: " + balanceDeadline);
            }
        }
    }

    /** The deadline for the balance of a deposit paid (or created) at {@code depositAt}. */
    public Instant deadlineAfter(Instant depositAt) {
        return balanceDeadline != null
                ? Instant.parse(balanceDeadline)
                : depositAt.plus(Duration.ofHours(balanceWindowHours));
    }
}
