package io.orderhub.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.dashjoin.jsonata.Jsonata;

class JsonataFunctionsTest {

    @ParameterizedTest
    @CsvSource({"76.00,7600", "0.01,1", "13.8,1380", "88,8800", "-5.50,-550", "12.340,1234", "0,0",
            "1234567890123.45,123456789012345"})
    void fenConvertsYuanStringsExactly(String yuan, long fen) {
        assertThat(JsonataFunctions.fen(yuan)).isEqualTo(fen);
    }

    @Test
    void fenAcceptsNumbersWithoutFloatingPointDrift() {
        assertThat(JsonataFunctions.fen(new BigDecimal("19.99"))).isEqualTo(1999L);
        assertThat(JsonataFunctions.fen(0.29d)).isEqualTo(29L);
        assertThat(JsonataFunctions.fen(3L)).isEqualTo(300L);
        assertThat(JsonataFunctions.fen(new BigDecimal("1.0"))).isEqualTo(100L);
    }

    @Test
    void fenIsNullSafe() {
        assertThat(JsonataFunctions.fen(null)).isNull();
        assertThat(JsonataFunctions.fen("")).isNull();
        assertThat(JsonataFunctions.fen(Jsonata.NULL_VALUE)).isNull();
    }

    @Test
    void fenRejectsThirdDecimalAndNonNumbersNamingTheValue() {
        assertThatThrownBy(() -> JsonataFunctions.fen("12.345")).isInstanceOf(MappingException.class)
                .hasMessage("mapping: $fen: '12.345' has more than 2 decimals");
        assertThatThrownBy(() -> JsonataFunctions.fen("12,00")).hasMessage("mapping: $fen: '12,00' is not numeric");
        assertThatThrownBy(() -> JsonataFunctions.fen("abc")).hasMessageContaining("'abc'");
    }

    @Test
    void intParsesStringsAndNumbers() {
        assertThat(JsonataFunctions.toInt("3")).isEqualTo(3L);
        assertThat(JsonataFunctions.toInt(7)).isEqualTo(7L);
        assertThat(JsonataFunctions.toInt(new BigDecimal("2.0"))).isEqualTo(2L);
        assertThat(JsonataFunctions.toInt(null)).isNull();
        assertThat(JsonataFunctions.toInt("")).isNull();
        assertThatThrownBy(() -> JsonataFunctions.toInt("1.5"))
                .hasMessage("mapping: $int: '1.5' is not a whole number");
        assertThatThrownBy(() -> JsonataFunctions.toInt("x")).hasMessage("mapping: $int: 'x' is not numeric");
    }

    @ParameterizedTest
    @CsvSource({"2024-05-01 10:03:04,2024-05-01T02:03:04Z", "2024-05-01T10:03:04,2024-05-01T02:03:04Z",
            "2024/05/01 10:03:04,2024-05-01T02:03:04Z", "2013-11-10 14:22:38,2013-11-10T06:22:38Z",
            "2024-01-01 03:00:00,2023-12-31T19:00:00Z", "1714528984,2024-05-01T02:03:04Z",
            "1714528984000,2024-05-01T02:03:04Z", "1625637425016,2021-07-07T05:57:05.016Z",
            "2025-01-23T01:59:37-05:00,2025-01-23T06:59:37Z", "2024-05-01T02:03:04Z,2024-05-01T02:03:04Z",
            "2024-05-01T10:03:04+08:00,2024-05-01T02:03:04Z"})
    void utcNormalizesPlatformTimes(String in, String expected) {
        assertThat(JsonataFunctions.utc(in)).isEqualTo(expected);
    }

    @Test
    void utcTakesEpochNumbersAndTreatsEmptyAsNull() {
        assertThat(JsonataFunctions.utc(1714528984L)).isEqualTo("2024-05-01T02:03:04Z");
        assertThat(JsonataFunctions.utc(new BigInteger("1714528984000"))).isEqualTo("2024-05-01T02:03:04Z");
        assertThat(JsonataFunctions.utc(null)).isNull();
        assertThat(JsonataFunctions.utc("")).isNull();
        assertThat(JsonataFunctions.utc(0)).isNull();
        assertThat(JsonataFunctions.utc("0")).isNull();
        assertThat(JsonataFunctions.utc("0001-01-01 00:00:00")).isNull();
        assertThat(JsonataFunctions.utc("0000-00-00 00:00:00")).isNull();
    }

    @Test
    void utcRejectsUnknownLayouts() {
        assertThatThrownBy(() -> JsonataFunctions.utc("01.05.2024 10:00"))
                .hasMessage("mapping: $utc: '01.05.2024 10:00' is not a supported time");
    }

    @ParameterizedTest
    @CsvSource({"138****0000,MASKED", "1389289****,MASKED", "029-8597****,MASKED", "136*******5,MASKED",
            "17012345678-1234,VIRTUAL", "17012345678转1234,VIRTUAL", "17012345678_1234,VIRTUAL",
            "17012345678#1234,VIRTUAL", "13800138000,PLAIN", "010-81888988,PLAIN", "+8613800138000,PLAIN",
            "0755 8888 6666,PLAIN", "$$WN9n0LvAAeH9hbAMDlBvxg==*CgwIARCtHBiqIyABKAESPgo8n5U$1$$,ENCRYPTED",
            "##AAbbCC*ddEE#1##,ENCRYPTED", "~AgAAAPMNBmYKe7ysJ/Jn~1~,ENCRYPTED",
            "AAS/ZFJFpmfveSmeZ0P9i+iPiAVtOMmowMRtStdbSOA32r6wKNWTMeyV2CU1umLIhl0=,ENCRYPTED",
            "656233eb3c9d6035653f5a6d7f5965ac0c53815f3e9b785c17d35366fbbb72f1b52994,ENCRYPTED"})
    void phoneKindClassifies(String phone, String kind) {
        assertThat(JsonataFunctions.phoneKind(phone)).isEqualTo(kind);
    }

    @Test
    void phoneKindNullSafeAndNeverEchoesTheNumber() {
        assertThat(JsonataFunctions.phoneKind(null)).isNull();
        assertThat(JsonataFunctions.phoneKind("")).isNull();
        assertThatThrownBy(() -> JsonataFunctions.phoneKind("call me"))
                .hasMessage("mapping: $phoneKind: phone of 7 characters matches no known form");
    }

    @Test
    void strKeepsIntegersExact() {
        assertThat(JsonataFunctions.str(new BigInteger("4175523456789012345"))).isEqualTo("4175523456789012345");
        assertThat(JsonataFunctions.str(452790065331038L)).isEqualTo("452790065331038");
        assertThat(JsonataFunctions.str(5.0d)).isEqualTo("5");
        assertThat(JsonataFunctions.str(new BigDecimal("1.50"))).isEqualTo("1.50");
        assertThat(JsonataFunctions.str(true)).isEqualTo("true");
        assertThat(JsonataFunctions.str("")).isNull();
        assertThat(JsonataFunctions.str(null)).isNull();
        assertThatThrownBy(() -> JsonataFunctions.str(Map.of())).hasMessageContaining("expects a scalar");
    }

    @Test
    void nzFallsBackOnNullAbsentOrEmpty() {
        assertThat(JsonataFunctions.nz("a", "d")).isEqualTo("a");
        assertThat(JsonataFunctions.nz("", "d")).isEqualTo("d");
        assertThat(JsonataFunctions.nz(null, "d")).isEqualTo("d");
        assertThat(JsonataFunctions.nz(Jsonata.NULL_VALUE, "d")).isEqualTo("d");
        assertThat(JsonataFunctions.nz(0L, "d")).isEqualTo(0L);
    }

    @Test
    void jsonParsesStringsWithExactNumbers() {
        Object parsed = JsonataFunctions
                .json("{\"p_id\":4705288465508532862,\"big\":9705288465508532862,\"fee\":19.90,\"a\":[1]}");
        assertThat(parsed).isInstanceOf(Map.class);
        Map<?, ?> map = (Map<?, ?>) parsed;
        assertThat(map.get("p_id")).isEqualTo(4705288465508532862L);
        assertThat(map.get("big")).isEqualTo(new BigInteger("9705288465508532862"));
        assertThat(map.get("fee")).isEqualTo(new BigDecimal("19.90"));
        assertThat(map.get("a")).isEqualTo(List.of(1));
        assertThat(JsonataFunctions.json(null)).isNull();
        Map<String, Object> already = Map.of("x", 1);
        assertThat(JsonataFunctions.json(already)).isSameAs(already);
        assertThatThrownBy(() -> JsonataFunctions.json("{oops")).hasMessageStartingWith("mapping: $json:");
    }

    @Test
    void formDecodeUrlDecodes() {
        assertThat(JsonataFunctions.formDecode("%7B%22tid%22%3A%22E1%22%7D+x")).isEqualTo("{\"tid\":\"E1\"} x");
        assertThat(JsonataFunctions.formDecode(null)).isNull();
        assertThatThrownBy(() -> JsonataFunctions.formDecode("%zz"))
                .hasMessage("mapping: $formDecode: malformed %-escape");
    }

    @ParameterizedTest
    @CsvSource({"WAIT_BUYER_PAY,PENDING_PAYMENT", "TRADE_FINISHED,COMPLETED"})
    void statusLooksUpKnownCodes(String code, String canonical) {
        StatusTable table = new StatusTable("demo", Map.of("WAIT_BUYER_PAY", "PENDING_PAYMENT", "TRADE_FINISHED",
                "COMPLETED"), Map.of("SUCCESS", "REFUNDED"), java.util.Set.of("NO_REFUND"));
        assertThat(table.status(code)).isEqualTo(canonical);
    }

    @Test
    void unknownStatusCodesFailNamingTheCode() {
        StatusTable table = new StatusTable("demo", Map.of("1", "PAID"), Map.of("SUCCESS", "REFUNDED"),
                java.util.Set.of("NO_REFUND"));
        assertThatThrownBy(() -> table.status("9"))
                .hasMessage("unknown_status: demo order status '9' not in mappings/status/demo.yaml");
        assertThatThrownBy(() -> table.status(null)).hasMessageContaining("order status 'null'");
        assertThat(table.afterSales("NO_REFUND")).isEqualTo("NONE");
        assertThat(table.afterSales("SUCCESS")).isEqualTo("REFUNDED");
        assertThatThrownBy(() -> table.afterSales(null))
                .hasMessage("unknown_status: demo after-sales status 'null' not in mappings/status/demo.yaml");
        assertThatThrownBy(() -> table.afterSales("WAIT")).hasMessageContaining("'WAIT'");
    }

    @Test
    void afterSalesNullIsNoneOnlyWhenTheYamlSaysSo() {
        StatusTable table = new StatusTable("demo", Map.of(), Map.of(), java.util.Set.of("", "0"));
        assertThat(table.afterSales(null)).isEqualTo("NONE");
        assertThat(table.afterSales("0")).isEqualTo("NONE");
    }
}
