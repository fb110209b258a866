package io.orderhub.execute.sandbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.orderhub.support.Fixtures;
import io.orderhub.web.HttpReplies;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The downstream sandbox over real HTTP (profile test inherits embedded): dedupe per system, injected failures,
 * partial batch failures, controls and counters, and the status events sent back to the hub.
 */
@QuarkusTest
class DownstreamSandboxHttpTest {

    static final String BASE = "/sandbox/downstream";

    @Inject
    DownstreamSandbox sandbox;

    @AfterEach
    void reset() {
        given().delete(BASE + "/control").then().statusCode(200);
    }

    static Response post(String path, String key, String contentType, String body) {
        var request = given().contentType(contentType).body(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.post(BASE + path);
    }

    static void control(String system, String json) {
        given().contentType("application/json").body(json).put(BASE + "/control/" + system).then().statusCode(200);
    }

    @Test
    void erpRepeatAnswersTheSameAndCreatesOneTrade() {
        String body = Fixtures.text("wangdiantong_qjb__sales_RawTrade_pushSelf2_request.json");
        Response first = post("/erp/orders", "h1:ERP_CREATE:1", "application/json", body);
        Response again = post("/erp/orders", "h1:ERP_CREATE:1", "application/json", body);

        first.then().statusCode(200);
        assertThat(first.jsonPath().getInt("code")).isZero();
        assertThat(first.jsonPath().getString("message")).isEqualTo("ok");
        assertThat(again.asString()).isEqualTo(first.asString());
        assertThat(sandbox.created(DownstreamSystem.ERP, "h1:ERP_CREATE:1")).isEqualTo(1);
        assertThat(sandbox.sent(DownstreamSystem.ERP, "h1:ERP_CREATE:1")).isEqualTo(2);
        assertThat(sandbox.book(DownstreamSystem.ERP).entries()).hasSize(1);
    }

    @Test
    void qimenXmlCreateDedupesOnTheDeliveryOrderCode() {
        String xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?><request><deliveryOrder>"
                + "<deliveryOrderCode>DO-H1</deliveryOrderCode><warehouseCode>WH-HZ</warehouseCode></deliveryOrder>"
                + "<orderLines><orderLine><itemCode>A</itemCode></orderLine></orderLines></request>";
        String path = "/wms/router?method=taobao.qimen.deliveryorder.create&format=xml";
        Response first = post(path, null, "text/xml", xml);
        Response again = post(path, null, "text/xml", xml);

        first.then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/xml"));
        assertThat(first.asString()).contains("<flag>success</flag>").contains("<deliveryOrderId>WMS");
        assertThat(again.asString()).isEqualTo(first.asString());
        assertThat(sandbox.created(DownstreamSystem.WMS, "DO-H1")).isEqualTo(1);
        assertThat(sandbox.sent(DownstreamSystem.WMS, "DO-H1")).isEqualTo(2);
    }

    @Test
    void everySystemDedupesOnItsOwnHandle() {
        List<String[]> calls = List.of(new String[]{"/wms/waves", "waves", "W-1",
                "{\"waveNo\":\"W-1\",\"warehouse\":\"WH-HZ\",\"orders\":[{\"orderCode\":\"DO-1\"}]}"},
                new String[]{"/carrier/waybill", "carrier", "o-1", "{\"cp_code\":\"SF\",\"object_id\":\"o-1\"}"},
                new String[]{"/sms/send", "sms", "h1:SMS:1", "{\"PhoneNumbers\":\"13800000000\",\"SignName\":\"S\","
                        + "\"TemplateCode\":\"SMS_1\",\"OutId\":\"h1:SMS:1\"}"},
                new String[]{"/finance/receivables", "finance", "B-1", "{\"bizNo\":\"B-1\",\"amount\":100}"},
                new String[]{"/invoice/requests", "invoice", "R-1", "{\"requestId\":\"R-1\",\"amount\":60000}"});
        for (String[] c : calls) {
            Response first = post(c[0], "header-key-ignored-" + System.nanoTime(), "application/json", c[3]);
            Response again = post(c[0], null, "application/json", c[3]);
            first.then().statusCode(200);
            assertThat(again.asString()).as(c[0]).isEqualTo(first.asString());
            DownstreamSystem system = DownstreamSystem.fromCode(c[1]).orElseThrow();
            assertThat(sandbox.created(system, c[2])).as(c[0]).isEqualTo(1);
            assertThat(sandbox.book(system).entries()).as(c[0]).hasSize(1);
        }
        Response wave = post("/wms/waves", null, "application/json",
                "{\"waveNo\":\"W-1\",\"warehouse\":\"WH-HZ\",\"orders\":[{\"orderCode\":\"DO-1\"}]}");
        assertThat(wave.jsonPath().getString("waveId")).matches("WV\\d{12}");
        assertThat(post("/carrier/waybill", null, "application/json", "{\"object_id\":\"o-1\"}").jsonPath()
                .getString("waybill_code")).matches("SF\\d{12}");
    }

    @Test
    void smsTakesAliyunStyleFormParametersToo() {
        Response sent = given().contentType("application/x-www-form-urlencoded")
                .formParam("PhoneNumbers", "13800000000").formParam("SignName", "S").formParam("TemplateCode", "T")
                .formParam("OutId", "form-1").post(BASE + "/sms/send");

        sent.then().statusCode(200);
        assertThat(sent.jsonPath().getString("Code")).isEqualTo("OK");
        assertThat(sandbox.created(DownstreamSystem.SMS, "form-1")).isEqualTo(1);
    }

    @Test
    void downAnswers503AndFailNextFailsThatManyThenRecovers() {
        control("erp", "{\"down\":true}");
        post("/erp/orders", "k-down", "application/json", "{\"tid\":\"T-1\"}").then().statusCode(503);

        control("erp", "{\"failNext\":2}");
        post("/erp/orders", "k-down", "application/json", "{\"tid\":\"T-1\"}").then().statusCode(500);
        post("/erp/orders", "k-down", "application/json", "{\"tid\":\"T-1\"}").then().statusCode(500);
        post("/erp/orders", "k-down", "application/json", "{\"tid\":\"T-1\"}").then().statusCode(200);
        post("/erp/orders", "k-down", "application/json", "{\"tid\":\"T-1\"}").then().statusCode(200);

        JsonPath stats = given().get(BASE + "/control").then().statusCode(200).extract().jsonPath();
        assertThat(stats.getInt("erp.received")).isEqualTo(5);
        assertThat(stats.getInt("erp.failuresInjected")).isEqualTo(3);
        assertThat(stats.getInt("erp.distinctKeys")).isEqualTo(1);
        assertThat(stats.getInt("erp.duplicates")).isEqualTo(1);
        assertThat(stats.getInt("erp.created")).isEqualTo(1);
        assertThat(stats.getInt("erp.control.failNext")).isZero();
        assertThat(stats.getInt("wms.received")).isZero();
    }

    @Test
    void batchesFailOnlyTheItemsToldToFail() {
        control("wms", "{\"failItems\":[\"DO-B2\"]}");
        String batch = "{\"orders\":[{\"deliveryOrder\":{\"deliveryOrderCode\":\"DO-B1\"}},"
                + "{\"deliveryOrder\":{\"deliveryOrderCode\":\"DO-B2\"}}]}";
        JsonPath wms = post("/wms/router?method=taobao.qimen.deliveryorder.batchcreate", null, "application/json",
                batch)
                .then().statusCode(200).extract().jsonPath();

        assertThat(wms.getString("response.flag")).isEqualTo("failure");
        assertThat(wms.getList("response.orders.flag")).containsExactly("success", "failure");

        control("carrier", "{\"failItems\":[\"o-B2\"]}");
        JsonPath waybills = post("/carrier/waybill/batch", null, "application/json",
                "{\"cp_code\":\"SF\",\"trade_order_info_dtos\":[{\"object_id\":\"o-B1\"},{\"object_id\":\"o-B2\"}]}")
                .then().statusCode(200).extract().jsonPath();

        assertThat(waybills.getBoolean("success")).isFalse();
        assertThat(waybills.getList("modules.object_id")).containsExactly("o-B1");
        assertThat(waybills.getList("failed.object_id")).containsExactly("o-B2");
        JsonPath one = given().get(BASE + "/control/carrier").then().statusCode(200).extract().jsonPath();
        assertThat(one.getInt("failuresInjected")).isEqualTo(1);
        assertThat(one.getList("records.businessId")).containsExactly("o-B1");
    }

    @Test
    void delayMillisSlowsTheAnswerThroughTheRoutesDelayStep() {
        control("finance", "{\"delayMillis\":400}");
        long start = System.nanoTime();
        post("/finance/receivables", null, "application/json", "{\"bizNo\":\"slow-1\"}").then().statusCode(200);

        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(400);
    }

    @Test
    void controlsAreCheckedAndResetPerSystem() {
        given().contentType("application/json").body("{\"failShare\":3}").put(BASE + "/control/erp").then()
                .statusCode(400);
        given().get(BASE + "/control/nonsense").then().statusCode(404);
        post("/finance/receivables", null, "application/json", "{\"bizNo\":\"B-R\"}").then().statusCode(200);

        given().delete(BASE + "/control/finance").then().statusCode(200);

        assertThat(sandbox.book(DownstreamSystem.FINANCE).entries()).isEmpty();
        assertThat(sandbox.stats(DownstreamSystem.FINANCE)).containsEntry("received", 0L);
    }

    @Test
    void carrierEventsGoToTheHubAsKuaidi100Pushes() throws Exception {
        String waybill = post("/carrier/waybill", null, "application/json",
                "{\"cp_code\":\"YTO\",\"object_id\":\"o-E\"}")
                .jsonPath().getString("waybill_code");
        given().queryParam("waybill", waybill).queryParam("kind", "PICKUP").post(BASE + "/control/carrier/events")
                .then().statusCode(200);
        JsonPath sent = given().queryParam("waybill", waybill).queryParam("kind", "IN_TRANSIT")
                .post(BASE + "/control/carrier/events").then().statusCode(200).extract().jsonPath();

        assertThat(sent.getString("hubPath")).isEqualTo("/api/v1/status/carrier/kuaidi100");
        // the hub's status endpoint comes with the status issue; whatever it answers is reported
        assertThat(sent.getInt("hubStatus")).isBetween(200, 599);
        assertThat(sent.getString("contentType")).isEqualTo("application/x-www-form-urlencoded");
        Map<String, String> form = DownstreamEndpoint.decode(sent.getString("body"));
        assertThat(form.get("sign")).isEqualTo(StatusBodies.sign(form.get("param"), DownstreamEvents.KUAIDI100_SALT));
        JsonNode param = HttpReplies.mapper().readTree(form.get("param"));
        assertThat(param.at("/lastResult/nu").asText()).isEqualTo(waybill);
        assertThat(param.at("/lastResult/com").asText()).isEqualTo("yuantong");
        assertThat(param.at("/lastResult/state").asText()).isEqualTo("0");
        assertThat(param.at("/lastResult/data")).extracting(n -> n.path("status").asText()).containsExactly("在途", "揽收");
        assertThat(URLDecoder.decode(sent.getString("body").split("&")[0].substring(6), StandardCharsets.UTF_8))
                .isEqualTo(form.get("param"));
    }

    @Test
    void wmsOutboundEventsFindTheirOrderByWaybill() {
        post("/wms/router?method=taobao.qimen.deliveryorder.create", null, "application/json",
                "{\"deliveryOrder\":{\"deliveryOrderCode\":\"DO-E\",\"warehouseCode\":\"WH-SH\","
                        + "\"expressCode\":\"SF100000000042\"}}")
                .then().statusCode(200);
        JsonPath sent = given().queryParam("waybill", "SF100000000042").queryParam("kind", "OUTBOUND")
                .post(BASE + "/control/wms/events").then().statusCode(200).extract().jsonPath();

        assertThat(sent.getString("hubPath")).isEqualTo("/api/v1/status/wms/sandbox-wms");
        JsonPath body = new JsonPath(sent.getString("body"));
        assertThat(body.getString("orderCode")).isEqualTo("DO-E");
        assertThat(body.getString("status")).isEqualTo("OUTBOUND");
        assertThat(body.getString("warehouse")).isEqualTo("WH-SH");
        assertThat(body.getString("waybillNo")).isEqualTo("SF100000000042");
        assertThat(body.getString("operateTime")).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        given().queryParam("waybill", "unknown").queryParam("kind", "OUTBOUND").post(BASE + "/control/wms/events")
                .then().statusCode(400);
        given().queryParam("waybill", "SF1").queryParam("kind", "OUTBOUND").post(BASE + "/control/carrier/events")
                .then().statusCode(400);
    }
}
