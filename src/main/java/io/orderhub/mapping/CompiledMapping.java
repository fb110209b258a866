package io.orderhub.mapping;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;

/**
 * One channel's compiled mapping: the JSONata expression, its status table, an optional input schema, and a version
 * ({@code <channel>@<first 8 hex of sha-256>}) over all three files so any change to any of them is visible.
 */
record CompiledMapping(String channel, Jsonata expression, StatusTable statuses, SchemaCheck inputSchema,
        String version, MappingSources sources) {

    /**
     * Parses on a throwaway thread. jsonata-java 0.9.9 makes a new expression the per-thread instance of the thread
     * that parsed it, and each evaluation on that thread then nests the expression's environment one frame deeper
     * (slower with every order, then a StackOverflowError after some thousands). Evaluations on any other thread use a
     * per-thread copy whose environment is replaced, not nested, so no thread may both parse and evaluate.
     */
    static Jsonata parseOffThread(String source) {
        FutureTask<Jsonata> parse = new FutureTask<>(() -> Jsonata.jsonata(source));
        Thread parser = new Thread(parse, "jsonata-parse");
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
            throw new IllegalStateException("interrupted while parsing a mapping", e);
        }
    }

    static CompiledMapping load(Path mappingsDir, String channel) throws IOException {
        return compile(MappingSources.read(mappingsDir, channel));
    }

    /** Compiles a channel's files as given (from the directory, or from the version history for a rollback). */
    static CompiledMapping compile(MappingSources sources) throws IOException {
        String channel = sources.channel();
        Path jsonataFile = Path.of("mappings", "channels", channel + ".jsonata");
        Jsonata expression;
        try {
            expression = parseOffThread(new String(sources.jsonata(), StandardCharsets.UTF_8));
        } catch (JException e) {
            throw new IllegalArgumentException(jsonataFile + ": " + e.getMessage(), e);
        }
        SchemaCheck inputSchema = sources.inputSchema().length == 0
                ? null
                : SchemaCheck.of(Path.of("mappings", "schemas", channel + ".schema.json").toUri().toString(),
                        new ByteArrayInputStream(sources.inputSchema()));
        StatusTable statuses = StatusTable.parse(channel, Path.of("mappings", "status", channel + ".yaml"),
                sources.statusYaml());
        return new CompiledMapping(channel, expression, statuses, inputSchema, sources.version(), sources);
    }
}
