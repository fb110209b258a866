package io.orderhub.writeback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.orderhub.config.OrderHubConfig;

/**
 * The carrier table {@code mappings/carriers.yaml}: the hub's carrier code to each platform's own code. Read again when
 * the file changes, so a missing code added by an operator applies to the next re-drive without a restart.
 */
@ApplicationScoped
public class Carriers {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path file;
    private volatile FileTime loadedAt;
    private volatile JsonNode table;

    public Carriers(OrderHubConfig config) {
        this.file = Path.of(config.mapping().dir(), "carriers.yaml");
    }

    /** The platform's code for the hub's carrier, or empty when the table has none (never guessed). */
    public Optional<String> code(String hubCarrier, String channel) {
        if (hubCarrier == null || channel == null) {
            return Optional.empty();
        }
        JsonNode code = table().path("carriers").path(hubCarrier.toUpperCase(java.util.Locale.ROOT)).path(channel);
        return code.isValueNode() && !code.asText().isBlank() ? Optional.of(code.asText()) : Optional.empty();
    }

    private JsonNode table() {
        try {
            FileTime modified = Files.exists(file) ? Files.getLastModifiedTime(file) : FileTime.fromMillis(0);
            if (table == null || !modified.equals(loadedAt)) {
                synchronized (this) {
                    table = Files.exists(file) ? YAML.readTree(file.toFile()) : YAML.createObjectNode();
                    loadedAt = modified;
                }
            }
            return table == null ? YAML.createObjectNode() : table;
        } catch (IOException e) {
            throw new UncheckedIOException("carrier table " + file + " unreadable", e);
        }
    }
}
