package io.orderhub.execute.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.orderhub.support.TestConfigs;

/** The sandbox's WMS cancel, carrier intercept and finance reversal, without HTTP. */
class InterceptSandboxTest {

    final DownstreamSandbox sandbox = new DownstreamSandbox(
            TestConfigs.config(Map.of("orderhub.connector.sandbox", "true")));
    final QimenSandbox qimen = new QimenSandbox(sandbox);
    final CarrierSandbox carrier = new CarrierSandbox(sandbox);
    final LedgerSandbox ledger = new LedgerSandbox(sandbox);
    final InterceptSandbox intercept = new InterceptSandbox(sandbox);

    static JsonNode json(DownstreamReply reply) throws Exception {
        return SandboxSystemsTest.json(reply);
    }

    void create(String code) {
        qimen.router(SandboxSystemsTest.qimenRequest(QimenSandbox.CREATE, "json",
                "{\"deliveryOrder\":{\"deliveryOrderCode\":\"" + code + "\",\"warehouseCode\":\"WH-SH\"}}"));
    }

    DownstreamReply cancel(String format, String body) {
        return intercept.wmsCancel(SandboxSystemsTest.qimenRequest(InterceptSandbox.CANCEL, format, body));
    }

    @Test
    void theWmsCancelsAnOrderNotYetOutAndRefusesOneThatLeft() throws Exception {
        create("DO-1");
        create("DO-2");
        JsonNode ok = json(cancel("json", "{\"orderCode\":\"DO-1\",\"orderType\":\"JYCK\"}"));
        assertThat(ok.at("/response/flag").asText()).isEqualTo("success");
        assertThat(sandbox.record(DownstreamSystem.WMS, "DO-1").orElseThrow().attributes())
                .containsKey(InterceptSandbox.CANCELLED_AT);

        sandbox.record(DownstreamSystem.WMS, "DO-2").orElseThrow()
                .attribute(InterceptSandbox.OUTBOUND_AT, Instant.now().toString());
        String xml = cancel("xml", "<request><orderCode>DO-2</orderCode><orderType>JYCK</orderType></request>")
                .text();
        assertThat(xml).contains("<flag>failure</flag>").contains("<code>" + InterceptSandbox.ALREADY_SHIPPED);

        assertThat(json(cancel("json", "{\"orderCode\":\"DO-404\"}")).at("/response/code").asText())
                .isEqualTo("ORDER_NOT_FOUND");
        assertThat(intercept.cancelRequests("DO-2")).isEqualTo(1);
    }

    @Test
    void theCarrierInterceptsWaybillsItIssuedOnceAndCanBeToldToRefuse() throws Exception {
        String waybill = json(carrier.waybill(DownstreamRequest.json("{\"cp_code\":\"SF\",\"object_id\":\"k1\"}",
                null), false)).path("waybill_code").asText();
        String body = "{\"method\":\"interceptOrder\",\"param\":{\"kuaidicom\":\"shunfeng\",\"kuaidinum\":\"" + waybill
                + "\",\"interceptType\":\"RETURN_SEND_ADDR\",\"orderid\":\"key-1\"}}";
        JsonNode first = json(intercept.carrierIntercept(DownstreamRequest.json(body, "key-1")));
        JsonNode again = json(intercept.carrierIntercept(DownstreamRequest.json(body, "key-1")));
        assertThat(first.path("result").asBoolean()).isTrue();
        assertThat(again.at("/data/taskId").asText()).isEqualTo(first.at("/data/taskId").asText());

        JsonNode unknown = json(intercept.carrierIntercept(DownstreamRequest.json(body.replace(waybill, "SF000"),
                null)));
        assertThat(unknown.path("result").asBoolean()).isFalse();
        sandbox.control(DownstreamSystem.CARRIER, new DownstreamControl(false, 0, 0, Set.of(waybill), 0, 1));
        assertThat(json(intercept.carrierIntercept(DownstreamRequest.json(body, null))).path("result").asBoolean())
                .isFalse();
    }

    @Test
    void financeReversesOnlyAReceivableItBookedAndOnlyWithNegativeAmounts() throws Exception {
        ledger.receivable(DownstreamRequest.json("{\"bizNo\":\"AR-1\",\"amount\":\"10.00\"}", null));
        DownstreamReply missing = intercept.reversal(DownstreamRequest.json(
                "{\"bizNo\":\"RV-1\",\"originalBizNo\":\"AR-9\",\"amount\":\"-10.00\"}", null));
        assertThat(missing.status()).isEqualTo(404);
        DownstreamReply positive = intercept.reversal(DownstreamRequest.json(
                "{\"bizNo\":\"RV-1\",\"originalBizNo\":\"AR-1\",\"amount\":\"10.00\"}", null));
        assertThat(positive.status()).isEqualTo(400);
        String ok = "{\"bizNo\":\"RV-1\",\"originalBizNo\":\"AR-1\",\"amount\":\"-10.00\"}";
        JsonNode booked = json(intercept.reversal(DownstreamRequest.json(ok, null)));
        JsonNode repeat = json(intercept.reversal(DownstreamRequest.json(ok, null)));
        assertThat(booked.path("code").asText()).isEqualTo("0");
        assertThat(repeat.at("/data/reversalId").asText()).isEqualTo(booked.at("/data/reversalId").asText());
        assertThat(sandbox.created(DownstreamSystem.FINANCE, "RV-1")).isEqualTo(1);
    }
}
