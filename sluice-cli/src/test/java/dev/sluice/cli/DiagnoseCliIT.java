package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.testkit.TopicNotes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice diagnose}: exit 0 when the answer rests on the expected document, 3 with the failing
 * layer otherwise, 2 naming an unknown document, answer or key; {@code --json} is the service's JSON.
 */
class DiagnoseCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void should_exit_0_for_none_3_for_a_failed_layer_and_2_for_what_it_cannot_find() throws Exception {
        Path docs = TopicNotes.write(work.resolve("docs"), TopicNotes.TOPICS);
        Files.write(docs.resolve("broken.pdf"), "%PDF-1.7 garbage".getBytes(StandardCharsets.US_ASCII));
        Path yaml = work.resolve("sluice.yaml");
        Files.writeString(yaml, "index: index\nsources:\n  - name: docs\n    path: docs\n", StandardCharsets.UTF_8);
        String config = yaml.toString();
        assertThat(SluiceCliIT.run("sync", "--config", config, "--no-progress").exit())
                .isZero();

        SluiceCliIT.Run none =
                SluiceCliIT.run("diagnose", "where is a volcano found", "--expect", "volcano.md", "--config", config);
        assertThat(none.exit()).as(none.err()).isZero();
        assertThat(none.out()).contains("layer:    none", "cause:    rests_on_expected", "ranks: {bm25=1");

        SluiceCliIT.Run json = SluiceCliIT.run(
                "diagnose", "where is a volcano found", "--expect", "broken.pdf", "--json", "--config", config);
        assertThat(json.exit()).as(json.err()).isEqualTo(SluiceCli.EXIT_CHECK_FAILED);
        JsonNode d = JSON.readTree(json.out());
        assertThat(d.get("layer").asText()).isEqualTo("data");
        assertThat(d.get("cause").asText()).isEqualTo("quarantined");
        assertThat(d.get("evidence").get("document").get("path").asText()).isEqualTo("broken.pdf");
        assertThat(d.get("fix").asText()).contains("--retry-quarantined");

        SluiceCliIT.Run human =
                SluiceCliIT.run("diagnose", "where is a volcano found", "--expect", "broken.pdf", "--config", config);
        assertThat(human.exit()).isEqualTo(SluiceCli.EXIT_CHECK_FAILED);
        assertThat(human.out()).contains("layer:    data", "cause:    quarantined", "fix:      repair or replace");

        SluiceCliIT.Run unknown =
                SluiceCliIT.run("diagnose", "where is a volcano found", "--expect", "nosuch.md", "--config", config);
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("no document 'nosuch.md'");

        SluiceCliIT.Run noKey = SluiceCliIT.run(
                "diagnose",
                "where is a volcano found",
                "--expect",
                "volcano.md",
                "--as-key",
                "k_nope",
                "--config",
                config);
        assertThat(noKey.exit()).isEqualTo(2);
        assertThat(noKey.err()).contains("no API key 'k_nope'");

        SluiceCliIT.Run noAnswer =
                SluiceCliIT.run("diagnose", "--expect", "volcano.md", "--answer", "ans_nope", "--config", config);
        assertThat(noAnswer.exit()).isEqualTo(2);
        assertThat(noAnswer.err()).contains("no answer 'ans_nope'");

        SluiceCliIT.Run noExpect = SluiceCliIT.run("diagnose", "where is a volcano found", "--config", config);
        assertThat(noExpect.exit()).isEqualTo(2);
        assertThat(noExpect.err()).contains("--expect");
    }
}
