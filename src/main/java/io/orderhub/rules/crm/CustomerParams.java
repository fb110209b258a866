package io.orderhub.rules.crm;

import java.time.Duration;

/**
 * Parameters of {@code rules/customer.yaml}.
 *
 * @param tagVip tag VIP customers' orders {@code VIP} (default true)
 * @param crm optional HTTP CRM asked when the customer table knows no identity of the buyer
 */
public record CustomerParams(Boolean tagVip, Crm crm) {

    /**
     * @param url {@code http(s)://...}: POST {channel, platformBuyerId, phoneHash}
     * @param timeoutMs how long an evaluation waits for the CRM (default 2000, at most 30000)
     * @param cacheTtlSeconds how long an answer (also "unknown") is reused (default 300; 0: no cache)
     */
    public record Crm(String url, Integer timeoutMs, Integer cacheTtlSeconds) {

        Duration timeout() {
            return Duration.ofMillis(timeoutMs == null ? 2000 : timeoutMs);
        }

        Duration ttl() {
            return Duration.ofSeconds(cacheTtlSeconds == null ? 300 : cacheTtlSeconds);
        }
    }

    boolean tagsVip() {
        return tagVip == null || tagVip;
    }
}
