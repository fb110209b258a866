package io.orderhub.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** A compiled JSON Schema (draft 2020-12, formats asserted) that reports its first violation with the JSON path. */
final class SchemaCheck {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .pathType(PathType.JSON_PATH)
            .build();

    private final JsonSchema schema;
    private final JsonNode schemaNode;

    private SchemaCheck(String location, JsonNode schemaNode) {
        this.schemaNode = schemaNode;
        this.schema = FACTORY.getSchema(SchemaLocation.of(location), schemaNode, CONFIG);
    }

    /** Compiles a schema; {@code location} is the base URI a relative {@code $id} resolves against. */
    static SchemaCheck of(String location, InputStream in) {
        try (in) {
            return new SchemaCheck(location, PayloadReader.JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first violation, ordered by instance path so the report is stable, as {@code $.path: message}. */
    Optional<String> firstViolation(JsonNode instance) {
        Set<ValidationMessage> messages = schema.validate(instance);
        return messages.stream()
                .sorted(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString())
                        .thenComparing(ValidationMessage::getMessage))
                .findFirst()
                .map(SchemaCheck::describe);
    }

    JsonNode schemaNode() {
        return schemaNode;
    }

    private static String describe(ValidationMessage m) {
        String message = m.getMessage();
        String location = m.getInstanceLocation().toString();
        return message.startsWith(location) ? message : location + ": " + message;
    }
}
