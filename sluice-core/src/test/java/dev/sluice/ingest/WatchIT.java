package dev.sluice.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.IngestOptions;
import dev.sluice.Ingester;
import dev.sluice.Sluice;
import dev.sluice.retrieve.SearchFilters;
import dev.sluice.retrieve.SearchHit;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.retrieve.SearchRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.io.TempDir;

/** Watch mode: files written, changed and deleted while watching become searchable or leave, without a restart. */
class WatchIT {
    @TempDir
    Path work;

    private List<String> paths(Path index, String query) {
        try (Sluice.Searcher searcher = Sluice.openSearcher(index)) {
            return searcher.search(new SearchRequest(query, SearchMode.BM25, 5, SearchFilters.NONE)).stream()
                    .map(SearchHit::path)
                    .toList();
        }
    }

    /** Polls search (a separate reader, as another process would) until the condition holds; returns the wait. */
    private long awaitSearch(Path index, String query, boolean present, String path) throws InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < 20_000_000_000L) {
            if (paths(index, query).contains(path) == present) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("'" + query + "' " + (present ? "never found" : "still finds") + " " + path);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "file-system events: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void should_index_new_changed_and_deleted_files_while_watching(boolean events) throws Exception {
        Path docs = Files.createDirectories(work.resolve("docs"));
        Files.writeString(docs.resolve("first.md"), "# First\n\nAqueducts carried water to Roman cities.\n");
        Path index = work.resolve("index");
        AtomicBoolean stop = new AtomicBoolean();
        List<IngestReport> reports = new CopyOnWriteArrayList<>();
        List<RuntimeException> errors = new CopyOnWriteArrayList<>();
        try (Ingester ingester = new Ingester(IngestOptions.defaults(List.of(docs), index))) {
            Thread watcher =
                    new Thread(() -> ingester.watch(1_000, events, stop::get, reports::add, errors::add), "test-watch");
            watcher.start();
            try {
                awaitSearch(index, "aqueducts", true, "first.md");

                Files.createDirectories(docs.resolve("later"));
                Files.writeString(docs.resolve("later/second.md"), "# Second\n\nWindmills ground grain into flour.\n");
                long lagMillis = awaitSearch(index, "windmills", true, "later/second.md");
                System.out.println("WatchIT (" + (events ? "events" : "polling every 1 s")
                        + "): new file searchable after " + lagMillis + " ms");

                Files.writeString(docs.resolve("first.md"), "# First\n\nViaducts carry railways over valleys.\n");
                awaitSearch(index, "viaducts", true, "first.md");
                awaitSearch(index, "aqueducts", false, "first.md");

                Files.delete(docs.resolve("later/second.md"));
                awaitSearch(index, "windmills", false, "later/second.md");
            } finally {
                stop.set(true);
                watcher.join(10_000);
            }
        }
        assertThat(errors).isEmpty();
        assertThat(reports).hasSizeGreaterThanOrEqualTo(events ? 4 : 1);
        assertThat(reports).allSatisfy(r -> assertThat(r.reconciles()).isTrue());
        assertThat(reports.stream().mapToInt(IngestReport::deleted).sum()).isEqualTo(1);
    }
}
