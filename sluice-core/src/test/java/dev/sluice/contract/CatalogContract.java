package dev.sluice.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.catalog.Catalog;
import dev.sluice.catalog.DocumentRecord;
import dev.sluice.catalog.RunCounts;
import dev.sluice.catalog.RunRecord;
import dev.sluice.core.ProcessOwner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link Catalog} must do: documents, chunks, runs, sources and the vector cache. */
public abstract class CatalogContract extends StoreFixture<Catalog> {

    static DocumentRecord indexed(String uri, String source, long runId, int chunks) {
        return new DocumentRecord(
                uri,
                source,
                uri.substring(uri.lastIndexOf('/') + 1),
                10,
                1_000,
                "hash-" + uri,
                DocumentRecord.INDEXED,
                null,
                null,
                "chunker-1",
                "model",
                "1",
                chunks,
                1_000,
                2_000,
                runId);
    }

    static DocumentRecord quarantined(String uri, String source, long runId) {
        return new DocumentRecord(
                uri,
                source,
                uri,
                10,
                1_000,
                null,
                DocumentRecord.QUARANTINED,
                "CORRUPT",
                "broken",
                null,
                null,
                null,
                0,
                1_000,
                2_000,
                runId);
    }

    @Test
    void should_record_a_run_s_documents_and_chunks_in_order_and_find_a_chunk_s_lineage() {
        Catalog catalog = open();
        long run = catalog.startRun("test", 1_000);
        catalog.apply(
                run,
                List.of(
                        new Catalog.Change.Indexed(
                                indexed("file:/a.md", "docs", run, 2),
                                List.of(new Catalog.ChunkRow("a#0", "h0"), new Catalog.ChunkRow("a#1", "h1"))),
                        new Catalog.Change.Quarantined(quarantined("file:/b.pdf", "docs", run))));
        assertThat(catalog.documents()).containsOnlyKeys("file:/a.md", "file:/b.pdf");
        assertThat(catalog.document("file:/b.pdf").indexed()).isFalse();
        assertThat(catalog.document("file:/b.pdf").reason()).isEqualTo("CORRUPT");
        assertThat(catalog.chunks("file:/a.md"))
                .extracting(Catalog.ChunkRow::id)
                .containsExactly("a#0", "a#1");
        assertThat(catalog.chunks("file:/b.pdf")).isEmpty();
        assertThat(catalog.chunkCount()).isEqualTo(2);
        Catalog.ChunkLineage lineage = catalog.chunk("a#1");
        assertThat(lineage).isEqualTo(new Catalog.ChunkLineage("a#1", "file:/a.md", 1, "h1", run));
        assertThat(catalog.chunk("nope")).isNull();
        assertThat(catalog.documentsOfRun(run))
                .extracting(DocumentRecord::uri)
                .containsExactly("file:/a.md", "file:/b.pdf");
    }

    @Test
    void should_count_documents_by_source_status_reason_model_and_chunker_without_reading_each() {
        Catalog catalog = open();
        long run = catalog.startRun("test", 1_000);
        catalog.apply(
                run,
                List.of(
                        new Catalog.Change.Indexed(indexed("file:/a.md", "docs", run, 2), List.of()),
                        new Catalog.Change.Indexed(indexed("file:/b.md", "docs", run, 3), List.of()),
                        new Catalog.Change.Indexed(indexed("file:/w.md", "wiki", run, 1), List.of()),
                        new Catalog.Change.Quarantined(quarantined("file:/x.pdf", "docs", run)),
                        new Catalog.Change.Quarantined(quarantined("file:/y.pdf", "docs", run))));
        assertThat(catalog.documentGroups())
                .containsExactlyInAnyOrder(
                        new Catalog.DocumentGroup(
                                "docs", DocumentRecord.INDEXED, null, "model", "1", "chunker-1", null, 2, 5),
                        new Catalog.DocumentGroup(
                                "wiki", DocumentRecord.INDEXED, null, "model", "1", "chunker-1", null, 1, 1),
                        new Catalog.DocumentGroup(
                                "docs", DocumentRecord.QUARANTINED, "CORRUPT", null, null, null, null, 2, 0));
        assertThat(catalog.quarantinedDocuments())
                .extracting(DocumentRecord::uri)
                .containsExactly("file:/x.pdf", "file:/y.pdf");
    }

    @Test
    void should_replace_a_document_s_chunks_and_forget_a_deleted_document() {
        Catalog catalog = open();
        long first = catalog.startRun("test", 1_000);
        catalog.apply(
                first,
                List.of(new Catalog.Change.Indexed(
                        indexed("file:/a.md", "docs", first, 2),
                        List.of(new Catalog.ChunkRow("a#0", "h0"), new Catalog.ChunkRow("a#1", "h1")))));
        long second = catalog.startRun("test", 2_000);
        catalog.apply(
                second,
                List.of(new Catalog.Change.Indexed(
                        indexed("file:/a.md", "docs", second, 1), List.of(new Catalog.ChunkRow("a#9", "h9")))));
        assertThat(catalog.chunks("file:/a.md"))
                .extracting(Catalog.ChunkRow::id)
                .containsExactly("a#9");
        assertThat(catalog.chunk("a#0")).as("a replaced chunk is gone").isNull();
        long third = catalog.startRun("test", 3_000);
        catalog.apply(third, List.of(new Catalog.Change.Deleted("file:/a.md")));
        assertThat(catalog.documents()).isEmpty();
        assertThat(catalog.chunkCount()).isZero();
    }

    @Test
    void should_remember_a_removed_document_by_uri_and_path_until_it_comes_back() {
        Catalog catalog = open();
        long first = catalog.startRun("test", 1_000);
        catalog.apply(
                first,
                List.of(new Catalog.Change.Indexed(
                        indexed("file:/docs/a.md", "docs", first, 1), List.of(new Catalog.ChunkRow("a#0", "h0")))));
        assertThat(catalog.removals("file:/docs/a.md")).isEmpty();
        long second = catalog.startRun("test", 2_000);
        catalog.apply(second, List.of(new Catalog.Change.Deleted("file:/docs/a.md")));
        Catalog.Removal removal = new Catalog.Removal("file:/docs/a.md", "docs", "a.md", null, first, second);
        assertThat(catalog.removals("file:/docs/a.md")).containsExactly(removal);
        assertThat(catalog.removals("a.md")).containsExactly(removal);
        assertThat(catalog.removals("b.md")).isEmpty();
        long third = catalog.startRun("test", 3_000);
        catalog.apply(
                third,
                List.of(new Catalog.Change.Indexed(
                        indexed("file:/docs/a.md", "docs", third, 1), List.of(new Catalog.ChunkRow("a#1", "h1")))));
        assertThat(catalog.removals("a.md")).as("back again").isEmpty();
    }

    @Test
    void should_keep_vectors_bit_for_bit_per_model_version_across_reopening() {
        float[] v = {0.1f, -2.5f, Float.MIN_VALUE, 3.4028235e38f};
        open().putVectors("model", "1", Map.of("h1", v));
        Catalog again = open();
        assertThat(again.vectors("model", "1", List.of("h1", "h2"))).containsOnlyKeys("h1");
        assertThat(again.vectors("model", "1", List.of("h1")).get("h1")).containsExactly(v);
        assertThat(again.vectors("model", "2", List.of("h1")))
                .as("another version")
                .isEmpty();
        assertThat(again.vectors("other", "1", List.of("h1")))
                .as("another model")
                .isEmpty();
        again.putVectors("model", "1", Map.of("h1", new float[] {9f, 9f, 9f, 9f}));
        assertThat(again.vectors("model", "1", List.of("h1")).get("h1"))
                .as("existing entries stay")
                .containsExactly(v);
        assertThat(again.cachedVectorCount()).isEqualTo(1);
    }

    @Test
    void should_number_runs_in_increasing_order_and_list_the_newest_first() {
        Catalog catalog = open();
        long a = catalog.startRun("cli", 1_000);
        long b = catalog.startRun("watch", 2_000);
        assertThat(b).isGreaterThan(a);
        RunCounts counts = new RunCounts(3, 1, 1, 1, 0, 4, 2, 2);
        catalog.finishRun(a, 1_500, "ok", counts, null);
        catalog.finishRun(b, 2_500, "failed", RunCounts.NONE, "disk full");
        List<RunRecord> runs = catalog.runs(10);
        assertThat(runs).extracting(RunRecord::id).containsExactly(b, a);
        assertThat(catalog.run(a).counts()).isEqualTo(counts);
        assertThat(catalog.run(a).status()).isEqualTo("ok");
        assertThat(catalog.run(b).error()).isEqualTo("disk full");
        assertThat(catalog.runs(1)).hasSize(1);
        assertThat(catalog.run(9_999)).isNull();
    }

    @Test
    void should_close_a_run_whose_process_is_gone_as_interrupted_when_the_next_run_starts() {
        Catalog catalog = open();
        ProcessOwner me = ProcessOwner.current();
        // The same pid, started an hour earlier: that process is gone and its pid now belongs to this one.
        ProcessOwner killed = new ProcessOwner(me.host(), me.pid(), me.startedMillis() - 3_600_000L);
        long lost = catalog.startRun("cli", 1_000, killed);
        long next = open().startRun("cli", 1_700_000_000_000L);

        RunRecord run = catalog.run(lost);
        assertThat(run.status()).isEqualTo(RunRecord.INTERRUPTED);
        assertThat(run.finishedMillis()).as("when it was found").isEqualTo(1_700_000_000_000L);
        assertThat(run.error())
                .startsWith("interrupted: found at 2023-11-14T22:13:20Z by run " + next + "; ")
                .contains(killed.describe());
        assertThat(catalog.run(next).status()).isEqualTo(RunRecord.RUNNING);
    }

    @Test
    void should_leave_running_a_run_of_a_live_process_or_of_a_process_on_another_host() {
        Catalog catalog = open();
        long mine = catalog.startRun("cli", 1_000);
        long elsewhere = catalog.startRun("cli", 2_000, new ProcessOwner("another-host", 4242, 1_000));
        catalog.startRun("cli", 3_000);

        assertThat(catalog.run(mine).status()).isEqualTo(RunRecord.RUNNING);
        assertThat(catalog.run(mine).finishedMillis()).isZero();
        assertThat(catalog.run(elsewhere).status()).isEqualTo(RunRecord.RUNNING);
    }

    @Test
    void should_remember_the_last_good_and_the_last_failed_sync_of_each_source() {
        Catalog catalog = open();
        long ok = catalog.startRun("cli", 1_000);
        catalog.recordSources(ok, List.of("docs", "web"), 1_100, null);
        long failed = catalog.startRun("cli", 2_000);
        catalog.recordSources(failed, List.of("web"), 2_100, "timed out");
        Map<String, Catalog.SourceState> sources = catalog.sources();
        assertThat(sources).containsOnlyKeys("docs", "web");
        assertThat(sources.get("docs").lastOkMillis()).isEqualTo(1_100);
        assertThat(sources.get("web").lastOkMillis()).isEqualTo(1_100);
        assertThat(sources.get("web").lastFailedMillis()).isEqualTo(2_100);
        assertThat(sources.get("web").lastError()).isEqualTo("timed out");
    }

    @Test
    void should_copy_records_and_vectors_into_a_store_that_opens_on_its_own() {
        Catalog catalog = open();
        long run = catalog.startRun("test", 1_000);
        catalog.apply(
                run,
                List.of(new Catalog.Change.Indexed(
                        indexed("file:/a.md", "docs", run, 1), List.of(new Catalog.ChunkRow("a#0", "h0")))));
        catalog.putVectors("model", "1", Map.of("h0", new float[] {1f, 2f}));
        Path copy = folder.resolve("copy");
        catalog.copyTo(copyTarget(copy));
        Catalog copied = openIn(copy);
        try {
            assertThat(copied.documents()).containsOnlyKeys("file:/a.md");
            assertThat(copied.vectors("model", "1", List.of("h0")).get("h0")).containsExactly(1f, 2f);
        } finally {
            copied.close();
        }
    }

    /** Where {@link Catalog#copyTo} writes so that {@link #openIn(Path) openIn(folder)} finds the copy. */
    protected abstract Path copyTarget(Path folder);
}
