package io.orderhub.mapping;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import io.orderhub.util.Hashing;

/**
 * The files of one channel mapping as bytes: {@code channels/<ch>.jsonata}, {@code status/<ch>.yaml} (required) and
 * {@code schemas/<ch>.schema.json} (optional, empty when absent). The version ({@code <ch>@<8 hex>}) is the SHA-256 of
 * all three, so a change to any of them is a new version.
 */
public record MappingSources(String channel, byte[] jsonata, byte[] statusYaml, byte[] inputSchema) {

    public static MappingSources read(Path mappingsDir, String channel) throws IOException {
        Path statusFile = mappingsDir.resolve("status").resolve(channel + ".yaml");
        Path schemaFile = mappingsDir.resolve("schemas").resolve(channel + ".schema.json");
        if (!Files.isRegularFile(statusFile)) {
            throw new IllegalArgumentException("channel " + channel + ": " + statusFile + " is missing");
        }
        return new MappingSources(channel,
                Files.readAllBytes(mappingsDir.resolve("channels").resolve(channel + ".jsonata")),
                Files.readAllBytes(statusFile),
                Files.isRegularFile(schemaFile) ? Files.readAllBytes(schemaFile) : new byte[0]);
    }

    public String version() {
        byte[] all = new byte[jsonata.length + statusYaml.length + inputSchema.length + 3];
        int at = 0;
        for (byte[] part : new byte[][]{jsonata, statusYaml, inputSchema}) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length + 1; // a zero byte between files keeps boundaries unambiguous
        }
        return channel + "@" + HexFormat.of().formatHex(Hashing.sha256(all)).substring(0, 8);
    }
}
