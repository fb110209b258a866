package io.orderhub.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.orderhub.config.OrderHubConfig;

/** Batch envelopes and the split of a partly successful answer, on Cainiao e-waybill shapes. */
class BatchCallsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ITEMS = "/param_waybill_cloud_print_apply_new_request/trade_order_info_dtos";

    static Command waybill(String key, String sender, int priority) {
        String payload = "{\"param_waybill_cloud_print_apply_new_request\":{\"cp_code\":\"YTO\",\"sender\":{\"name\":\""
                + sender + "\"},\"trade_order_info_dtos\":[{\"object_id\":\"" + key + "\"}]}}";
        return new Command(UUID.randomUUID(), key, UUID.randomUUID(), "carrier", "CARRIER_WAYBILL", priority, payload,
                0, Instant.parse("2026-06-18T00:00:00Z").plusSeconds(priority), true);
    }

    @Test
    void commandsWhosePayloadsDifferOnlyInTheirItemsShareOneEnvelope() throws Exception {
        Command a = waybill("k-a", "WH-SH", 1000);
        Command b = waybill("k-b", "WH-SH", 3000);
        Command c = waybill("k-c", "WH-HZ", 1000);
        BatchCalls.Plan plan = BatchCalls.plan(List.of(a, b, c), new TestSystem(10));
        assertThat(plan.singles()).isEmpty();
        assertThat(plan.calls()).hasSize(2);
        BatchCalls.Call sh = plan.calls().get(0);
        assertThat(sh.members()).containsExactly(a, b);
        JsonNode envelope = JSON.readTree(sh.envelope().payload());
        assertThat(envelope.at(ITEMS)).hasSize(2);
        assertThat(envelope.at(ITEMS + "/1/object_id").asText()).isEqualTo("k-b");
        assertThat(envelope.at("/param_waybill_cloud_print_apply_new_request/sender/name").asText())
                .isEqualTo("WH-SH");
        assertThat(sh.envelope().priority()).isEqualTo(3000);
        // the same members make the same envelope key, whatever their order
        assertThat(BatchCalls.plan(List.of(b, a), new TestSystem(10)).calls().get(0).envelope().idempotencyKey())
                .isEqualTo(sh.envelope().idempotencyKey());
    }

    @Test
    void aBatchCallSeesTheBatchUrlAndNoWholeAnswerSuccessField() {
        OrderHubConfig.DownstreamSystem view = BatchCalls.view(new TestSystem(10));
        assertThat(view.url()).contains("http://carrier/waybill/batch");
        assertThat(view.successPointer()).isEmpty();
        assertThat(view.waybillPointer()).contains("/waybill_code");
    }

    @Test
    void onlyTheItemsOnTheFailedListFailAndTheOthersKeepTheirOwnAnswer() {
        Command a = waybill("k-a", "WH-SH", 1000);
        Command b = waybill("k-b", "WH-SH", 1000);
        Command c = waybill("k-c", "WH-SH", 1000);
        BatchCalls.Call call = BatchCalls.plan(List.of(a, b, c), new TestSystem(10)).calls().get(0);
        String answer = "{\"success\":false,\"modules\":[{\"object_id\":\"k-a\",\"waybill_code\":\"YT1\"}],"
                + "\"failed\":[{\"object_id\":\"k-b\",\"error_code\":\"ITEM_REFUSED\"}]}";
        Map<Command, CommandTransport.Delivery> out = BatchCalls.outcomes(call,
                CommandTransport.Delivery.confirmed(answer), new TestSystem(10));
        assertThat(out.get(a).confirmed()).isTrue();
        assertThat(out.get(a).answer()).contains("YT1").doesNotContain("k-b");
        assertThat(out.get(b).confirmed()).isFalse();
        assertThat(out.get(b).retryable()).isTrue();
        assertThat(out.get(b).errorClass()).isEqualTo("ITEM_FAILED");
        assertThat(out.get(c).errorClass()).as("answered neither way").isEqualTo("ITEM_MISSING");

        CommandTransport.Delivery down = CommandTransport.Delivery.failed("HTTP_5XX", "503", null);
        assertThat(BatchCalls.outcomes(call, down, new TestSystem(10)).values()).containsOnly(down);
    }

    @Test
    void onlyBatchedSystemsAreGroupedAndEachBatchHoldsAtMostItsSize() {
        Command a = waybill("k-a", "WH-SH", 1000);
        Command b = waybill("k-b", "WH-SH", 1000);
        Command c = waybill("k-c", "WH-SH", 1000);
        Command erp = new Command(UUID.randomUUID(), "k-erp", UUID.randomUUID(), "erp", "ERP", 1000, "{}", 0,
                Instant.now(), true);
        List<Sendable> grouped = CommandBatch.group(List.of(a, erp, b, c),
                Map.of("carrier", new TestSystem(2), "erp", new TestSystem(1)));
        assertThat(grouped).containsExactly(erp, new CommandBatch("carrier", List.of(a, b)),
                new CommandBatch("carrier", List.of(c)));
    }

    /** The carrier as configured for batches: Cainiao's item array, object_id keys, failed list and modules. */
    record TestSystem(int batchSize) implements OrderHubConfig.DownstreamSystem {

        @Override
        public String transport() {
            return "http";
        }

        @Override
        public Optional<String> url() {
            return Optional.of("http://carrier/waybill");
        }

        @Override
        public Optional<String> successPointer() {
            return Optional.of("/success");
        }

        @Override
        public Optional<String> successValue() {
            return Optional.of("true");
        }

        @Override
        public Optional<String> waybillPointer() {
            return Optional.of("/waybill_code");
        }

        @Override
        public Optional<String> destination() {
            return Optional.empty();
        }

        @Override
        public Optional<String> rejectPointer() {
            return Optional.empty();
        }

        @Override
        public Optional<java.util.List<String>> rejectValues() {
            return Optional.empty();
        }

        @Override
        public Optional<String> batchUrl() {
            return Optional.of("http://carrier/waybill/batch");
        }

        @Override
        public Optional<String> batchItemsPointer() {
            return Optional.of(ITEMS);
        }

        @Override
        public Optional<String> batchKeyPointer() {
            return Optional.of("/object_id");
        }

        @Override
        public Optional<String> batchFailedPointer() {
            return Optional.of("/failed");
        }

        @Override
        public Optional<String> batchAnswersPointer() {
            return Optional.of("/modules");
        }
    }
}
