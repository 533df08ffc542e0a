package dev.sluice.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.IngestOptions;
import dev.sluice.Sluice;
import dev.sluice.catalog.Catalog;
import dev.sluice.catalog.DocumentRecord;
import dev.sluice.index.IndexFields;
import dev.sluice.index.LuceneIndex;
import dev.sluice.sqlite.SqliteCatalog;
import dev.sluice.testkit.Seeds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.ScoreDoc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real ingestion process with SIGKILL at random points while the folder keeps changing,
 * then lets one run finish: index and catalog must agree exactly (every indexed chunk has its
 * catalog row and the reverse), with no duplicate chunk, no lost document, and vectors computed by
 * killed runs reused. Replay a failure with {@code -Dsluice.test.seed=N}.
 */
class CrashSafetyIT {
    private static final int DOCUMENTS = 30;
    private static final int KILLS = 8;

    @TempDir
    Path work;

    private static String document(int id, int version, Random random) {
        StringBuilder md = new StringBuilder("# Document " + id + "\n\n");
        int sections = 1 + random.nextInt(3);
        for (int s = 0; s < sections; s++) {
            md.append("## Section ").append(s).append("\n\n");
            md.append("Marker doc")
                    .append(id)
                    .append("v")
                    .append(version)
                    .append(" section ")
                    .append(s)
                    .append(" talks about canals, locks and gates in version ")
                    .append(version)
                    .append(".\n\n");
        }
        return md.toString();
    }

    private Process start(Path docs, Path index) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules",
                "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                IngestChild.class.getName(),
                docs.toString(),
                index.toString()));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("child.log").toFile())
                .start();
    }

    /**
     * The time of one complete incremental run, measured on a scratch copy of the folder: a full run,
     * then one changed file, then the timed run.
     */
    private long incrementalRunMillis(Path docs, Random random) throws Exception {
        Path probe = Files.createDirectories(work.resolve("probe-docs"));
        try (var files = Files.list(docs)) {
            for (Path f : files.toList()) {
                Files.copy(f, probe.resolve(f.getFileName()));
            }
        }
        Path probeIndex = work.resolve("probe-index");
        assertThat(start(probe, probeIndex).waitFor()).isZero();
        Files.writeString(probe.resolve("doc-0.md"), document(0, 99, random));
        long started = System.nanoTime();
        Process timed = start(probe, probeIndex);
        assertThat(timed.waitFor())
                .as(Files.readString(work.resolve("child.log")))
                .isZero();
        return (System.nanoTime() - started) / 1_000_000;
    }

    @Test
    void should_leave_index_and_catalog_in_agreement_after_kills_at_random_points() throws Exception {
        long seed = Seeds.seed("CrashSafetyIT");
        Random random = new Random(seed);
        Path docs = Files.createDirectories(work.resolve("docs"));
        Path index = work.resolve("index");
        Map<Integer, Integer> versions = new HashMap<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            versions.put(i, 1);
            Files.writeString(docs.resolve("doc-" + i + ".md"), document(i, 1, random));
        }
        // How long a run takes here (a process start, the model, a few changed files): kills are drawn
        // within it, so they land inside runs on a fast machine and a slow one alike.
        long runMillis = incrementalRunMillis(docs, random);
        System.out.println("CrashSafetyIT: an incremental run takes " + runMillis + " ms; kills land within it");
        int killed = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Process child = start(docs, index);
            long delay = random.nextInt((int) Math.max(100, runMillis));
            if (child.waitFor(delay, TimeUnit.MILLISECONDS)) {
                assertThat(child.exitValue())
                        .as(Files.readString(work.resolve("child.log")))
                        .isIn(0);
            } else {
                child.destroyForcibly(); // SIGKILL on Linux and macOS
                child.waitFor();
                killed++;
            }
            // The folder moves on between runs: edits, deletions, new files.
            for (int change = 0; change < 4; change++) {
                int id = random.nextInt(DOCUMENTS + 5);
                Path file = docs.resolve("doc-" + id + ".md");
                if (random.nextInt(4) == 0) {
                    Files.deleteIfExists(file);
                    versions.remove(id);
                } else {
                    int v = versions.getOrDefault(id, 0) + 1;
                    versions.put(id, v);
                    Files.writeString(file, document(id, v, random));
                }
            }
        }
        System.out.println("CrashSafetyIT: " + killed + " of " + KILLS + " runs killed before they finished");
        assertThat(killed).as("runs killed mid-way (the rest finished first)").isGreaterThanOrEqualTo(KILLS / 2);
        IngestReport last = Sluice.ingest(IngestOptions.defaults(List.of(docs), index), ProgressListener.NONE);
        assertThat(last.reconciles()).isTrue();
        assertThat(last.quarantined()).isEmpty();
        assertAgreement(docs, index, versions);
        try (SqliteCatalog catalog = SqliteCatalog.open(index.resolve(SqliteCatalog.FILE_NAME))) {
            List<dev.sluice.catalog.RunRecord> runs = catalog.runs(100);
            assertThat(runs)
                    .as("every killed run was closed by the run after it")
                    .noneMatch(r -> r.status().equals(dev.sluice.catalog.RunRecord.RUNNING));
            assertThat(runs)
                    .filteredOn(r -> r.status().equals(dev.sluice.catalog.RunRecord.INTERRUPTED))
                    .as("runs killed after they were recorded")
                    .hasSizeLessThanOrEqualTo(killed)
                    .allSatisfy(r -> assertThat(r.error()).startsWith("interrupted: found at "));
        }
        IngestReport again = Sluice.ingest(IngestOptions.defaults(List.of(docs), index), ProgressListener.NONE);
        assertThat(again.embeddingsComputed()).as("nothing left to do").isZero();
        assertThat(again.unchanged()).isEqualTo(versions.size());
    }

    private static void assertAgreement(Path docs, Path index, Map<Integer, Integer> versions) throws Exception {
        Map<String, DocumentRecord> catalogDocs;
        Map<String, List<String>> catalogChunks = new HashMap<>();
        try (SqliteCatalog catalog = SqliteCatalog.open(index.resolve(SqliteCatalog.FILE_NAME))) {
            catalogDocs = catalog.documents();
            for (String uri : catalogDocs.keySet()) {
                catalogChunks.put(
                        uri,
                        catalog.chunks(uri).stream().map(Catalog.ChunkRow::id).toList());
            }
        }
        Set<String> files = new HashSet<>();
        try (Stream<Path> list = Files.list(docs)) {
            list.forEach(f -> files.add(f.toUri().toString()));
        }
        assertThat(catalogDocs.keySet()).as("no lost document, no orphan").isEqualTo(files);
        assertThat(catalogDocs.values()).allMatch(DocumentRecord::indexed);

        Map<String, List<String>> indexChunks = new HashMap<>();
        List<String> allIds = new ArrayList<>();
        try (LuceneIndex lucene = LuceneIndex.openForReading(index)) {
            IndexSearcher searcher = lucene.acquire();
            try {
                for (ScoreDoc sd : searcher.search(MatchAllDocsQuery.INSTANCE, 100_000).scoreDocs) {
                    Document d = searcher.storedFields().document(sd.doc);
                    indexChunks
                            .computeIfAbsent(d.get(IndexFields.DOC_URI), k -> new ArrayList<>())
                            .add(d.get(IndexFields.CHUNK_ID));
                    allIds.add(d.get(IndexFields.CHUNK_ID));
                }
            } finally {
                lucene.release(searcher);
            }
        }
        assertThat(allIds).as("no duplicate chunk").doesNotHaveDuplicates();
        assertThat(indexChunks.keySet()).isEqualTo(catalogDocs.keySet());
        for (String uri : catalogDocs.keySet()) {
            assertThat(new HashSet<>(indexChunks.get(uri)))
                    .as("chunks of %s: index and catalog", uri)
                    .isEqualTo(new HashSet<>(catalogChunks.get(uri)));
            assertThat(indexChunks.get(uri)).hasSize(catalogDocs.get(uri).chunkCount());
        }
        try (Sluice.Searcher searcher = Sluice.openSearcher(index)) {
            for (Map.Entry<Integer, Integer> e : versions.entrySet()) {
                String marker = "doc" + e.getKey() + "v" + e.getValue();
                var hits = searcher.search(new dev.sluice.retrieve.SearchRequest(
                        marker, dev.sluice.retrieve.SearchMode.BM25, 3, dev.sluice.retrieve.SearchFilters.NONE));
                assertThat(hits)
                        .as("the current version of doc-%s is searchable", e.getKey())
                        .extracting(h -> h.path())
                        .contains("doc-" + e.getKey() + ".md");
            }
        }
    }

    /** The process killed at random points: one ingest run of a folder into an index, on two threads. */
    public static final class IngestChild {
        public static void main(String[] args) {
            IngestReport report = Sluice.ingest(
                    IngestOptions.defaults(List.of(Path.of(args[0])), Path.of(args[1]))
                            .withEmbedThreads(2),
                    ProgressListener.NONE);
            System.exit(report.reconciles() ? 0 : 1);
        }
    }
}
