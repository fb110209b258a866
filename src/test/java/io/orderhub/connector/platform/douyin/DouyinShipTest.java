package io.orderhub.connector.platform.douyin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.orderhub.connector.api.PlatformException;
import io.orderhub.connector.api.PlatformRequest;
import io.orderhub.connector.api.PlatformResponse;
import io.orderhub.connector.api.Shipment;

/** order.logisticsAdd / logisticsAddMultiPack: parameters, the 抖店 signature, answers and classes. */
class DouyinShipTest {

    private final DouyinApi api = new DouyinApi();

    @Test
    void wholeOrderUsesLogisticsAddSignedLikeEveryCall() throws Exception {
        PlatformRequest r = api.ship(DouyinApiTest.SHOP, new Shipment("4781234567890", List.of(), "SF0001",
                "shunfeng"), DouyinApiTest.NOW);
        JsonNode body = new ObjectMapper().readTree(r.body());
        assertThat(r.operation()).isEqualTo("order.logisticsAdd");
        assertThat(body.path("order_id").asText()).isEqualTo("4781234567890");
        assertThat(body.path("company_code").asText()).isEqualTo("shunfeng");
        assertThat(body.path("logistics_code").asText()).isEqualTo("SF0001");
        String json = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(r.query().get("sign")).isEqualTo(DouyinSign.sign(DouyinSign.HMAC, "7001", "secret-1",
                "order.logisticsAdd", json, r.query().get("timestamp")));
    }

    @Test
    void partShipmentIsOnePackNamingTheSubOrders() throws Exception {
        PlatformRequest r = api.ship(DouyinApiTest.SHOP, new Shipment("478", List.of("4781", "4782"), "YT9",
                "yuantong"), DouyinApiTest.NOW);
        JsonNode pack = new ObjectMapper().readTree(r.body()).path("pack_list").path(0);
        assertThat(r.operation()).isEqualTo("order.logisticsAddMultiPack");
        assertThat(pack.path("logistics_code").asText()).isEqualTo("YT9");
        assertThat(pack.path("shipped_order_info").findValuesAsText("shipped_order_id")).containsExactly("4781",
                "4782");
    }

    @Test
    void answersAreRead() {
        assertThat(api.readShip(answer("{\"code\":10000,\"msg\":\"success\",\"data\":{}}")).alreadyShipped())
                .isFalse();
        assertThatThrownBy(() -> api.readShip(answer("{\"code\":40004,\"msg\":\"参数错误\",\"sub_code\":"
                + "\"isv.parameter-invalid\",\"sub_msg\":\"物流公司不存在\"}")))
                .isInstanceOfSatisfying(PlatformException.class,
                        e -> assertThat(e.kind()).isEqualTo(PlatformException.Kind.WRONG_CARRIER_CODE));
        assertThatThrownBy(() -> api.readShip(answer("{\"code\":30002,\"msg\":\"token过期\",\"sub_code\":"
                + "\"isv.access-token-expired\",\"sub_msg\":\"access_token已过期\"}")))
                .isInstanceOfSatisfying(PlatformException.class,
                        e -> assertThat(e.kind()).isEqualTo(PlatformException.Kind.AUTH_EXPIRED));
    }

    @Test
    void theDetailSampleReadsAsShippedWithItsWaybill() throws Exception {
        byte[] sample = getClass()
                .getResourceAsStream("/sandbox/douyin/douyin_doudian__order_orderDetail_response.json")
                .readAllBytes();
        assertThat(api.readShipped(new io.orderhub.connector.api.FetchedOrder("1", "application/json", sample, null)))
                .contains(new io.orderhub.connector.api.ShippedView(true, java.util.Set.of("3617355413")));
    }

    static PlatformResponse answer(String json) {
        return new PlatformResponse(200, Map.of(), json.getBytes(StandardCharsets.UTF_8));
    }
}
