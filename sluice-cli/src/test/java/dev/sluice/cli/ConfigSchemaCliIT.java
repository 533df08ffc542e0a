package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice config schema}, and a sluice.yaml with {@code index.language} through the CLI. */
class ConfigSchemaCliIT {
    @TempDir
    Path work;

    private static Path projectRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docs/sluice.schema.json"))) {
                return p;
            }
        }
        throw new IllegalStateException(
                "no docs/sluice.schema.json above " + Path.of("").toAbsolutePath());
    }

    @Test
    void should_print_the_schema_of_the_docs_exactly_as_the_jar_holds_it() throws Exception {
        SluiceCliIT.Run run = SluiceCliIT.run("config", "schema");

        assertThat(run.exit()).isZero();
        assertThat(run.out())
                .isEqualTo(Files.readString(projectRoot().resolve("docs/sluice.schema.json"), StandardCharsets.UTF_8));
        JsonNode schema = new ObjectMapper().readTree(run.out());
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(SluiceCliIT.run("config", "schema", "--help").out()).contains("yaml-language-server");
    }

    @Test
    void should_search_a_German_index_with_German_analysis_when_sluice_yaml_sets_index_language_de() throws Exception {
        Path docs = Files.createDirectories(work.resolve("docs"));
        Files.writeString(docs.resolve("hafen.md"), "# Hafen\n\nDie Häuser am Hafen wurden 1890 gebaut.\n");
        Files.writeString(docs.resolve("garten.md"), "# Garten\n\nDer Garten liegt hinter der Scheune.\n");
        Path config = Files.writeString(
                work.resolve("sluice.yaml"),
                "index:\n  path: index-de\n  language: de\nsources:\n  - name: docs\n    path: docs\n");

        SluiceCliIT.Run ingest = SluiceCliIT.run("ingest", "--config", config.toString());
        assertThat(ingest.exit()).as(ingest.err()).isZero();
        SluiceCliIT.Run search = SluiceCliIT.run("search", "Haus", "--mode", "bm25", "--config", config.toString());
        assertThat(search.exit()).as(search.err()).isZero();
        assertThat(search.out()).contains("hafen.md").doesNotContain("garten.md");
        SluiceCliIT.Run show = SluiceCliIT.run("config", "show", "--effective", "--config", config.toString());
        assertThat(show.out()).containsPattern("index.language: de\\s+# sluice.yaml:3");
        SluiceCliIT.Run nested = SluiceCliIT.run("config", "show", "--config", config.toString());
        assertThat(nested.exit()).as(nested.err()).isZero();
        assertThat(nested.out())
                .contains("index:\n  path: \"" + work.resolve("index-de"))
                .contains("  language: \"de\"");
    }
}
