package io.orderhub.execute;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Builds a downstream payload from a command input ({@code {order, evaluation, command}}) with the system's mapping
 * file ({@code mappings/downstream/<system>.jsonata}).
 */
public interface PayloadBuilder {

    /** Whether a mapping file exists for the system. */
    boolean has(String system);

    JsonNode build(String system, JsonNode commandInput);
}
