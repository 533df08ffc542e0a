package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.ProcessOwner;
import dev.sluice.sqlite.SqliteCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice runs} shows a run whose process died as interrupted, with when and by which run that was found. */
class RunsCliIT {
    @TempDir
    Path work;

    @Test
    void should_list_a_run_whose_process_died_as_interrupted_in_text_and_json() throws Exception {
        Path notes = Files.createDirectories(work.resolve("notes"));
        Files.writeString(notes.resolve("a.txt"), "Canals carry barges between towns.\n");
        Path index = work.resolve("index");
        String[] ingest = {"ingest", notes.toString(), "--index", index.toString(), "--no-progress"};
        assertThat(SluiceCliIT.run(ingest).exit()).isZero();
        long lost;
        try (SqliteCatalog catalog = SqliteCatalog.open(index.resolve(SqliteCatalog.FILE_NAME))) {
            // A run of a process that is gone: this host and pid, started an hour before this process.
            ProcessOwner me = ProcessOwner.current();
            lost = catalog.startRun(
                    "ingest",
                    System.currentTimeMillis(),
                    new ProcessOwner(me.host(), me.pid(), me.startedMillis() - 3_600_000L));
        }
        assertThat(SluiceCliIT.run(ingest).exit()).isZero();

        SluiceCliIT.Run json = SluiceCliIT.run("runs", "--json", "--index", index.toString());
        assertThat(json.exit()).isZero();
        JsonNode rows = new ObjectMapper().readTree(json.out());
        assertThat(rows).hasSize(3);
        JsonNode run = rows.get(1);
        assertThat(run.path("run").asLong()).isEqualTo(lost);
        assertThat(run.path("status").asText()).isEqualTo("interrupted");
        assertThat(run.path("finished").isNull())
                .as("finished: when it was found")
                .isFalse();
        assertThat(run.path("error").asText())
                .startsWith("interrupted: found at ")
                .contains(" by run " + rows.get(0).path("run").asLong() + "; ");

        SluiceCliIT.Run text = SluiceCliIT.run("runs", "--index", index.toString());
        assertThat(text.out()).containsPattern("(?m)^" + lost + " +\\S+ \\S+ +- +interrupted ");
    }
}
