package io.orderhub.mapping;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;

import io.orderhub.util.Hashing;

/**
 * One channel's compiled mapping: the JSONata expression, its status table, an optional input schema, and a version
 * ({@code <channel>@<first 8 hex of sha-256>}) over all three files so any change to any of them is visible.
 */
record CompiledMapping(String channel, Jsonata expression, StatusTable statuses, SchemaCheck inputSchema,
        String version) {

    static CompiledMapping load(Path mappingsDir, String channel) throws IOException {
        Path jsonataFile = mappingsDir.resolve("channels").resolve(channel + ".jsonata");
        Path statusFile = mappingsDir.resolve("status").resolve(channel + ".yaml");
        Path schemaFile = mappingsDir.resolve("schemas").resolve(channel + ".schema.json");
        if (!Files.isRegularFile(statusFile)) {
            throw new IllegalArgumentException("channel " + channel + ": " + statusFile + " is missing");
        }
        byte[] source = Files.readAllBytes(jsonataFile);
        byte[] status = Files.readAllBytes(statusFile);
        byte[] schema = Files.isRegularFile(schemaFile) ? Files.readAllBytes(schemaFile) : new byte[0];
        Jsonata expression;
        try {
            expression = Jsonata.jsonata(new String(source, StandardCharsets.UTF_8));
        } catch (JException e) {
            throw new IllegalArgumentException(jsonataFile + ": " + e.getMessage(), e);
        }
        SchemaCheck inputSchema = schema.length == 0
                ? null
                : SchemaCheck.of(schemaFile.toUri().toString(),
                        new ByteArrayInputStream(schema));
        String hash = HexFormat.of().formatHex(Hashing.sha256(concat(source, status, schema))).substring(0, 8);
        return new CompiledMapping(channel, expression, StatusTable.load(channel, statusFile), inputSchema,
                channel + "@" + hash);
    }

    private static byte[] concat(byte[]... parts) {
        int size = 0;
        for (byte[] p : parts) {
            size += p.length + 1;
        }
        byte[] all = new byte[size];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length + 1; // a zero byte between files keeps boundaries unambiguous
        }
        return all;
    }
}
