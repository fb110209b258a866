package io.orderhub.connector.platform.douyin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

/**
 * No published doudian vector was found; expected values are computed here with Mac / MessageDigest directly from the
 * pattern documented at op.jinritemai.com/docs/guide-docs/10/813 and implemented by the official Go SDK
 * (github.com/zsmhub/doudian-sdk utils/sign_util.go Sign).
 */
class DouyinSignTest {

    private static final String PATTERN = "sec" + "app_key" + "7001" + "method" + "order.orderDetail" + "param_json"
            + "{\"shop_order_id\":\"4781320682406083640\"}" + "timestamp" + "1617355413" + "v2" + "sec";

    @Test
    void hmacSha256KeyedWithTheSecret() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("sec".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal(PATTERN.getBytes(StandardCharsets.UTF_8)));

        assertThat(DouyinSign.sign("hmac-sha256", "7001", "sec", "order.orderDetail",
                "{\"shop_order_id\":\"4781320682406083640\"}", "1617355413")).isEqualTo(expected);
    }

    @Test
    void md5WhenSignMethodIsMd5() throws Exception {
        String expected = HexFormat.of()
                .formatHex(MessageDigest.getInstance("MD5").digest(PATTERN.getBytes(StandardCharsets.UTF_8)));

        assertThat(DouyinSign.sign("md5", "7001", "sec", "order.orderDetail",
                "{\"shop_order_id\":\"4781320682406083640\"}", "1617355413")).isEqualTo(expected);
    }

    @Test
    void paramJsonIsCompactSortedAndNotHtmlEscaped() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("size", 100);
        p.put("order_asc", true);
        p.put("product", "<鞋&袜>");
        p.put("page", 0);

        assertThat(DouyinSign.paramJson(p))
                .isEqualTo("{\"order_asc\":true,\"page\":0,\"product\":\"<鞋&袜>\",\"size\":100}");
    }
}
