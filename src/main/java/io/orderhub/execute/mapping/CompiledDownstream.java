package io.orderhub.execute.mapping;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;

/**
 * One downstream system's compiled mapping file with its source (to point at a failing line) and a version tag
 * ({@code erp@<first 8 hex of sha-256>}) that commands can record.
 */
record CompiledDownstream(String system, Path file, String source, Jsonata expression, String version) {

    static CompiledDownstream compile(String system, Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String source = new String(bytes, StandardCharsets.UTF_8);
        Jsonata expression;
        try {
            expression = parseOffThread(source);
        } catch (JException e) {
            throw new DownstreamMappingException(system,
                    "downstream mapping " + system + ": " + file + " does not compile" + at(source, e.getLocation())
                            + ": " + e.getMessage(),
                    e);
        }
        return new CompiledDownstream(system, file, source, expression, system + "@" + sha256(bytes).substring(0, 8));
    }

    /**
     * Parses on a throwaway thread, as {@code io.orderhub.mapping.CompiledMapping} does: jsonata-java 0.9.9 makes a
     * new expression the per-thread instance of the thread that parsed it, and every evaluation on that thread then
     * nests the environment one frame deeper (slower each time, then a StackOverflowError). Evaluations on other
     * threads use a per-thread copy whose environment is replaced, so no thread may both parse and evaluate.
     */
    static Jsonata parseOffThread(String source) {
        FutureTask<Jsonata> parse = new FutureTask<>(() -> Jsonata.jsonata(source));
        Thread parser = new Thread(parse, "jsonata-parse-downstream");
        parser.setDaemon(true);
        parser.start();
        try {
            return parse.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parsing a downstream mapping", e);
        }
    }

    /** " at line N: `<that line>`" for a character offset into the source, or "" when there is none. */
    static String at(String source, int location) {
        if (location < 0 || location > source.length()) {
            return "";
        }
        int start = source.lastIndexOf('\n', Math.max(0, location - 1)) + 1;
        int end = source.indexOf('\n', location);
        String line = source.substring(start, end < 0 ? source.length() : end).strip();
        long number = source.substring(0, start).chars().filter(c -> c == '\n').count() + 1;
        return " at line " + number + ": `" + (line.length() > 160 ? line.substring(0, 160) + "…" : line) + "`";
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
