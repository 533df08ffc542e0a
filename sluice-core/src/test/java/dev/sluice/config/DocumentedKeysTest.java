package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walks every key of the sluice.yaml example in the README (the documented keys), gives each in turn a
 * value of the wrong kind, and checks that the error names that exact key, as the user writes it
 * ({@code sources[1].http.maxMb}, {@code llm.budget.dailyUsd}), with the file and line.
 */
class DocumentedKeysTest {
    private static final YAMLMapper YAML = new YAMLMapper();

    @TempDir
    Path work;

    @Test
    void should_load_the_documented_example_as_it_is() throws IOException {
        Path file = work.resolve("sluice.yaml");
        Files.writeString(file, YAML.writeValueAsString(documentedExample()), StandardCharsets.UTF_8);
        SluiceConfig config = ConfigLoader.load(file);
        assertThat(config.sources()).hasSize(2);
        assertThat(config.llm()).isNotNull();
    }

    @Test
    void should_name_the_exact_key_of_every_documented_setting_given_a_bad_value() throws IOException {
        JsonNode example = documentedExample();
        List<String> keys = new ArrayList<>();
        leaves(example, "", keys);
        assertThat(keys)
                .as("the README's example names the keys users set")
                .contains("chunking.maxTokens", "sources[1].http.maxMb", "llm.budget.dailyUsd", "retrieval.bm25.k1");
        List<String> problems = new ArrayList<>();
        for (String key : keys) {
            JsonNode broken = example.deepCopy();
            JsonNode old = replace(broken, key);
            Path file = work.resolve("bad.yaml");
            Files.writeString(file, YAML.writeValueAsString(broken), StandardCharsets.UTF_8);
            Throwable thrown = catchThrowable(() -> ConfigLoader.load(file));
            if (!(thrown instanceof ConfigException)) {
                problems.add(key + " = " + describeBad(old) + ": accepted or failed without naming it ("
                        + (thrown == null ? "no error" : thrown) + ")");
            } else if (!thrown.getMessage().contains(key)) {
                problems.add(key + ": the message does not name it: " + thrown.getMessage());
            } else if (!thrown.getMessage().startsWith(file.toString() + ":")) {
                problems.add(key + ": the message does not start with the file and line: " + thrown.getMessage());
            }
        }
        assertThat(problems)
                .as("documented keys whose bad values are not named")
                .isEmpty();
    }

    /** The first ```yaml block of the README's sluice.yaml section. */
    static JsonNode documentedExample() throws IOException {
        String readme = Files.readString(projectRoot().resolve("README.md"), StandardCharsets.UTF_8);
        int section = readme.indexOf("### `sluice.yaml`");
        assertThat(section).as("README has a sluice.yaml section").isNotNegative();
        int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
        int end = readme.indexOf("```", start);
        return YAML.readTree(readme.substring(start, end));
    }

    /** Leaf keys as the loader names them: {@code a.b}, {@code list[0].c}. */
    private static void leaves(JsonNode node, String path, List<String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                leaves(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out);
            }
        } else if (node.isArray() && node.size() > 0 && node.get(0).isContainerNode()) {
            for (int i = 0; i < node.size(); i++) {
                leaves(node.get(i), path + "[" + i + "]", out);
            }
        } else {
            out.add(path); // a scalar, or a list of scalars (given a bad value as a whole)
        }
    }

    /** Puts a value of the wrong kind at {@code key}; returns the old value. */
    private static JsonNode replace(JsonNode root, String key) {
        JsonNode parent = root;
        String[] parts = key.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            parent = step(parent, parts[i]);
        }
        String last = parts[parts.length - 1];
        JsonNode old = ((ObjectNode) parent).get(last);
        ((ObjectNode) parent).set(last, wrongKind(old));
        return old;
    }

    private static JsonNode step(JsonNode node, String part) {
        int bracket = part.indexOf('[');
        if (bracket < 0) {
            return node.get(part);
        }
        return node.get(part.substring(0, bracket))
                .get(Integer.parseInt(part.substring(bracket + 1, part.length() - 1)));
    }

    /** A number for text, lists and booleans; a negative number for numbers. */
    private static JsonNode wrongKind(JsonNode old) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (old.isNumber()) {
            return f.numberNode(-7);
        }
        if (old.isTextual() || old.isBoolean()) {
            ArrayNode list = f.arrayNode();
            list.add("not");
            list.add("this");
            return list;
        }
        return f.numberNode(42); // a list
    }

    private static String describeBad(JsonNode old) {
        return wrongKind(old).toString();
    }

    private static Path projectRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("README.md")) && Files.isDirectory(p.resolve("sluice-core"))) {
                return p;
            }
        }
        throw new IllegalStateException(
                "no project root with README.md above " + Path.of("").toAbsolutePath());
    }
}
