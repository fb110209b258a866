package io.orderhub.connector.platform.jd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JosSignTest {

    /**
     * The worked example of JD's developer guide (open.jd.com/v2/#/doc/dev-guide?listId=2643): secret "yourappSecret",
     * a jingdong.pop.order.search call, sign D70825340F4084360B9362B60DFD7930. Recorded with its input string as a
     * verified vector in a public signature-vector table (found through the code index).
     */
    @Test
    void matchesThePublishedExample() {
        Map<String, String> p = new HashMap<>();
        p.put("360buy_param_json", "{\"end_date\":null,\"optional_fields\":null,\"order_state\":"
                + "\"WAIT_SELLER_STOCK_OUT\",\"page\":\"1\",\"page_size\":\"200\",\"start_date\":null}");
        p.put("access_token", "yourtoken");
        p.put("app_key", "yourappkey");
        p.put("method", "jingdong.pop.order.search");
        p.put("timestamp", "2021-05-07 09:20:39.683+0800");
        p.put("v", "2.0");
        assertThat(JosSign.sign(p, "yourappSecret")).isEqualTo("D70825340F4084360B9362B60DFD7930");
    }

    @Test
    void signItselfDoesNotTakePart() {
        Map<String, String> p = new HashMap<>(Map.of("method", "m", "app_key", "k"));
        String unsigned = JosSign.sign(p, "s");
        p.put("sign", unsigned);
        assertThat(JosSign.sign(p, "s")).isEqualTo(unsigned);
    }
}
