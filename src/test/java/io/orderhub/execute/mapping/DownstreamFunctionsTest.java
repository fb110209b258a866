package io.orderhub.execute.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

class DownstreamFunctionsTest {

    @Test
    void yuanFormatsFenWithTwoDecimalsHalfUp() {
        assertThat(DownstreamFunctions.yuan(3900L)).isEqualTo("39.00");
        assertThat(DownstreamFunctions.yuan(5)).isEqualTo("0.05");
        assertThat(DownstreamFunctions.yuan(-120L)).isEqualTo("-1.20");
        assertThat(DownstreamFunctions.yuan(10000.0 / 3)).isEqualTo("33.33");
        assertThat(DownstreamFunctions.yuan(0.5)).isEqualTo("0.01");
        assertThat(DownstreamFunctions.yuan(null)).isNull();
        assertThatThrownBy(() -> DownstreamFunctions.yuan("abc")).hasMessage("$yuan: 'abc' is not numeric");
    }

    @Test
    void priceDividesExactlyToEightDecimals() {
        assertThat(DownstreamFunctions.price(7307L, 2L)).isEqualTo("36.535");
        assertThat(DownstreamFunctions.price(7200L, 1L)).isEqualTo("72.00");
        assertThat(DownstreamFunctions.price(100L, 3L)).isEqualTo("0.33333333");
        assertThatThrownBy(() -> DownstreamFunctions.price(100L, 0L)).hasMessage("$price: quantity is 0");
    }

    @Test
    void localIsChinaWallClock() {
        assertThat(DownstreamFunctions.local("2024-04-10T13:05:11Z")).isEqualTo("2024-04-10 21:05:11");
        assertThat(DownstreamFunctions.local("2024-12-31T16:00:00Z")).isEqualTo("2025-01-01 00:00:00");
        assertThat(DownstreamFunctions.local(null)).isNull();
        assertThatThrownBy(() -> DownstreamFunctions.local("2024-04-10 21:05:11"))
                .hasMessageContaining("is not a UTC instant");
    }

    @Test
    void apportionSplitsDownwardsWithTheRemainderLast() {
        assertThat(DownstreamFunctions.apportion(1000L, List.of(7800L, 8000L))).containsExactly(493L, 507L);
        assertThat(DownstreamFunctions.apportion(1L, List.of(1L, 1L, 1L))).containsExactly(0L, 0L, 1L);
        assertThat(DownstreamFunctions.apportion(0L, List.of(5L, 5L))).containsExactly(0L, 0L);
        assertThat(DownstreamFunctions.apportion(300L, List.of(0L, 0L))).containsExactly(0L, 300L);
        assertThat(DownstreamFunctions.apportion(300L, 100L)).containsExactly(300L);
        List<Long> shares = DownstreamFunctions.apportion(999L, List.of(3L, 7L, 11L, 13L));
        assertThat(shares.stream().mapToLong(Long::longValue).sum()).isEqualTo(999L);
    }

    @Test
    void taxFenIsTheVatInsideAnInclusiveAmount() {
        assertThat(DownstreamFunctions.taxFen(11300L, "0.13")).isEqualTo(1300L);
        assertThat(DownstreamFunctions.taxFen(7307L, new BigDecimal("0.13"))).isEqualTo(841L);
        assertThat(DownstreamFunctions.taxFen(0L, "0.13")).isZero();
        assertThat(DownstreamFunctions.taxFen(null, "0.13")).isNull();
    }

    @Test
    void codeKeepsShortKeysReadableAndCutsLongOnesStably() {
        assertThat(DownstreamFunctions.code("abc:WMS:1", 50)).isEqualTo("abc-WMS-1");
        String key = "0190f1c2-7c5d-7e6f-a071-8c9d0e1f2031:INVOICE_REQUEST:12";
        String code = DownstreamFunctions.code(key, 40);
        assertThat(code).hasSize(40).startsWith("0190f1c2-7c5d-7e6f-a071-8c9d0e").matches("[A-Za-z0-9_-]+");
        assertThat(DownstreamFunctions.code(key, 40)).isEqualTo(code);
        assertThat(DownstreamFunctions.code(key.replace(":12", ":13"), 40)).isNotEqualTo(code);
        assertThatThrownBy(() -> DownstreamFunctions.code(key, 8)).hasMessageContaining("below 12");
    }
}
