package io.orderhub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the real platform payloads of {@code src/test/resources/fixtures} (never edited by tests). */
public final class Fixtures {

    private Fixtures() {
    }

    /** The repository's verbatim copy of the shared fixtures, provenance in its SOURCES.md. */
    public static Path dir() {
        return Path.of("src", "test", "resources", "fixtures");
    }

    public static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(dir().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("fixture " + name + " not found in " + dir().toAbsolutePath(), e);
        }
    }

    public static String text(String name) {
        return new String(bytes(name), java.nio.charset.StandardCharsets.UTF_8);
    }
}
