package io.orderhub.rules.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** The shipped rules/*.yaml files of these rules read into their parameter records (unknown fields refused). */
class RuleFilesTest {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    static <P> P read(String id, Class<P> type) throws IOException {
        return YAML.readValue(Path.of("rules", id + ".yaml").toFile(), type);
    }

    @Test
    void theShippedFilesParseAndValidate() throws IOException {
        InventoryParams inventory = read(InventoryRule.ID, InventoryParams.class);
        KitSplitParams kits = read(KitSplitRule.ID, KitSplitParams.class);
        B2bCatalogParams b2b = read(B2bCatalogRule.ID, B2bCatalogParams.class);

        new InventoryRule(null).validate(inventory);
        new KitSplitRule().validate(kits);
        new B2bCatalogRule(null, null).validate(b2b);
        assertThat(inventory.statuses()).contains("PAID");
        assertThat(kits.kits()).isNotEmpty();
        assertThat(b2b.requireListed()).isTrue();
    }

    @Test
    void unknownFieldsAreRefused() {
        assertThatThrownBy(() -> YAML.readValue("holdTimout: 24h", InventoryParams.class))
                .isInstanceOf(UnrecognizedPropertyException.class);
    }
}
