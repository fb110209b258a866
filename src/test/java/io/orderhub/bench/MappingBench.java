package io.orderhub.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.orderhub.mapping.GoldenCheck;
import io.orderhub.mapping.MappingEngine;
import io.orderhub.mapping.MappingResult;

/**
 * Mapping cost per order, per channel (not a test: run by {@code bench/mapping-bench.sh}). For every channel's first
 * golden case it times, order by order, the full mapping (parse, JSONata, status lookups, schema validation) and, in
 * the same run, a baseline: a plain Jackson parse of the same bytes, the floor any mapping pays.
 */
public final class MappingBench {

    static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        MappingEngine engine = MappingEngine.load(Path.of("mappings"));
        Path golden = Path.of("src/test/resources/golden");
        System.out.printf("%-16s %-34s %8s %10s %10s %10s %10s%n", "channel", "case", "bytes", "parse p50",
                "map p50", "map p99", "result");
        for (String channel : engine.channels()) {
            List<Path> cases = GoldenCheck.cases(golden, channel);
            if (cases.isEmpty()) {
                continue;
            }
            // the first case that maps to a full order is the typical order; else the first case
            Path dir = cases.get(0);
            for (Path c : cases) {
                if (engine.map(channel, Files.readAllBytes(GoldenCheck.input(c)), GoldenCheck.contentType(c),
                        "bench-shop") instanceof MappingResult.Mapped) {
                    dir = c;
                    break;
                }
            }
            byte[] body = Files.readAllBytes(GoldenCheck.input(dir));
            String contentType = GoldenCheck.contentType(dir);
            MappingResult sample = engine.map(channel, body, contentType, "bench-shop");
            long[] parse = time(iterations, () -> JSON.readTree(body));
            long[] map = time(iterations, () -> engine.map(channel, body, contentType, "bench-shop"));
            System.out.printf(Locale.ROOT, "%-16s %-34s %8d %8.1fµs %8.1fµs %8.1fµs %10s%n", channel,
                    dir.getFileName(), body.length, pct(parse, 50), pct(map, 50), pct(map, 99),
                    sample.getClass().getSimpleName());
        }
    }

    interface Work {
        Object run() throws Exception;
    }

    /** Warms up, then times each call; returns the sorted durations in nanoseconds. */
    static long[] time(int iterations, Work work) throws Exception {
        List<Object> sink = new ArrayList<>();
        for (int i = 0; i < iterations; i++) {
            sink.add(work.run());
            if (sink.size() > 64) {
                sink.clear();
            }
        }
        long[] took = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            sink.add(work.run());
            took[i] = System.nanoTime() - start;
            if (sink.size() > 64) {
                sink.clear();
            }
        }
        Arrays.sort(took);
        return took;
    }

    static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)] / 1000.0;
    }
}
