package io.orderhub.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Lints mappings against the canonical schema: golden outputs may not emit properties the schema does not define
 * nor miss required ones, and every mapping file must map each canonical field or list it as ignored.
 */
class MappingLintTest {

    /** Fields no channel mapping may fill: the hub assigns them or enrichment does. */
    private static final Set<String> NEVER_MAPPED = Set.of("hubOrderId", "buyer.customerId", "buyer.segment");
    private static final Pattern IGNORE = Pattern.compile("lint-ignore:([\\w., \\t]*)");
    private static final Pattern FIELDS = Pattern.compile("lint-fields:([\\w., \\t]*)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![$\\w])([A-Za-z_][A-Za-z0-9_]*)");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "in", "true", "false", "null", "function");
    private static MappingEngine engine;
    private static JsonNode schema;

    @BeforeAll
    static void load() throws IOException {
        engine = MappingEngine.load(GoldenCase.MAPPINGS);
        schema = CanonicalValidator.instance().schema();
    }

    @TestFactory
    Stream<DynamicTest> goldenOutputsUseOnlySchemaProperties() {
        return GoldenCase.all().stream().map(c -> DynamicTest.dynamicTest(c.channel() + "/" + c.name(), () -> {
            List<String> problems = new ArrayList<>();
            if (c.run(engine) instanceof MappingResult.Mapped mapped) {
                walk(schema, mapped.order(), "$", problems);
            }
            JsonNode expected = c.expected();
            if (!expected.has("failed") && !expected.has("notice")) {
                walk(schema, expected, "expected $", problems);
            }
            assertThat(problems).as("schema lint of %s", c.dir()).isEmpty();
        }));
    }

    @TestFactory
    Stream<DynamicTest> mappingFilesCoverEveryCanonicalField() {
        return engine.channels().stream().map(ch -> DynamicTest.dynamicTest(ch, () -> {
            String source = Files.readString(GoldenCase.MAPPINGS.resolve("channels").resolve(ch + ".jsonata"));
            Set<String> ignored = ignored(source);
            List<String> missing = new ArrayList<>();
            List<String> forbidden = new ArrayList<>();
            for (String field : canonicalFields()) {
                String leaf = field.substring(field.lastIndexOf('.') + 1);
                boolean mapped = Pattern.compile("[\"']" + leaf + "[\"']\\s*:").matcher(source).find();
                if (NEVER_MAPPED.contains(field)) {
                    if (mapped) {
                        forbidden.add(field);
                    }
                } else if (!mapped && !ignored.contains(field)) {
                    missing.add(field);
                }
            }
            assertThat(missing).as("%s.jsonata: canonical fields neither mapped nor in /* lint-ignore: ... */", ch)
                    .isEmpty();
            assertThat(forbidden).as("%s.jsonata maps hub/enrichment-owned fields", ch).isEmpty();
        }));
    }

    /**
     * Opt-in (files declaring {@code lint-fields:}): every payload field the mapping reads must occur in at least one
     * golden input of that channel, or be listed after {@code lint-fields:} as documented but not in any sample. This
     * catches misspelt field names, which JSONata would silently read as "absent".
     */
    @TestFactory
    Stream<DynamicTest> mappingFilesReadOnlyFieldsTheChannelSends() {
        return engine.channels().stream().map(ch -> DynamicTest.dynamicTest(ch, () -> {
            String source = Files.readString(GoldenCase.MAPPINGS.resolve("channels").resolve(ch + ".jsonata"));
            Matcher declared = FIELDS.matcher(source);
            if (!declared.find()) {
                return;
            }
            Set<String> allowed = new LinkedHashSet<>();
            declared.reset();
            while (declared.find()) {
                for (String name : declared.group(1).split("[,\\s]+")) {
                    allowed.add(name.trim());
                }
            }
            GoldenCase.all().stream().filter(c -> c.channel().equals(ch)).forEach(c -> keys(c.inputTree(), allowed));
            // canonical names are read back from objects the mapping itself built (e.g. $lines.paidFen)
            canonicalFields().forEach(f -> allowed.add(f.substring(f.lastIndexOf('.') + 1)));
            List<String> unknown = referencedFields(source).stream().filter(f -> !allowed.contains(f)).toList();
            assertThat(unknown).as("%s.jsonata reads fields no golden input has (misspelt? else list them after "
                    + "lint-fields:)", ch).isEmpty();
        }));
    }

    @Test
    void fieldReferencesSkipCommentsStringsVariablesAndKeywords() {
        String source = "/* note: ignored */ ($a := trade.tid; {\"key\": $fen(price) and 'text', \"x\": $a.oid in [null]})";
        assertThat(referencedFields(source)).containsExactly("trade", "tid", "price", "oid");
    }

    /** Bare identifiers of path expressions: comments and string literals removed, $variables/$functions skipped. */
    static Set<String> referencedFields(String source) {
        String code = source.replaceAll("(?s)/\\*.*?\\*/", " ")
                .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", " ")
                .replaceAll("'(?:[^'\\\\]|\\\\.)*'", " ");
        Set<String> out = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(code);
        while (m.find()) {
            if (!KEYWORDS.contains(m.group(1))) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    private static void keys(Object tree, Set<String> out) {
        if (tree instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                out.add(String.valueOf(k));
                keys(v, out);
            });
        } else if (tree instanceof List<?> list) {
            list.forEach(v -> keys(v, out));
        }
    }

    /** Dotted names of every canonical property (objects one level deep, lines items as {@code lines.x}). */
    static Set<String> canonicalFields() {
        Set<String> fields = new LinkedHashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.get("properties").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> top = it.next();
            fields.add(top.getKey());
            JsonNode nested = top.getValue().has("items") ? top.getValue().get("items") : top.getValue();
            nested.path("properties").fieldNames().forEachRemaining(n -> fields.add(top.getKey() + "." + n));
        }
        return fields;
    }

    private static Set<String> ignored(String source) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = IGNORE.matcher(source);
        while (m.find()) {
            for (String name : m.group(1).split("[,\\s]+")) {
                if (!name.isBlank()) {
                    out.add(name.trim());
                }
            }
        }
        return out;
    }

    private static void walk(JsonNode schemaNode, JsonNode value, String path, List<String> problems) {
        if (value.isObject() && schemaNode.has("properties")) {
            JsonNode props = schemaNode.get("properties");
            value.fieldNames().forEachRemaining(name -> {
                if (!props.has(name)) {
                    problems.add(path + "." + name + ": not defined by the canonical schema");
                } else {
                    walk(props.get(name), value.get(name), path + "." + name, problems);
                }
            });
            schemaNode.path("required").forEach(r -> {
                if (!value.has(r.asText())) {
                    problems.add(path + "." + r.asText() + ": required but missing");
                }
            });
        } else if (value.isArray() && schemaNode.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                walk(schemaNode.get("items"), value.get(i), path + "[" + i + "]", problems);
            }
        }
    }
}
