package io.orderhub.rules.crm;

import java.time.Duration;

/**
 * Parameters of {@code rules/duplicate-guard.yaml}.
 *
 * @param windowMinutes how far back an identical order makes this one a suspect (default 10, 1..10080)
 */
public record DuplicateParams(Integer windowMinutes) {

    Duration window() {
        return Duration.ofMinutes(windowMinutes == null ? 10 : windowMinutes);
    }
}
