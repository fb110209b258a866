package io.orderhub.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.orderhub.config.OrderHubConfig;
import io.orderhub.support.TestConfigs;

/** reject-pointer / reject-values: a 2xx refusal the downstream means for good is not retried. */
class HttpTransportRefusalTest {

    static OrderHubConfig.DownstreamSystem system(Map<String, String> props) {
        return TestConfigs.config(props).execute().systems().get("wms-cancel");
    }

    static final OrderHubConfig.DownstreamSystem QIMEN = system(Map.of(
            "orderhub.execute.systems.wms-cancel.url", "http://localhost/x",
            "orderhub.execute.systems.wms-cancel.success-pointer", "/response/flag",
            "orderhub.execute.systems.wms-cancel.success-value", "success",
            "orderhub.execute.systems.wms-cancel.reject-pointer", "/response/code",
            "orderhub.execute.systems.wms-cancel.reject-values", "ORDER_ALREADY_SHIPPED,B0001"));

    static final String SHIPPED = "{\"response\":{\"flag\":\"failure\",\"code\":\"ORDER_ALREADY_SHIPPED\"}}";

    @Test
    void aListedCodeInA2xxIsARefusal() {
        assertThat(HttpTransport.refused(QIMEN, 200, SHIPPED)).hasValue("ORDER_ALREADY_SHIPPED");
        assertThat(HttpTransport.refused(QIMEN, 200, "{\"response\":{\"flag\":\"failure\",\"code\":\"B0001\"}}"))
                .hasValue("B0001");
    }

    @Test
    void otherCodesErrorsAndSystemsWithoutThePointerAreNot() {
        assertThat(
                HttpTransport.refused(QIMEN, 200, "{\"response\":{\"flag\":\"failure\",\"code\":\"ORDER_NOT_FOUND\"}}"))
                .isEmpty();
        assertThat(HttpTransport.refused(QIMEN, 500, SHIPPED)).as("a 5xx stays retryable").isEmpty();
        assertThat(HttpTransport.refused(QIMEN, 200, "not json")).isEmpty();
        assertThat(HttpTransport.refused(QIMEN, null, SHIPPED)).isEmpty();
        OrderHubConfig.DownstreamSystem plain = system(Map.of("orderhub.execute.systems.wms-cancel.url",
                "http://localhost/x"));
        assertThat(HttpTransport.refused(plain, 200, SHIPPED)).isEmpty();
    }
}
