package io.orderhub.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.PriorityBlockingQueue;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ExecutionUnitTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final CamelContext CAMEL = new DefaultCamelContext();

    static Exchange exchange(int priority, Instant created) {
        Exchange e = new DefaultExchange(CAMEL);
        e.getMessage().setBody(new Command(UUID.randomUUID(), "k" + priority + created, UUID.randomUUID(), "erp",
                "ERP_SALES_ORDER", priority, "{}", 0, created, true));
        return e;
    }

    @Test
    void aVipCommandBehindTenThousandRegularOnesIsNextOut() {
        PriorityBlockingQueue<Exchange> queue = new PriorityBlockingQueue<>(16, CommandQueue.ORDER);
        Instant t0 = Instant.parse("2026-06-18T00:00:00Z");
        for (int i = 0; i < 10_000; i++) {
            queue.add(exchange(1000 + (i % 50), t0.plusMillis(i)));
        }
        queue.add(exchange(3000, t0.plusSeconds(60)));
        assertThat(queue.poll().getMessage().getBody(Command.class).priority()).isEqualTo(3000);
        // then the highest regular ones, older first among equals
        Command next = queue.poll().getMessage().getBody(Command.class);
        Command after = queue.poll().getMessage().getBody(Command.class);
        assertThat(next.priority()).isEqualTo(1049);
        assertThat(after.priority()).isEqualTo(1049);
        assertThat(next.createdAt()).isBefore(after.createdAt());
    }

    @Test
    void loadingScanDifferencesNameMissingExtraAndQuantity() throws Exception {
        JsonNode lines = JSON.readTree(
                """
                        [{"sku":"A","quantity":2},{"sku":"B","quantity":1},{"sku":"A","quantity":1},{"sku":"C","quantity":4}]""");
        JsonNode scanned = JSON.readTree("""
                [{"sku":"A","quantity":3},{"sku":"C","quantity":2},{"sku":"D","quantity":1}]""");
        List<LoadingScans.Difference> d = LoadingScans.compare(lines, scanned);
        assertThat(d).containsExactly(new LoadingScans.Difference("B", "MISSING", 1, 0),
                new LoadingScans.Difference("C", "QUANTITY", 4, 2), new LoadingScans.Difference("D", "EXTRA", 0, 1));
        assertThat(LoadingScans.compare(lines, JSON.readTree("""
                [{"sku":"A","quantity":3},{"sku":"B","quantity":1},{"sku":"C","quantity":4}]"""))).isEmpty();
    }

    @Test
    void theShipmentOfAKeyIsReadFromIt() {
        assertThat(Waybills.shipmentOf("0190-ab:CARRIER_WAYBILL#2:3")).isEqualTo(2);
        assertThat(Waybills.shipmentOf("0190-ab:ERP_SALES_ORDER:3")).isZero();
    }

    @Test
    void degradationSwitchesOnAboveAndOffOnlyBelowTheLowerMark() {
        List<String> raised = new ArrayList<>();
        DegradationSwitch s = new DegradationSwitch(
                io.orderhub.support.TestConfigs.config(java.util.Map.of("orderhub.execute.degrade-above", "5000",
                        "orderhub.execute.resume-below", "4000")),
                new io.orderhub.alert.AlertStore(null, new io.micrometer.core.instrument.simple.SimpleMeterRegistry()) {
                    @Override
                    public UUID raise(String kind, String key, String severity, String subject,
                            java.util.Map<String, Object> detail) {
                        raised.add(kind);
                        return UUID.randomUUID();
                    }
                }, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        s.backlog(4999);
        assertThat(s.degraded()).isFalse();
        s.backlog(5001);
        assertThat(s.degraded()).isTrue();
        s.backlog(4500); // between the marks: stays degraded (no flapping)
        assertThat(s.degraded()).isTrue();
        s.backlog(3999);
        assertThat(s.degraded()).isFalse();
        assertThat(raised).containsExactly("EXECUTION_DEGRADED");
    }
}
