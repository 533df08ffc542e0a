package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice quickstart --json} on a small stand-in for the repository (a README.md and docs/). */
class QuickstartCliIT {
    @TempDir
    Path work;

    @Test
    void should_print_the_ingest_summary_searches_and_next_steps_as_json_when_asked() throws Exception {
        Files.writeString(work.resolve("README.md"), "# Sluice\n\nFiles that cannot be read are quarantined.\n");
        Files.createDirectories(work.resolve("docs"));
        Files.writeString(
                work.resolve("docs/quarantine.md"), "# Quarantine\n\nEach quarantined file has a quarantine reason.\n");

        SluiceCliIT.Run run = SluiceCliIT.run("quickstart", "--dir", work.toString(), "--json");

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("index").asText()).endsWith("quickstart");
        assertThat(json.get("ingest").get("ingested").asInt()).isEqualTo(2);
        assertThat(json.get("searches")).hasSize(3);
        assertThat(json.get("searches").get(2).get("mode").asText()).isEqualTo("bm25");
        assertThat(json.get("searches").get(2).get("shows").asText()).startsWith("bm25:");
        assertThat(json.get("searches").get(2).get("results").get(0).get("path").asText())
                .isEqualTo("quarantine.md");
        assertThat(json.get("next").get(0).get("command").asText()).startsWith("./sluice search");
        assertThat(run.err()).contains("Sluice quickstart: building a knowledge base");
    }
}
