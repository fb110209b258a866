package io.orderhub.connector.platform.pdd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PddSignTest {

    /**
     * No published PDD vector was found; the expected value is computed here with MessageDigest directly, following
     * the algorithm as the PDD SDKs implement it (github.com/bububa/openpdd core/client.go sign: secret + sorted
     * key+value pairs + secret, MD5, upper-case hex).
     */
    @Test
    void upperMd5OverSecretSortedPairsSecret() throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("type", "pdd.order.information.get");
        params.put("timestamp", "1710753180");
        params.put("client_id", "cid-1");
        params.put("order_sn", "240318-422796379670125");
        params.put("data_type", "JSON");
        params.put("access_token", "tok");
        String plain = "sec" + "access_tokentok" + "client_idcid-1" + "data_typeJSON"
                + "order_sn240318-422796379670125" + "timestamp1710753180" + "typepdd.order.information.get" + "sec";
        String expected = HexFormat.of()
                .formatHex(MessageDigest.getInstance("MD5").digest(plain.getBytes(StandardCharsets.UTF_8)))
                .toUpperCase(Locale.ROOT);

        assertThat(PddSign.sign(params, "sec")).isEqualTo(expected);
        params.put("sign", "IGNORED");
        assertThat(PddSign.sign(params, "sec")).as("sign itself is not signed").isEqualTo(expected);
        assertThat(PddSign.sign(params, "other")).isNotEqualTo(expected);
    }
}
