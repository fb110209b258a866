package io.orderhub.execute.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.orderhub.support.Fixtures;
import io.orderhub.support.TestConfigs;
import io.orderhub.web.HttpReplies;

/** Each sandbox system's answers and dedupe, without HTTP. */
class SandboxSystemsTest {

    final DownstreamSandbox sandbox = new DownstreamSandbox(
            TestConfigs.config(Map.of("orderhub.connector.sandbox", "true")));
    final ErpSandbox erp = new ErpSandbox(sandbox);
    final QimenSandbox qimen = new QimenSandbox(sandbox);
    final CarrierSandbox carrier = new CarrierSandbox(sandbox);
    final SmsSandbox sms = new SmsSandbox(sandbox);
    final LedgerSandbox ledger = new LedgerSandbox(sandbox);

    static JsonNode json(DownstreamReply reply) throws Exception {
        return HttpReplies.mapper().readTree(reply.body());
    }

    static DownstreamRequest qimenRequest(String method, String format, String body) {
        return new DownstreamRequest(Map.of("method", method, "format", format), Map.of(),
                "xml".equals(format) ? "text/xml" : "application/json", body.getBytes(StandardCharsets.UTF_8),
                Map.of());
    }

    @Test
    void erpReadsTheTidsOfBothWangdiantongPushShapes() throws Exception {
        JsonNode pushSelf2 = HttpReplies.mapper()
                .readTree(Fixtures.bytes("wangdiantong_qjb__sales_RawTrade_pushSelf2_request.json"));

        assertThat(ErpSandbox.tids(pushSelf2)).containsExactly("tid-aqyYHjEldp");
        assertThat(ErpSandbox.tids(HttpReplies.mapper()
                .readTree("{\"shop_no\":\"s\",\"trade_list\":[{\"tid\":\"A\"},{\"tid\":\"B\"}]}")))
                .containsExactly("A", "B");
        assertThat(ErpSandbox.tids(HttpReplies.mapper().readTree("{\"tid\":\"C\"}"))).containsExactly("C");
    }

    @Test
    void erpAnswersARepeatAlikeAndAKnownTidUnderANewKeyAsAChange() throws Exception {
        String body = Fixtures.text("wangdiantong_qjb__sales_RawTrade_pushSelf2_request.json");
        JsonNode first = json(erp.orders(DownstreamRequest.json(body, "h1:ERP_CREATE:1")));
        JsonNode repeat = json(erp.orders(DownstreamRequest.json(body, "h1:ERP_CREATE:1")));
        JsonNode change = json(erp.orders(DownstreamRequest.json(body, "h1:ERP_UPDATE:2")));

        assertThat(first.path("code").asInt()).isZero();
        assertThat(first.path("message").asText()).isEqualTo("ok");
        assertThat(first.at("/data/new_count").asInt()).isEqualTo(1);
        assertThat(first.at("/data/trades/0/trade_no").asText()).matches("JY\\d{12}");
        assertThat(repeat).isEqualTo(first);
        assertThat(change.at("/data/chg_count").asInt()).isEqualTo(1);
        assertThat(change.at("/data/trades/0/trade_no")).isEqualTo(first.at("/data/trades/0/trade_no"));
        assertThat(sandbox.book(DownstreamSystem.ERP).entries()).hasSize(1);
        assertThat(sandbox.created(DownstreamSystem.ERP, "h1:ERP_CREATE:1")).isEqualTo(1);
        assertThat(sandbox.sent(DownstreamSystem.ERP, "h1:ERP_CREATE:1")).isEqualTo(2);
        assertThat(erp.orders(DownstreamRequest.json("{\"shop_no\":\"s\"}", null)).status()).isEqualTo(400);
    }

    @Test
    void qimenCreateAnswersInXmlAndARepeatedOrderCodeGetsTheSameId() {
        String xml = "<request><deliveryOrder><deliveryOrderCode>DO-1</deliveryOrderCode><orderType>JYCK</orderType>"
                + "<warehouseCode>WH-HZ</warehouseCode><logisticsCode>SF</logisticsCode></deliveryOrder><orderLines>"
                + "<orderLine><itemCode>A</itemCode><planQty>1</planQty></orderLine></orderLines></request>";
        DownstreamReply first = qimen.router(qimenRequest(QimenSandbox.CREATE, "xml", xml));
        DownstreamReply repeat = qimen.router(qimenRequest(QimenSandbox.CREATE, "xml", xml));

        assertThat(first.contentType()).startsWith("text/xml");
        assertThat(first.text()).contains("<response><flag>success</flag><code>0</code><message></message>")
                .containsPattern("<deliveryOrderId>WMS\\d{12}</deliveryOrderId>")
                .contains("<warehouseCode>WH-HZ</warehouseCode>");
        assertThat(repeat.text()).isEqualTo(first.text());
        assertThat(sandbox.book(DownstreamSystem.WMS).entries()).singleElement()
                .satisfies(e -> assertThat(e.attributes()).containsEntry("warehouseCode", "WH-HZ"));
    }

    @Test
    void qimenBatchAnswersEveryItemAndListsTheRefusedOnesAsFailures() throws Exception {
        sandbox.control(DownstreamSystem.WMS, new DownstreamControl(false, 0, 0, Set.of("DO-2"), 0, 1));
        String batch = "{\"orders\":[{\"deliveryOrder\":{\"deliveryOrderCode\":\"DO-1\"}},"
                + "{\"deliveryOrder\":{\"deliveryOrderCode\":\"DO-2\"}},{\"deliveryOrder\":{\"deliveryOrderCode\":\"DO-3\"}}]}";
        JsonNode r = json(qimen.router(qimenRequest(QimenSandbox.BATCH_CREATE, "json", batch))).path("response");

        assertThat(r.path("flag").asText()).isEqualTo("failure");
        assertThat(r.path("code").asText()).isEqualTo("PARTIAL_FAILURE");
        assertThat(r.path("orders")).hasSize(3);
        assertThat(r.at("/orders/0/flag").asText()).isEqualTo("success");
        assertThat(r.at("/orders/1/flag").asText()).isEqualTo("failure");
        assertThat(r.at("/orders/1/deliveryOrderCode").asText()).isEqualTo("DO-2");
        assertThat(r.at("/orders/1/deliveryOrderId").isMissingNode()).isTrue();
        assertThat(sandbox.book(DownstreamSystem.WMS).entries()).extracting(DownstreamRecord::businessId)
                .containsExactly("DO-1", "DO-3");

        sandbox.control(DownstreamSystem.WMS, DownstreamControl.NONE);
        JsonNode retry = json(qimen.router(qimenRequest(QimenSandbox.BATCH_CREATE, "json", batch))).path("response");
        assertThat(retry.path("flag").asText()).isEqualTo("success");
        assertThat(retry.at("/orders/0/deliveryOrderId")).isEqualTo(r.at("/orders/0/deliveryOrderId"));
        assertThat(sandbox.book(DownstreamSystem.WMS).entries()).hasSize(3);
    }

    @Test
    void qimenBatchInXmlWithOneOrder() {
        String xml = "<request><orders><order><deliveryOrder><deliveryOrderCode>DO-9</deliveryOrderCode>"
                + "</deliveryOrder></order></orders></request>";
        String answer = qimen.router(qimenRequest(QimenSandbox.BATCH_CREATE, "xml", xml)).text();

        assertThat(answer).contains("<flag>success</flag>").contains("<orders><order><deliveryOrderCode>DO-9");
        assertThat(qimen.router(qimenRequest("taobao.qimen.nonsense", "xml", xml)).text())
                .contains("<flag>failure</flag>");
    }

    @Test
    void carrierIssuesOneWaybillPerObjectIdAndListsRefusedItems() throws Exception {
        JsonNode one = json(carrier.waybill(DownstreamRequest.json("{\"cp_code\":\"SF\",\"object_id\":\"o-1\"}", null),
                false));
        JsonNode again = json(carrier.waybill(
                DownstreamRequest.json("{\"cp_code\":\"SF\",\"object_id\":\"o-1\"}", null), false));

        assertThat(one.path("success").asBoolean()).isTrue();
        assertThat(one.path("waybill_code").asText()).matches("SF\\d{12}");
        assertThat(again).isEqualTo(one);

        sandbox.control(DownstreamSystem.CARRIER, new DownstreamControl(false, 0, 0, Set.of("o-3"), 0, 1));
        String cainiao = "{\"cp_code\":\"YTO\",\"trade_order_info_dtos\":[{\"object_id\":\"o-2\",\"order_info\":"
                + "{\"trade_order_list\":[\"T2\"]}},{\"object_id\":\"o-3\"},{\"object_id\":\"o-1\"}]}";
        String wrapped = HttpReplies.mapper().writeValueAsString(Map.of(CarrierSandbox.WRAPPED, cainiao));
        JsonNode batch = json(carrier.waybill(DownstreamRequest.json(wrapped, null), true));

        assertThat(batch.path("success").asBoolean()).isFalse();
        assertThat(batch.path("modules")).hasSize(2);
        assertThat(batch.at("/modules/0/waybill_code").asText()).matches("YT\\d{13}");
        assertThat(batch.at("/modules/1/waybill_code")).as("o-1 keeps its SF waybill")
                .isEqualTo(one.path("waybill_code"));
        assertThat(batch.path("failed")).singleElement()
                .satisfies(f -> assertThat(f.path("object_id").asText()).isEqualTo("o-3"));
        assertThat(sandbox.record(DownstreamSystem.CARRIER, "o-2").orElseThrow().attributes())
                .containsEntry("orderId", "T2");
        assertThat(carrier.waybill(DownstreamRequest.json(cainiao, null), false).status()).as("single takes one")
                .isEqualTo(400);
    }

    @Test
    void smsAnswersLikeSendSmsAndDedupesOnOutId() throws Exception {
        String body = "{\"PhoneNumbers\":\"13800000000\",\"SignName\":\"OrderHub\",\"TemplateCode\":\"SMS_1\","
                + "\"TemplateParam\":\"{}\",\"OutId\":\"h1:SMS:1\"}";
        JsonNode first = json(sms.send(DownstreamRequest.json(body, null)));

        assertThat(first.path("Code").asText()).isEqualTo("OK");
        assertThat(first.path("BizId").asText()).matches("\\d{18}\\^0");
        assertThat(json(sms.send(DownstreamRequest.json(body, null)))).isEqualTo(first);
        DownstreamReply missing = sms.send(DownstreamRequest.json("{\"SignName\":\"x\",\"TemplateCode\":\"y\"}", null));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(json(missing).path("Code").asText()).isEqualTo("MissingPhoneNumbers");
    }

    @Test
    void financeInvoiceAndWavesAckWithAnIdOncePerHandle() throws Exception {
        JsonNode ar = json(ledger.receivable(DownstreamRequest.json("{\"bizNo\":\"B1\",\"amount\":100}", null)));
        assertThat(ar.at("/data/receivableId").asText()).matches("AR\\d{12}");
        assertThat(json(ledger.receivable(DownstreamRequest.json("{\"bizNo\":\"B1\"}", null)))).isEqualTo(ar);

        JsonNode inv = json(ledger.invoice(DownstreamRequest.json("{\"amount\":60000}", "h1:INVOICE:1")));
        assertThat(inv.at("/data/requestId").asText()).isEqualTo("h1:INVOICE:1");
        assertThat(ledger.invoice(DownstreamRequest.json("{}", null)).status()).isEqualTo(400);

        JsonNode wave = json(ledger.wave(DownstreamRequest
                .json("{\"waveNo\":\"W1\",\"warehouse\":\"WH-HZ\",\"orders\":[{\"orderCode\":\"DO-1\"}]}", null)));
        assertThat(wave.path("waveId").asText()).matches("WV\\d{12}");
        assertThat(wave.path("orderCount").asInt()).isEqualTo(1);
        assertThat(ledger.wave(DownstreamRequest.json("{\"waveNo\":\"W2\",\"orders\":[]}", null)).status())
                .isEqualTo(400);
        assertThat(sandbox.book(DownstreamSystem.WAVES).entries()).hasSize(1);
    }

    @Test
    void faultsAnswerInTheSystemsOwnShape() throws Exception {
        sandbox.control(DownstreamSystem.ERP, new DownstreamControl(true, 0, 0, Set.of(), 0, 1));
        sandbox.control(DownstreamSystem.WMS, new DownstreamControl(false, 0, 1, Set.of(), 0, 1));
        DownstreamReply down = erp.orders(DownstreamRequest.json("{\"tid\":\"T\"}", "k"));
        DownstreamReply failed = qimen.router(qimenRequest(QimenSandbox.CREATE, "json", "{}"));

        assertThat(down.status()).isEqualTo(503);
        assertThat(json(down).path("code").asInt()).isEqualTo(503);
        assertThat(failed.status()).isEqualTo(500);
        assertThat(json(failed).at("/response/flag").asText()).isEqualTo("failure");
        assertThat(sandbox.book(DownstreamSystem.ERP).entries()).isEmpty();
    }
}
