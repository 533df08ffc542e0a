package dev.sluice.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.IngestOptions;
import dev.sluice.Sluice;
import dev.sluice.catalog.RunRecord;
import dev.sluice.sqlite.SqliteCatalog;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose process is killed (SIGKILL: no shutdown hook, no end recorded) is closed as interrupted
 * by the next run, with when and by which run that was found; a run whose process is alive in another
 * JVM is left running. The other process is a real JVM that starts a run in the same catalog and holds
 * it.
 */
class InterruptedRunsIT {
    @TempDir
    Path work;

    private Path docs;
    private Path index;
    private Process holder;

    @BeforeEach
    void folder() throws Exception {
        docs = Files.createDirectories(work.resolve("docs"));
        Files.writeString(docs.resolve("canals.md"), "# Canals\n\nLocks raise boats between two water levels.\n");
        index = work.resolve("index");
    }

    @AfterEach
    void killHolder() throws Exception {
        if (holder != null) {
            holder.destroyForcibly();
            holder.waitFor();
        }
    }

    /** Starts the other JVM and returns the number of the run it started and holds. */
    private long startRunInAnotherProcess() throws Exception {
        holder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--enable-native-access=ALL-UNNAMED",
                        "-cp",
                        System.getProperty("java.class.path"),
                        RunHolder.class.getName(),
                        index.resolve(SqliteCatalog.FILE_NAME).toString())
                .redirectError(work.resolve("holder.log").toFile())
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line)
                .as("the other process says: %s", Files.readString(work.resolve("holder.log")))
                .startsWith("started ");
        return Long.parseLong(line.substring("started ".length()));
    }

    private IngestReport sync() {
        return Sluice.ingest(IngestOptions.defaults(List.of(docs), index), ProgressListener.NONE);
    }

    private RunRecord run(long id) {
        try (SqliteCatalog catalog = SqliteCatalog.open(index.resolve(SqliteCatalog.FILE_NAME))) {
            return catalog.run(id);
        }
    }

    @Test
    void should_close_a_run_killed_by_sigkill_as_interrupted_when_the_next_sync_starts() throws Exception {
        long killed = startRunInAnotherProcess();
        long pid = holder.pid();
        holder.destroyForcibly(); // SIGKILL on Linux and macOS
        assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long killedAt = System.currentTimeMillis();
        assertThat(run(killed).status()).as("nobody has looked yet").isEqualTo(RunRecord.RUNNING);

        IngestReport next = sync();

        RunRecord run = run(killed);
        assertThat(run.status()).isEqualTo(RunRecord.INTERRUPTED);
        assertThat(run.finishedMillis()).as("the time it was found").isBetween(killedAt, System.currentTimeMillis());
        assertThat(run.error())
                .startsWith("interrupted: found at ")
                .contains(" by run " + next.runId() + "; ")
                .contains("pid " + pid + " on ");
        assertThat(run(next.runId()).status()).isEqualTo(RunRecord.OK);
    }

    @Test
    void should_leave_the_run_of_a_live_process_running_and_close_it_once_that_process_is_killed() throws Exception {
        long live = startRunInAnotherProcess();

        IngestReport first = sync();
        assertThat(run(live).status()).isEqualTo(RunRecord.RUNNING);
        assertThat(run(live).finishedMillis()).isZero();
        assertThat(run(live).error()).isNull();

        holder.destroyForcibly();
        assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        IngestReport second = sync();
        assertThat(run(live).status()).isEqualTo(RunRecord.INTERRUPTED);
        assertThat(run(live).error()).contains(" by run " + second.runId() + "; ");
        assertThat(run(first.runId()).status()).isEqualTo(RunRecord.OK);
    }

    /**
     * The other process: starts a run in the catalog, says "started N" and holds it until its standard
     * input closes (or it is killed).
     */
    public static final class RunHolder {
        public static void main(String[] args) throws Exception {
            try (SqliteCatalog catalog = SqliteCatalog.open(Path.of(args[0]))) {
                long run = catalog.startRun("ingest", System.currentTimeMillis());
                System.out.println("started " + run);
                System.out.flush();
                while (System.in.read() >= 0) {
                    // hold the run until the test lets go
                }
            }
        }
    }
}
