package io.orderhub.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Outcome of mapping one raw payload: a canonical order, a thin status notice, or a park reason. */
public sealed interface MappingResult {

    /** A canonical order that passed schema validation. */
    record Mapped(ObjectNode order, String mappingVersion) implements MappingResult {
    }

    /** A thin push carrying only an id and a status; the connector must fetch the order itself. */
    record Notice(String platformOrderId, String platformStatus, String updatedAt, String mappingVersion)
            implements
                MappingResult {
    }

    /** The payload cannot be mapped; {@code reason} names the field or rule and is safe to show (no payload). */
    record Failed(String reason) implements MappingResult {
    }
}
