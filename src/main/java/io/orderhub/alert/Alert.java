package io.orderhub.alert;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One alert episode as sinks receive it: raised (or raised again after an acknowledgement) at {@code raisedAt}.
 * Subject and detail carry no personal data (the raiser's duty), so they may be sent to chat groups as they are.
 */
public record Alert(UUID alertId, String kind, String severity, String subject, JsonNode detail, Instant raisedAt,
        int occurrences) {

    /** The generic webhook body, and the outbox payload the robot formats are built from. */
    public ObjectNode json(ObjectMapper mapper) {
        ObjectNode n = mapper.createObjectNode();
        n.put("alertId", alertId.toString());
        n.put("kind", kind);
        n.put("severity", severity);
        n.put("subject", subject);
        n.set("detail", detail == null ? mapper.createObjectNode() : detail);
        n.put("raisedAt", raisedAt.toString());
        n.put("occurrences", occurrences);
        return n;
    }

    public static Alert of(JsonNode n) {
        return new Alert(UUID.fromString(n.path("alertId").asText()), n.path("kind").asText(),
                n.path("severity").asText(), n.path("subject").asText(), n.path("detail"),
                Instant.parse(n.path("raisedAt").asText()), n.path("occurrences").asInt(1));
    }
}
