package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice sync --source NAME} and {@code sluice sync} with no arguments after {@code sluice ingest DIR}. */
class SyncSourcesCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void should_sync_only_the_named_source_and_leave_the_others_alone_when_source_is_given() throws Exception {
        Path canals = Files.createDirectories(work.resolve("canals"));
        Path rivers = Files.createDirectories(work.resolve("rivers"));
        Files.writeString(canals.resolve("a.md"), "# Locks\n\nLocks lift boats between water levels.\n");
        Files.writeString(rivers.resolve("b.md"), "# Deltas\n\nRivers drop silt where they meet the sea.\n");
        Path config = Files.writeString(
                work.resolve("sluice.yaml"),
                "sources:\n  - name: canals\n    path: canals\n  - name: rivers\n    path: rivers\n");
        String file = config.toString();
        assertThat(SluiceCliIT.run("sync", "--config", file, "--no-progress").exit())
                .isZero();

        Files.writeString(canals.resolve("c.md"), "# Towpaths\n\nHorses once pulled barges along towpaths.\n");
        Files.writeString(rivers.resolve("d.md"), "# Floods\n\nFloodplains store water after heavy rain.\n");
        SluiceCliIT.Run one = SluiceCliIT.run("sync", "--config", file, "--source", "canals", "--json");
        assertThat(one.exit()).as(one.err()).isZero();
        JsonNode report = JSON.readTree(one.out());
        assertThat(report.get("ingested").asInt()).as(one.out()).isEqualTo(1);
        assertThat(report.get("deleted").asInt()).as("no pruning of rivers").isZero();

        SluiceCliIT.Run search = SluiceCliIT.run("search", "silt at the sea", "--config", file, "--json");
        assertThat(search.out()).as("rivers' documents stay indexed").contains("b.md");
        SluiceCliIT.Run rest = SluiceCliIT.run("sync", "--config", file, "--json");
        assertThat(JSON.readTree(rest.out()).get("ingested").asInt())
                .as("rivers' change was left for a later sync")
                .isEqualTo(1);
    }

    @Test
    void should_exit_2_naming_the_known_sources_when_a_source_name_is_unknown() throws Exception {
        Files.createDirectories(work.resolve("canals"));
        Path config = Files.writeString(work.resolve("sluice.yaml"), "sources:\n  - name: canals\n    path: canals\n");
        SluiceCliIT.Run run = SluiceCliIT.run("sync", "--config", config.toString(), "--source", "canal");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--source: no source named canal; known sources: canals");
    }

    @Test
    void should_sync_again_the_folders_earlier_runs_ingested_with_their_globs_when_there_is_no_sluice_yaml()
            throws Exception {
        Path notes = Files.createDirectories(work.resolve("notes"));
        Files.writeString(notes.resolve("a.md"), "# Locks\n\nLocks lift boats between water levels.\n");
        String index = work.resolve("index").toString();
        SluiceCliIT.Run never = SluiceCliIT.run("sync", "--index", index, "--no-progress");
        assertThat(never.exit())
                .as("nothing remembered yet: the usage error as before")
                .isEqualTo(2);
        assertThat(never.err()).contains("no PATH given and no sluice.yaml here");

        SluiceCliIT.Run first =
                SluiceCliIT.run("ingest", notes.toString(), "--include", "**/*.md", "--index", index, "--no-progress");
        assertThat(first.exit()).as(first.err()).isZero();
        Files.writeString(notes.resolve("b.md"), "# Towpaths\n\nHorses once pulled barges along towpaths.\n");
        Files.writeString(notes.resolve("c.txt"), "Left out by the remembered include glob.\n");

        SluiceCliIT.Run again = SluiceCliIT.run("sync", "--index", index, "--json");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.err()).contains("syncing the folders earlier runs ingested: notes (" + notes.toAbsolutePath());
        JsonNode report = JSON.readTree(again.out());
        assertThat(report.get("ingested").asInt()).as("b.md, not c.txt").isEqualTo(1);
        assertThat(report.get("unchanged").asInt()).isEqualTo(1);

        SluiceCliIT.Run unknown = SluiceCliIT.run("sync", "--index", index, "--source", "other");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("no source named other; known sources: notes");
    }
}
