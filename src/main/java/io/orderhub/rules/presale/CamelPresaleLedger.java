package io.orderhub.rules.presale;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.ProducerTemplate;

/**
 * The presale ledger of the running hub: parts go to the aggregation route ({@code direct:presale-aggregate}, whose
 * aggregator completes synchronously on the caller's thread), masters and flags come from {@link PresaleMasters}.
 */
@ApplicationScoped
public class CamelPresaleLedger implements PresaleLedger {

    static final String AGGREGATE = "direct:presale-aggregate";

    private final ProducerTemplate producer;
    private final PresaleMasters masters;

    public CamelPresaleLedger(ProducerTemplate producer, PresaleMasters masters) {
        this.producer = producer;
        this.masters = masters;
    }

    @Override
    public Optional<PresaleMaster> master(String groupId) {
        return masters.find(groupId);
    }

    @Override
    public void submit(PresalePart part) {
        producer.sendBody(AGGREGATE, part.toMap());
    }

    @Override
    public boolean flagBalanceMissing(PresalePart deposit) {
        return masters.flagOnce(deposit);
    }
}
