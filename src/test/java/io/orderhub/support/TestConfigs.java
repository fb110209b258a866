package io.orderhub.support;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.orderhub.config.OrderHubConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The real {@link OrderHubConfig} mapping (with its {@code @WithDefault}s) built from a few properties by SmallRye
 * Config alone, so plain unit tests get the settings the hub would get without starting Quarkus.
 */
public final class TestConfigs {

    private TestConfigs() {
    }

    /** The mapping with every default and the given {@code orderhub.*} properties on top. */
    public static OrderHubConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(OrderHubConfig.class)
                // Quarkus' own converter, so "5m" and "10s" read as they do in the hub
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(new HashMap<>(properties), "unit-test", 400))
                .build();
        return config.getConfigMapping(OrderHubConfig.class);
    }

    public static OrderHubConfig defaults() {
        return config(Map.of());
    }
}
