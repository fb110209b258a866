package io.orderhub.execute;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.orderhub.config.OrderHubConfig;

/**
 * Claimed commands of one batched system (configured {@code batch-size} above 1 and a {@code batch-items-pointer})
 * that travel together: first in line as soon as its most urgent member is.
 */
public record CommandBatch(String system, List<Command> commands) implements Sendable {

    public CommandBatch {
        commands = List.copyOf(commands);
        if (commands.isEmpty()) {
            throw new IllegalArgumentException("an empty batch");
        }
    }

    @Override
    public int priority() {
        return commands.stream().mapToInt(Command::priority).max().orElseThrow();
    }

    @Override
    public Instant createdAt() {
        return commands.stream().map(Command::createdAt).min(Comparator.naturalOrder()).orElseThrow();
    }

    /**
     * The claimed commands as the queue takes them: commands of batched systems in batches of at most their
     * batch-size (in claim order, so the most urgent ones batch first), every other command alone.
     */
    public static List<Sendable> group(List<Command> claimed, Map<String, OrderHubConfig.DownstreamSystem> systems) {
        List<Sendable> out = new ArrayList<>();
        Map<String, List<Command>> open = new LinkedHashMap<>();
        for (Command c : claimed) {
            OrderHubConfig.DownstreamSystem system = systems.get(c.system());
            if (system == null || system.batchSize() <= 1 || system.batchItemsPointer().isEmpty()) {
                out.add(c);
                continue;
            }
            List<Command> batch = open.computeIfAbsent(c.system(), s -> new ArrayList<>());
            batch.add(c);
            if (batch.size() >= system.batchSize()) {
                out.add(new CommandBatch(c.system(), batch));
                open.remove(c.system());
            }
        }
        open.forEach((system, batch) -> out.add(new CommandBatch(system, batch)));
        return out;
    }

    @Override
    public String toString() {
        return "CommandBatch[" + commands.size() + " → " + system + "]";
    }
}
