package io.orderhub.connector.platform.pdd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.orderhub.connector.api.PlatformException;
import io.orderhub.connector.api.PlatformRequest;
import io.orderhub.connector.api.PlatformResponse;
import io.orderhub.connector.api.Shipment;
import io.orderhub.connector.platform.Wire;

/** pdd.logistics.online.send: parameters, the PDD signature, answers and classes. */
class PddShipTest {

    private final PddApi api = new PddApi();

    @Test
    void shipIsASignedFormCall() {
        PlatformRequest r = api.ship(PddApiTest.SHOP, new Shipment("240318-123456789012345", List.of(), "YD0001",
                "121"), PddApiTest.NOW);
        Map<String, String> p = Wire.form(r.body());
        assertThat(p).containsEntry("type", "pdd.logistics.online.send").containsEntry("access_token", "token-1")
                .containsEntry("order_sn", "240318-123456789012345").containsEntry("logistics_id", "121")
                .containsEntry("tracking_number", "YD0001");
        Map<String, String> unsigned = new LinkedHashMap<>(p);
        unsigned.remove("sign");
        assertThat(p.get("sign")).isEqualTo(PddSign.sign(unsigned, "secret-1"));
    }

    @Test
    void answersAreRead() {
        assertThat(api.readShip(answer("{\"logistics_online_send_response\":{\"is_success\":true}}"))
                .alreadyShipped()).isFalse();
        assertThat(api.readShip(error(50000, "订单已发货")).alreadyShipped()).isTrue();
        assertThatThrownBy(() -> api.readShip(error(50000, "快递公司不存在")))
                .isInstanceOfSatisfying(PlatformException.class,
                        e -> assertThat(e.kind()).isEqualTo(PlatformException.Kind.WRONG_CARRIER_CODE));
    }

    @Test
    void detailsReadAsShippedOnlyFromStatusTwo() {
        assertThat(api.readShipped(detail(1, ""))).contains(new io.orderhub.connector.api.ShippedView(false,
                java.util.Set.of()));
        assertThat(api.readShipped(detail(2, "YD0001"))).contains(new io.orderhub.connector.api.ShippedView(true,
                java.util.Set.of("YD0001")));
    }

    static io.orderhub.connector.api.FetchedOrder detail(int status, String waybill) {
        return new io.orderhub.connector.api.FetchedOrder("1", "application/json", ("{\"order_info_get_response\":"
                + "{\"order_info\":{\"order_sn\":\"1\",\"order_status\":" + status + ",\"tracking_number\":\""
                + waybill + "\"}}}").getBytes(StandardCharsets.UTF_8), null);
    }

    static PlatformResponse error(int code, String subMsg) {
        return answer("{\"error_response\":{\"error_code\":" + code + ",\"error_msg\":\"业务失败\",\"sub_msg\":\""
                + subMsg + "\"}}");
    }

    static PlatformResponse answer(String json) {
        return new PlatformResponse(200, Map.of(), json.getBytes(StandardCharsets.UTF_8));
    }
}
