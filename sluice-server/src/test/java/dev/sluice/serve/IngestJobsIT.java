package dev.sluice.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.config.SluiceConfig;
import dev.sluice.source.DirectorySource;
import dev.sluice.source.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service's ingest queue: bounded, and stopping runs the job under way but no waiting one. */
class IngestJobsIT {
    @TempDir
    Path work;

    @Test
    void should_refuse_jobs_beyond_the_waiting_limit_and_cancel_waiting_jobs_when_closed() throws Exception {
        Path docs = Files.createDirectories(work.resolve("docs"));
        Files.writeString(docs.resolve("a.md"), "# A\n\nThe first note.\n");
        List<Source> sources = List.of(DirectorySource.of(docs));
        List<IngestJobs.Job> submitted = new ArrayList<>();
        dev.sluice.KnowledgeBase kb = TestServers.knowledgeBase(SluiceConfig.defaults(), work.resolve("index"));
        IngestJobs jobs = new IngestJobs(kb, report -> {});
        try (kb) {
            // the first job loads the model for a second or so: everything after it waits meanwhile
            submitted.add(jobs.submit("sync", sources, false, "key"));
            long deadline = System.currentTimeMillis() + 10_000;
            while (jobs.job(submitted.getFirst().id()).state() == IngestJobs.State.QUEUED) {
                assertThat(System.currentTimeMillis())
                        .as("the first job never started")
                        .isLessThan(deadline);
                Thread.sleep(1);
            }
            for (int i = 0; i < IngestJobs.MAX_WAITING; i++) {
                submitted.add(jobs.submit("sync", sources, false, "key"));
            }
            assertThatThrownBy(() -> jobs.submit("sync", sources, false, "key"))
                    .isInstanceOfSatisfying(ApiError.class, e -> {
                        assertThat(e.status()).isEqualTo(503);
                        assertThat(e.code()).isEqualTo("busy");
                        assertThat(e.retryAfterSeconds()).isPositive();
                    });
        } finally {
            jobs.close();
        }
        assertThat(jobs.job(submitted.getFirst().id()).state()).isEqualTo(IngestJobs.State.DONE);
        assertThat(submitted.subList(1, submitted.size()))
                .extracting(j -> jobs.job(j.id()).state())
                .containsOnly(IngestJobs.State.CANCELLED);
        assertThatThrownBy(() -> jobs.submit("sync", sources, false, "key"))
                .isInstanceOfSatisfying(
                        ApiError.class, e -> assertThat(e.code()).isEqualTo("shutting_down"));
    }
}
