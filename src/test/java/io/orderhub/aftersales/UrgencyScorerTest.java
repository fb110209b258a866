package io.orderhub.aftersales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** The shipped keyword lists (rules/aftersales-urgency.yaml) over buyer texts as they arrive. */
class UrgencyScorerTest {

    static UrgencyRule.Params params;

    @BeforeAll
    static void load() throws Exception {
        params = new ObjectMapper(new YAMLFactory()).readValue(
                Files.readAllBytes(Path.of("rules/aftersales-urgency.yaml")), UrgencyRule.Params.class);
        new UrgencyRule().validate(params);
    }

    static UrgencyScorer.Score score(String text) {
        return UrgencyScorer.score(params, text, "test");
    }

    @Test
    void complaintsFraudAndPublicExposureAreP0() {
        assertThat(score("收到的是假货！你们就是骗子，我已经打了12315投诉").urgency()).isEqualTo("P0");
        assertThat(score("收到的是假货！你们就是骗子，我已经打了12315投诉").matched())
                .containsExactly("投诉", "骗子", "12315", "假货");
        assertThat(score("等了半个月还没发货，太失望了").urgency()).isEqualTo("P0");
        assertThat(score("再不处理我就去消协，顺便发微博曝光").matched()).contains("消协", "曝光");
    }

    @Test
    void refundsReturnsMissingAndDamagedGoodsAreP1() {
        assertThat(score("快递显示签收了但我没收到，麻烦查一下").urgency()).isEqualTo("P1");
        assertThat(score("杯子到手就破损了，申请退货").matched()).containsExactly("退货", "破损");
        assertThat(score("我要退款").urgency()).isEqualTo("P1");
    }

    @Test
    void theMostUrgentLevelWins() {
        UrgencyScorer.Score s = score("东西坏了，不给退款我就投诉");
        assertThat(s.urgency()).isEqualTo("P0");
        assertThat(s.matched()).containsExactlyInAnyOrder("投诉", "退款", "坏了");
    }

    @Test
    void fullWidthCaseAndSpacesAreNormalised() {
        assertThat(score("已经拨打１２３１５了").matched()).containsExactly("12315");
        assertThat(score("我要 投 诉 你们").urgency()).isEqualTo("P0");
        assertThat(UrgencyScorer.normalise("ＡＢＣ　ｄｅｆ")).isEqualTo("abcdef");
    }

    @Test
    void questionsDefaultsAndEmptyTexts() {
        assertThat(score("请问什么时候发货？").urgency()).isEqualTo("P2");
        assertThat(score("包装很好，谢谢").urgency()).isEqualTo("P3");
        assertThat(score("包装很好，谢谢").matched()).isEmpty();
        assertThat(score("  ").urgency()).isEqualTo("P2");
        assertThat(score(null).urgency()).isEqualTo("P2");
    }

    @Test
    void unusableListsAreRefused() {
        UrgencyRule rule = new UrgencyRule();
        assertThatThrownBy(() -> rule.validate(new UrgencyRule.Params(List.of(new UrgencyRule.Level("P5",
                List.of("投诉"))), "P3", "P2"))).hasMessageContaining("P0..P3");
        assertThatThrownBy(() -> rule.validate(new UrgencyRule.Params(List.of(new UrgencyRule.Level("P0",
                List.of("　"))), "P3", "P2"))).hasMessageContaining("non-blank");
        assertThatThrownBy(() -> rule.validate(new UrgencyRule.Params(List.of(), "P3", "P2")))
                .hasMessageContaining("levels");
    }
}
