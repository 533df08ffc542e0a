package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** status and runs over a real catalog, after real ingestion runs driven by sluice.yaml. */
class StatusCliIT {
    @TempDir
    Path work;

    private Path config(String body) throws Exception {
        return Files.writeString(work.resolve("sluice.yaml"), body);
    }

    @Test
    void should_report_fresh_stale_and_failed_sources_and_exit_3_on_an_alert() throws Exception {
        Files.createDirectories(work.resolve("notes"));
        Files.writeString(work.resolve("notes/locks.md"), "# Locks\n\nLocks lift boats between water levels.\n");
        Path config = config("sources:\n  - path: notes\n    freshness: 7d\n  - path: gone\n    freshness: 1h\n");

        SluiceCliIT.Run ingest = SluiceCliIT.run("ingest", "--config", config.toString(), "--no-progress");
        assertThat(ingest.exit()).as("a failed source fails the run").isEqualTo(1);
        assertThat(ingest.out()).contains("Sources that failed").contains("gone");
        assertThat(ingest.err()).contains("1 source(s) failed: gone; the others were ingested");

        SluiceCliIT.Run status = SluiceCliIT.run("status", "--config", config.toString(), "--json");
        assertThat(status.exit()).isEqualTo(SluiceCli.EXIT_CHECK_FAILED);
        JsonNode json = new ObjectMapper().readTree(status.out());
        assertThat(json.get("alert").asBoolean()).isTrue();
        JsonNode notes = json.get("sources").get(0);
        assertThat(notes.get("source").asText()).isEqualTo("notes");
        assertThat(notes.get("documents").asInt()).isEqualTo(1);
        assertThat(notes.get("breached").asBoolean()).isFalse();
        assertThat(notes.get("stale").asInt()).isZero();
        JsonNode gone = json.get("sources").get(1);
        assertThat(gone.get("source").asText()).isEqualTo("gone");
        assertThat(gone.get("breached").asBoolean())
                .as("never synced, target set")
                .isTrue();
        assertThat(gone.get("lastError").asText()).contains("does not exist");

        // Only the healthy source, with other chunk settings: fresh, but its document is stale.
        Path healthy = config("chunking:\n  maxTokens: 128\nsources:\n  - path: notes\n    freshness: 7d\n");
        SluiceCliIT.Run table = SluiceCliIT.run("status", "--config", healthy.toString());
        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out())
                .contains("notes")
                .contains("rebuild")
                .contains("1 document(s) stale, chunked with")
                .contains("the next ingest rebuilds them");
        assertThat(table.out())
                .as("a source dropped from the config is shown, not alerted on")
                .contains("not in config");
        SluiceCliIT.Run rebuild = SluiceCliIT.run("ingest", "--config", healthy.toString(), "--json");
        assertThat(new ObjectMapper().readTree(rebuild.out()).get("ingested").asInt())
                .isEqualTo(1);
        assertThat(SluiceCliIT.run("status", "--config", healthy.toString()).out())
                .doesNotContain("rebuild");

        JsonNode hit = new ObjectMapper()
                .readTree(SluiceCliIT.run("search", "boats", "--config", healthy.toString(), "--json")
                        .out())
                .get("results")
                .get(0);
        SluiceCliIT.Run lineage =
                SluiceCliIT.run("lineage", hit.get("chunkId").asText(), "--config", healthy.toString(), "--json");
        assertThat(lineage.exit()).as(lineage.err()).isZero();
        JsonNode tree = new ObjectMapper().readTree(lineage.out());
        assertThat(tree.get("document").get("path").asText()).isEqualTo("locks.md");
        assertThat(tree.get("document").get("chunkerVersion").asText()).isEqualTo("heading-aware/3;max=128;overlap=32");
        assertThat(tree.get("run").get("id").asLong()).isEqualTo(2);
        SluiceCliIT.Run byPath = SluiceCliIT.run("lineage", "locks.md", "--config", healthy.toString());
        assertThat(byPath.out()).contains("source: notes").contains("status: indexed");
        assertThat(SluiceCliIT.run("lineage", "nope", "--config", healthy.toString())
                        .exit())
                .isEqualTo(1);

        SluiceCliIT.Run runs = SluiceCliIT.run("runs", "--config", healthy.toString());
        assertThat(runs.exit()).isZero();
        assertThat(runs.out()).contains("partial").contains("ok").contains("embedded");
    }

    @Test
    void should_exit_3_when_the_last_sync_is_older_than_the_freshness_target() throws Exception {
        Files.createDirectories(work.resolve("notes"));
        Files.writeString(work.resolve("notes/a.txt"), "Canals carry barges.\n");
        Path config = config("sources:\n  - path: notes\n    freshness: 1s\n");
        assertThat(SluiceCliIT.run("ingest", "--config", config.toString(), "--no-progress")
                        .exit())
                .isZero();
        Thread.sleep(1_500);
        SluiceCliIT.Run status = SluiceCliIT.run("status", "--config", config.toString());
        assertThat(status.exit()).isEqualTo(SluiceCli.EXIT_CHECK_FAILED);
        assertThat(status.out()).contains("STALE").contains("older than the freshness target of 1s");
    }

    @Test
    void should_say_when_nothing_was_ingested_yet() {
        SluiceCliIT.Run status =
                SluiceCliIT.run("status", "--index", work.resolve("none").toString());
        assertThat(status.exit()).isEqualTo(1);
        assertThat(status.err()).contains("nothing has been ingested");
    }

    @Test
    void should_alert_when_every_source_fails_after_a_good_run() throws Exception {
        Path notes = Files.createDirectories(work.resolve("notes"));
        Files.writeString(notes.resolve("a.txt"), "Canals carry barges.\n");
        Path config = config("sources:\n  - path: notes\n");
        assertThat(SluiceCliIT.run("ingest", "--config", config.toString(), "--no-progress")
                        .exit())
                .isZero();
        assertThat(SluiceCliIT.run("status", "--config", config.toString()).exit())
                .isZero();
        Files.delete(notes.resolve("a.txt"));
        Files.delete(notes);
        SluiceCliIT.Run ingest = SluiceCliIT.run("ingest", "--config", config.toString(), "--no-progress");
        assertThat(ingest.exit()).isEqualTo(1);
        assertThat(ingest.err()).contains("does not exist");
        SluiceCliIT.Run status = SluiceCliIT.run("status", "--config", config.toString());
        assertThat(status.exit()).isEqualTo(SluiceCli.EXIT_CHECK_FAILED);
        assertThat(status.out()).contains("FAILED").contains("does not exist");
    }
}
