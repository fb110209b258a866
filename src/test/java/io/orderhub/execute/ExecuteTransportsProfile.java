package io.orderhub.execute;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The execution layer with its other transports: finance receivables over JMS to the embedded Artemis broker, and the
 * sandbox carrier's e-waybills in batches of up to 10 on its batch endpoint (Cainiao's failed list).
 */
public class ExecuteTransportsProfile implements QuarkusTestProfile {

    static final String FINANCE_QUEUE = "orderhub.finance.receivables";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("orderhub.execute.systems.finance.transport", "jms"),
                Map.entry("orderhub.execute.systems.finance.destination", FINANCE_QUEUE),
                // room for retries while the broker is down
                Map.entry("orderhub.execute.max-attempts", "12"),
                Map.entry("orderhub.execute.systems.carrier.batch-size", "10"),
                Map.entry("orderhub.execute.systems.carrier.batch-url",
                        "http://localhost:${quarkus.http.port}/sandbox/downstream/carrier/waybill/batch"),
                Map.entry("orderhub.execute.systems.carrier.batch-items-pointer",
                        "/param_waybill_cloud_print_apply_new_request/trade_order_info_dtos"),
                Map.entry("orderhub.execute.systems.carrier.batch-key-pointer", "/object_id"),
                Map.entry("orderhub.execute.systems.carrier.batch-failed-pointer", "/failed"),
                Map.entry("orderhub.execute.systems.carrier.batch-answers-pointer", "/modules"),
                // the embedded broker audits every message at INFO
                Map.entry("quarkus.log.category.\"org.apache.activemq.audit\".level", "WARN"));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(ArtemisTestResource.class));
    }
}
