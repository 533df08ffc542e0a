package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example of docs/transforms.md loads as it is, and every one of its {@code transforms} keys, given a
 * value of the wrong kind, fails with a message that names that exact key, the file and the line.
 */
class TransformsDocumentedKeysTest {
    private static final YAMLMapper YAML = new YAMLMapper();

    @TempDir
    Path work;

    @BeforeEach
    void promptFile() throws IOException {
        Files.createDirectories(work.resolve("prompts"));
        Files.writeString(work.resolve("prompts/doctype.md"), "Label {{title}} with one of {{labels}}:\n{{text}}\n");
    }

    @Test
    void should_load_the_documented_example_as_it_is() throws IOException {
        Path file = work.resolve("sluice.yaml");
        Files.writeString(file, YAML.writeValueAsString(example()), StandardCharsets.UTF_8);
        SluiceConfig config = ConfigLoader.load(file);
        assertThat(config.transforms().steps()).hasSize(5);
        assertThat(config.transforms().step("doctype").version()).isEqualTo("v2");
    }

    @Test
    void should_name_the_exact_key_of_every_documented_transform_setting_given_a_bad_value() throws IOException {
        JsonNode example = example();
        List<String> keys = new ArrayList<>();
        leaves(example.get("transforms"), "transforms", keys);
        assertThat(keys)
                .contains(
                        "transforms.budget.perRunUsd",
                        "transforms.steps[0].labels",
                        "transforms.steps[1].fields.currency.enum");
        List<String> problems = new ArrayList<>();
        for (String key : keys) {
            JsonNode broken = example.deepCopy();
            replace(broken, key);
            Path file = work.resolve("bad.yaml");
            Files.writeString(file, YAML.writeValueAsString(broken), StandardCharsets.UTF_8);
            Throwable thrown = catchThrowable(() -> ConfigLoader.load(file));
            if (!(thrown instanceof ConfigException)) {
                problems.add(key + ": accepted or failed without naming it (" + thrown + ")");
            } else if (!thrown.getMessage().contains(key)) {
                problems.add(key + ": the message does not name it: " + thrown.getMessage());
            } else if (!thrown.getMessage().matches("\\Q" + file + "\\E:[1-9][0-9]*: .*")) {
                problems.add(key + ": the message does not start with the file and line: " + thrown.getMessage());
            }
        }
        assertThat(problems).isEmpty();
    }

    /** The first ```yaml block of docs/transforms.md. */
    private static JsonNode example() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.isRegularFile(root.resolve("docs/transforms.md"))) {
            root = root.getParent();
        }
        String doc = Files.readString(root.resolve("docs/transforms.md"), StandardCharsets.UTF_8);
        int start = doc.indexOf("```yaml\n") + "```yaml\n".length();
        return YAML.readTree(doc.substring(start, doc.indexOf("```", start)));
    }

    private static void leaves(JsonNode node, String path, List<String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                leaves(e.getValue(), path + "." + e.getKey(), out);
            }
        } else if (node.isArray() && !node.isEmpty() && node.get(0).isContainerNode()) {
            for (int i = 0; i < node.size(); i++) {
                leaves(node.get(i), path + "[" + i + "]", out);
            }
        } else {
            out.add(path);
        }
    }

    private static void replace(JsonNode root, String key) {
        JsonNode parent = root;
        String[] parts = key.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            int bracket = parts[i].indexOf('[');
            parent = bracket < 0
                    ? parent.get(parts[i])
                    : parent.get(parts[i].substring(0, bracket))
                            .get(Integer.parseInt(parts[i].substring(bracket + 1, parts[i].length() - 1)));
        }
        String last = parts[parts.length - 1];
        JsonNode old = parent.get(last);
        JsonNodeFactory f = JsonNodeFactory.instance;
        JsonNode wrong = old.isNumber()
                ? f.numberNode(-7)
                : old.isTextual() || old.isBoolean() ? f.arrayNode().add("not").add("this") : f.numberNode(42);
        ((ObjectNode) parent).set(last, wrong);
    }
}
