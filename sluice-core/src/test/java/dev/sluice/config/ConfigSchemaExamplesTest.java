package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every sluice.yaml the repository shows or writes validates against {@code docs/sluice.schema.json}
 * with a real draft 2020-12 validator: the README's and the docs' examples, the file {@code sluice init}
 * writes, and every YAML text in the tests (text blocks, one-line literals) that the loader accepts, so
 * the schema never refuses a file Sluice reads. (Fragments the loader refuses, such as an llm section
 * with only its baseUrl, are not whole files and are left out.)
 */
class ConfigSchemaExamplesTest {
    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Schema SCHEMA = REGISTRY.getSchema(SchemaFile.text(), InputFormat.JSON);
    /** The loader's top-level keys (private in ConfigLoader: read here, so a new section counts at once). */
    private static final Set<String> TOP = topKeys();

    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern TEXT_BLOCK = Pattern.compile("\"\"\"[ \\t]*\\n(.*?)\"\"\"", Pattern.DOTALL);
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*\\\\n(?:[^\"\\\\\\n]|\\\\.)*)\"");

    @TempDir
    Path work;

    private static List<String> problems(String yaml) {
        return SCHEMA.validate(yaml, InputFormat.YAML).stream()
                .map(e -> e.getInstanceLocation() + ": " + e.getMessage())
                .toList();
    }

    @Test
    void should_be_a_valid_draft_2020_12_schema() {
        Schema meta = REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        assertThat(meta.validate(SchemaFile.text(), InputFormat.JSON)).isEmpty();
    }

    @Test
    void should_accept_the_file_sluice_init_writes() {
        assertThat(problems(StarterConfig.text("handbook", "handbook"))).isEmpty();
    }

    @Test
    void should_accept_every_sluice_yaml_example_of_the_readme_and_the_docs() throws IOException {
        Path root = SchemaFile.projectRoot();
        List<Path> pages = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        List<String> failures = new ArrayList<>();
        int examples = 0;
        for (Path page : pages) {
            Matcher m = YAML_BLOCK.matcher(Files.readString(page, StandardCharsets.UTF_8));
            while (m.find()) {
                if (!looksLikeSluiceYaml(m.group(1)) || !loads(m.group(1))) {
                    continue; // a fragment (one key of a larger file) the loader refuses on its own too
                }
                examples++;
                for (String problem : problems(m.group(1))) {
                    failures.add(root.relativize(page) + " (example starting \"" + firstLine(m.group(1)) + "\"): "
                            + problem);
                }
            }
        }
        assertThat(examples)
                .as("sluice.yaml examples found in the README and docs")
                .isGreaterThanOrEqualTo(3);
        assertThat(failures).isEmpty();
    }

    /** Every YAML text of the tests (text blocks and one-line literals with newlines) the loader accepts. */
    @Test
    void should_accept_every_sluice_yaml_of_the_tests_that_the_loader_accepts() throws Exception {
        Path root = SchemaFile.projectRoot();
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(m -> Files.isDirectory(m.resolve("src/test")))
                    .toList()) {
                try (Stream<Path> files = Files.walk(module.resolve("src/test"))) {
                    files.filter(f -> f.toString().endsWith(".java")).forEach(sources::add);
                }
            }
        }
        List<String> failures = new ArrayList<>();
        int accepted = 0;
        for (Path source : sources) {
            String java = Files.readString(source, StandardCharsets.UTF_8);
            List<String> texts = new ArrayList<>();
            Matcher blocks = TEXT_BLOCK.matcher(java);
            while (blocks.find()) {
                texts.add(unescape(blocks.group(1).stripIndent()));
            }
            Matcher literals = LITERAL.matcher(java);
            while (literals.find()) {
                texts.add(unescape(literals.group(1)));
            }
            for (String yaml : texts) {
                if (yaml == null || !looksLikeSluiceYaml(yaml) || !loads(yaml)) {
                    continue;
                }
                accepted++;
                for (String problem : problems(yaml)) {
                    failures.add(root.relativize(source) + " (yaml starting \"" + firstLine(yaml) + "\"): " + problem);
                }
            }
        }
        assertThat(accepted)
                .as("sluice.yaml texts of the tests that the loader accepts")
                .isGreaterThan(50);
        assertThat(failures).isEmpty();
    }

    private static String unescape(String text) {
        try {
            return text.translateEscapes();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private boolean loads(String yaml) {
        try {
            Path file = Files.writeString(work.resolve("sluice.yaml"), yaml, StandardCharsets.UTF_8);
            ConfigLoader.load(file, name -> "1");
            return true;
        } catch (RuntimeException | IOException e) {
            return false;
        }
    }

    /** A YAML mapping whose keys are all top-level keys of sluice.yaml (a whole file, not a fragment). */
    private static boolean looksLikeSluiceYaml(String text) {
        if (text.contains("%s") || text.contains("%d")) {
            return false; // a format string: its values come later
        }
        JsonNode node;
        try {
            node = new YAMLMapper().readTree(text);
        } catch (IOException | RuntimeException e) {
            return false;
        }
        if (node == null || !node.isObject() || node.isEmpty()) {
            return false;
        }
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            if (!TOP.contains(keys.next())) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> topKeys() {
        try {
            java.lang.reflect.Field field = ConfigLoader.class.getDeclaredField("TOP");
            field.setAccessible(true);
            return (Set<String>) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("ConfigLoader.TOP is gone: read the top-level keys from where they are", e);
        }
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 60 ? line.substring(0, 60) + "…" : line;
    }
}
