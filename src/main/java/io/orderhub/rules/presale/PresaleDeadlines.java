package io.orderhub.rules.presale;

import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;

/**
 * The deadline sweep: every open presale group whose deposit has no balance past the deposit's deadline is flagged
 * (one alert per group). The group stays open, so a late balance still completes it.
 */
@ApplicationScoped
@Named("presaleDeadlines")
public class PresaleDeadlines {

    private final PgAggregationRepository repository;
    private final PresaleLedger ledger;
    private final CamelContext camel;

    public PresaleDeadlines(@Named("presaleAggregationRepository") PgAggregationRepository repository,
            PresaleLedger ledger, CamelContext camel) {
        this.repository = repository;
        this.ledger = ledger;
        this.camel = camel;
    }

    /** Returns how many groups this sweep flagged. */
    public int sweep() {
        Instant now = Instant.now();
        int flagged = 0;
        for (String key : repository.getKeys()) {
            Exchange open = repository.get(camel, key);
            Map<?, ?> group = open == null ? null : open.getMessage().getBody(Map.class);
            PresalePart deposit = PresaleParts.part(group, PresalePart.DEPOSIT);
            if (deposit != null && PresaleParts.part(group, PresalePart.BALANCE) == null
                    && deposit.deadline() != null && Instant.parse(deposit.deadline()).isBefore(now)
                    && ledger.flagBalanceMissing(deposit)) {
                flagged++;
            }
        }
        return flagged;
    }
}
