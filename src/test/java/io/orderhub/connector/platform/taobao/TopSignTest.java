package io.orderhub.connector.platform.taobao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class TopSignTest {

    /**
     * The worked example of open.taobao.com docId=101617 ("API调用方法详解", 签名算法): secret "helloworld", sign
     * 66987CB115214E59E6EC978214934FB8. The same vector is asserted in public SDK tests (an Elixir TOP client's
     * util test and a Python TOP client's test_sign, found through the code index).
     */
    private static Map<String, String> docExample(String signMethod) {
        Map<String, String> p = new HashMap<>();
        p.put("method", "taobao.item.seller.get");
        p.put("app_key", "12345678");
        p.put("session", "test");
        p.put("timestamp", "2016-01-01 12:00:00");
        p.put("format", "json");
        p.put("v", "2.0");
        p.put("sign_method", signMethod);
        p.put("fields", "num_iid,title,nick,price,num");
        p.put("num_iid", "11223344");
        return p;
    }

    @Test
    void md5MatchesThePublishedExample() {
        assertThat(TopSign.sign(docExample("md5"), "helloworld", TopSign.MD5))
                .isEqualTo("66987CB115214E59E6EC978214934FB8");
    }

    @Test
    void hmacSha256IsTheMacOfTheSortedConcatenation() throws Exception {
        // the documented concatenation, written out by hand: sorted names, name+value, no secret wrapping
        String text = "app_key12345678fieldsnum_iid,title,nick,price,numformatjsonmethodtaobao.item.seller.get"
                + "num_iid11223344sessiontestsign_methodhmac-sha256timestamp2016-01-01 12:00:00v2.0";
        assertThat(TopSign.sign(docExample("hmac-sha256"), "helloworld", TopSign.HMAC_SHA256))
                .isEqualTo(mac("HmacSHA256", "helloworld", text));
    }

    @Test
    void hmacIsHmacMd5OfTheSortedConcatenation() throws Exception {
        String text = "app_key12345678fieldsnum_iid,title,nick,price,numformatjsonmethodtaobao.item.seller.get"
                + "num_iid11223344sessiontestsign_methodhmactimestamp2016-01-01 12:00:00v2.0";
        assertThat(TopSign.sign(docExample("hmac"), "helloworld", TopSign.HMAC))
                .isEqualTo(mac("HmacMD5", "helloworld", text));
    }

    @Test
    void signAndEmptyValuesDoNotTakePart() {
        Map<String, String> withExtras = docExample("md5");
        withExtras.put("sign", "ABC");
        withExtras.put("buyer_nick", "");
        assertThat(TopSign.sign(withExtras, "helloworld", TopSign.MD5)).isEqualTo("66987CB115214E59E6EC978214934FB8");
    }

    @Test
    void unknownMethodIsRefused() {
        assertThatThrownBy(() -> TopSign.sign(docExample("sha1"), "s", "sha1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String mac(String algorithm, String key, String text) throws Exception {
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
        return HexFormat.of().withUpperCase().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
