package io.orderhub.execute;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.config.OrderHubConfig.DownstreamSystem;

/**
 * Batch calls that partly succeed (carrier and WMS batch APIs answer with a failed list): builds one envelope per
 * group of commands whose payloads differ only in their items, and splits the answer back into one outcome per
 * command, so only the items the system refused are retried.
 */
final class BatchCalls {

    /** One call: the envelope sent (as a command of its own) and the commands it carries, by item key. */
    record Call(Command envelope, Map<String, Command> byKey) {
        List<Command> members() {
            return byKey.values().stream().distinct().toList();
        }
    }

    /** The calls, plus the commands whose payload has no item array (sent one by one, as unbatched systems). */
    record Plan(List<Call> calls, List<Command> singles) {
    }

    private BatchCalls() {
    }

    static Plan plan(List<Command> commands, DownstreamSystem system) {
        JsonPointer items = JsonPointer.compile(system.batchItemsPointer().orElseThrow());
        Map<String, List<Command>> groups = new LinkedHashMap<>();
        Map<String, List<ObjectNode>> payloads = new LinkedHashMap<>();
        List<Command> singles = new ArrayList<>();
        for (Command c : commands) {
            Optional<ObjectNode> payload = read(c.payload()).filter(p -> p.at(items).isArray());
            if (payload.isEmpty()) {
                singles.add(c);
                continue;
            }
            ObjectNode rest = payload.get().deepCopy();
            parent(rest, items).putArray(items.last().getMatchingProperty());
            groups.computeIfAbsent(rest.toString(), k -> new ArrayList<>()).add(c);
            payloads.computeIfAbsent(rest.toString(), k -> new ArrayList<>()).add(payload.get());
        }
        List<Call> calls = new ArrayList<>();
        groups.forEach((rest, members) -> calls.add(call(members, payloads.get(rest), items, system)));
        return new Plan(calls, singles);
    }

    private static Call call(List<Command> members, List<ObjectNode> payloads, JsonPointer items,
            DownstreamSystem system) {
        ObjectNode envelope = payloads.get(0).deepCopy();
        ArrayNode all = parent(envelope, items).putArray(items.last().getMatchingProperty());
        Map<String, Command> byKey = new LinkedHashMap<>();
        for (int i = 0; i < members.size(); i++) {
            for (JsonNode item : payloads.get(i).at(items)) {
                all.add(item);
                byKey.put(key(item, members.get(i), system), members.get(i));
            }
        }
        Command first = members.get(0);
        // the same members make the same key: a repeated call is recognisable downstream (JMS duplicate id...)
        String key = "batch:" + UUID.nameUUIDFromBytes(String.join(",", members.stream()
                .map(Command::idempotencyKey).sorted().toList()).getBytes(StandardCharsets.UTF_8));
        int priority = members.stream().mapToInt(Command::priority).max().orElse(first.priority());
        Instant created = members.stream().map(Command::createdAt).min(Instant::compareTo).orElseThrow();
        return new Call(new Command(UUID.randomUUID(), key, null, first.system(), "batch", priority,
                envelope.toString(), 0, created, true), byKey);
    }

    /**
     * One outcome per command of the call. A call that failed as a whole fails every member alike; an answered one
     * confirms every item except those in the failed list (and, where the system lists per-item results, those it
     * left out).
     */
    static Map<Command, CommandTransport.Delivery> outcomes(Call call, CommandTransport.Delivery delivery,
            DownstreamSystem system) {
        Map<Command, CommandTransport.Delivery> out = new LinkedHashMap<>();
        if (!delivery.confirmed() || delivery.answer() == null || delivery.answer().isBlank()) {
            call.members().forEach(c -> out.put(c, delivery));
            return out;
        }
        Optional<ObjectNode> answer = read(delivery.answer());
        if (answer.isEmpty()) {
            CommandTransport.Delivery unreadable = CommandTransport.Delivery.failed("BATCH_ANSWER",
                    "batch answer is not JSON: " + Dispatcher.abbreviate(delivery.answer()), delivery.answer());
            call.members().forEach(c -> out.put(c, unreadable));
            return out;
        }
        Set<Command> failed = new HashSet<>();
        for (JsonNode entry : list(answer.get(), system.batchFailedPointer())) {
            Command c = call.byKey().get(itemKey(entry, system));
            if (c != null && failed.add(c)) {
                out.put(c, CommandTransport.Delivery.failed("ITEM_FAILED", Dispatcher.abbreviate(entry.toString()),
                        entry.toString()));
            }
        }
        Map<Command, JsonNode> answered = new LinkedHashMap<>();
        for (JsonNode entry : list(answer.get(), system.batchAnswersPointer())) {
            Optional.ofNullable(call.byKey().get(itemKey(entry, system))).ifPresent(c -> answered.put(c, entry));
        }
        for (Command c : call.members()) {
            if (failed.contains(c)) {
                continue;
            }
            if (system.batchAnswersPointer().isPresent() && !answered.containsKey(c)) {
                out.put(c, CommandTransport.Delivery.failed("ITEM_MISSING",
                        "the batch answer has no result for " + c.idempotencyKey(), null));
            } else {
                JsonNode own = answered.get(c);
                out.put(c, CommandTransport.Delivery.confirmed(own == null ? delivery.answer() : own.toString()));
            }
        }
        return out;
    }

    /** The system as a batch call sees it: its batch URL, and no whole-answer success field (items decide). */
    static DownstreamSystem view(DownstreamSystem s) {
        return new BatchView(s);
    }

    private static String key(JsonNode item, Command command, DownstreamSystem system) {
        return system.batchKeyPointer().map(p -> item.at(p).asText()).filter(k -> !k.isEmpty())
                .orElse(command.idempotencyKey());
    }

    private static String itemKey(JsonNode entry, DownstreamSystem system) {
        return system.batchKeyPointer().map(p -> entry.at(p).asText()).orElse(entry.asText());
    }

    private static Iterable<JsonNode> list(ObjectNode answer, Optional<String> pointer) {
        return pointer.map(p -> answer.at(p)).filter(JsonNode::isArray).map(n -> (Iterable<JsonNode>) n)
                .orElse(List.of());
    }

    private static ObjectNode parent(ObjectNode root, JsonPointer pointer) {
        JsonNode parent = root.at(pointer.head());
        if (!(parent instanceof ObjectNode object)) {
            throw new IllegalArgumentException("batch-items-pointer " + pointer + " must name a field of an object");
        }
        return object;
    }

    private static Optional<ObjectNode> read(String json) {
        try {
            JsonNode node = json == null ? null : CommandPlanner.JSON.readTree(json);
            return node instanceof ObjectNode o ? Optional.of(o) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
