package io.orderhub.rules.presale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.orderhub.rules.merge.MergeParams;
import io.orderhub.rules.merge.MergeRule;

/** The shipped parameter files read strictly (unknown fields refused) into valid parameters. */
class RuleFilesTest {

    static final YAMLMapper YAML = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @Test
    void presaleDefaults() throws Exception {
        PresaleParams p = YAML.readValue(Path.of("rules", PresaleRule.ID + ".yaml").toFile(), PresaleParams.class);
        new PresaleRule(new MemoryLedger()).validate(p);
        assertThat(p.balanceWindowHours()).isEqualTo(360);
        assertThat(p.balanceDeadline()).isNull();
    }

    @Test
    void mergeDefaults() throws Exception {
        MergeParams p = YAML.readValue(Path.of("rules", MergeRule.ID + ".yaml").toFile(), MergeParams.class);
        new MergeRule(null).validate(p);
        assertThat(p.windowMinutes()).isEqualTo(30);
        assertThat(p.includeHeld()).isFalse();
    }

    @Test
    void aMisspeltFieldIsRefused() {
        assertThatThrownBy(() -> YAML.readValue("balanceWindowHour: 10", PresaleParams.class))
                .isInstanceOf(UnrecognizedPropertyException.class);
    }
}
