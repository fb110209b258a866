package io.orderhub.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.orderhub.support.Fixtures;

class PayloadFormatTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static IntakeRejection rejected(String mediaType, String body) {
        IntakeRejection rejection = catchThrowableOfType(IntakeRejection.class,
                () -> PayloadFormat.check(mediaType, utf8(body)));
        assertThat(rejection).as("%s body %s should be refused", mediaType, body).isNotNull();
        assertThat(rejection.status()).isEqualTo(400);
        assertThat(rejection.reason()).isEqualTo("malformed_payload");
        return rejection;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {"application/json|application/json",
            "application/json; charset=UTF-8|application/json", " Application/JSON ;charset=utf-8|application/json",
            "text/xml|text/xml", "application/x-www-form-urlencoded;charset=GBK|application/x-www-form-urlencoded",
            "NULL|NULL"})
    void mediaTypeDropsParametersAndCase(String contentType, String expected) {
        assertThat(PayloadFormat.mediaType(contentType)).isEqualTo(expected);
    }

    @Test
    void everyRealPushFixtureIsWellFormedJson() {
        for (String name : Fixtures.DOUYIN) {
            assertThatCode(() -> PayloadFormat.check("application/json", Fixtures.bytes(name)))
                    .doesNotThrowAnyException();
        }
        for (String name : Fixtures.YOUZAN) {
            assertThatCode(() -> PayloadFormat.check("application/json", Fixtures.bytes(name)))
                    .doesNotThrowAnyException();
        }
        for (String name : Fixtures.WECHAT) {
            assertThatCode(() -> PayloadFormat.check("application/json", Fixtures.bytes(name)))
                    .doesNotThrowAnyException();
        }
        assertThatCode(() -> PayloadFormat.check("application/json", Fixtures.bytes(Fixtures.SHOPIFY)))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{\"tag\":\"100\",\"msg_id\":\"1\",\"data\":\"{}\"}]", "{}", "[]", "  {\"a\":[1,2,{}]}\n",
            "{\"p_id\": 4705288465508532862123}"})
    void objectsAndArraysAreAccepted(String body) {
        assertThatCode(() -> PayloadFormat.check("application/json", utf8(body))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"a\":", "{\"a\" 1}", "{'a':1}", "{\"a\":1}}", "{\"a\":1} {\"b\":2}",
            "{\"a\":1} trailing", "\"just a string\"", "42", "null", "not json at all", "<xml/>"})
    void malformedOrScalarJsonIsRefused(String body) {
        rejected("application/json", body);
    }

    @Test
    void jsonSuffixMediaTypesAreCheckedAsJson() {
        rejected("application/vnd.orderhub+json", "{");
    }

    @Test
    void emptyBodyIsRefusedForEveryMediaType() {
        for (String type : new String[]{"application/json", "text/xml", "application/x-www-form-urlencoded",
                "text/plain"}) {
            IntakeRejection rejection = catchThrowableOfType(IntakeRejection.class,
                    () -> PayloadFormat.check(type, new byte[0]));
            assertThat(rejection).isNotNull();
            assertThat(rejection.reason()).isEqualTo("malformed_payload");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"<xml><ToUserName><![CDATA[gh_*]]></ToUserName><Encrypt>abc</Encrypt></xml>",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Request service=\"RoutePushService\"><Body/></Request>",
            "<a>中文</a>"})
    void wellFormedXmlIsAccepted(String body) {
        assertThatCode(() -> PayloadFormat.check("application/xml", utf8(body))).doesNotThrowAnyException();
        assertThatCode(() -> PayloadFormat.check("text/xml", utf8(body))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"<a>", "<a></b>", "<a>&undefined;</a>", "<a/><b/>", "just text", "<a x=1/>"})
    void malformedXmlIsRefused(String body) {
        rejected("text/xml", body);
    }

    @Test
    void xmlWithInternalDtdIsRefused() {
        rejected("application/xml", "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x \"y\">]><a>hi</a>");
    }

    @Test
    void xmlWithExternalDtdIsRefused() {
        rejected("text/xml", "<?xml version=\"1.0\"?><!DOCTYPE a SYSTEM \"http://127.0.0.1:9/x.dtd\"><a>hi</a>");
    }

    @Test
    void billionLaughsIsRefused() {
        rejected("text/xml", "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]><lolz>&lol3;</lolz>");
    }

    @Test
    void externalEntityIsRefusedAndNotRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("secret.txt");
        Files.writeString(file, "FILE-CONTENT");
        IntakeRejection rejection = rejected("text/xml",
                "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"" + file.toUri() + "\">]><a>&x;</a>");

        assertThat(rejection.getMessage()).doesNotContain("FILE-CONTENT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"param=%7B%22com%22%3A%22yuantong%22%7D&sign=ABC", "a=1", "a=&b", "中文=值"})
    void wellFormedFormIsAccepted(String body) {
        assertThatCode(() -> PayloadFormat.check("application/x-www-form-urlencoded", utf8(body)))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"param=%7", "a=%zz", "sign=%"})
    void brokenPercentEncodingIsRefused(String body) {
        rejected("application/x-www-form-urlencoded", body);
    }

    @Test
    void plainTextIsOnlyRequiredToBeNonEmpty() {
        assertThatCode(() -> PayloadFormat.check("text/plain", utf8("{ not json"))).doesNotThrowAnyException();
    }
}
