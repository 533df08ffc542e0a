package dev.sluice.review;

import dev.sluice.KnowledgeBase;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.Flags;
import dev.sluice.conflict.SentenceConflicts;
import dev.sluice.index.LuceneIndex;
import dev.sluice.ingest.IngestReport;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.ingest.RunOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.search.IndexSearcher;

/**
 * Measures the conflict check on real filings, apart from the test run:
 *
 * <pre>
 * java -cp ... dev.sluice.review.IngestionConflictsCost WORK_DIR FILINGS_DIR [NAME_PREFIX...]
 * </pre>
 *
 * Syncs the filings whose names start with a prefix into WORK_DIR/index once (with the check on, so the
 * sync's own conflicts stage is measured beside its other stages; a rerun reuses the index), then runs the
 * check over every document again for each setting of {@code -Dsettings=bm25:5,knn:5,both:5} (way of finding
 * candidates : candidates per chunk), from an empty review table, printing time per chunk and per document
 * and what it found, and every item the first setting found.
 */
public final class IngestionConflictsCost {
    private IngestionConflictsCost() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]).toAbsolutePath();
        Path filings = Path.of(args[1]).toAbsolutePath();
        Path docs = Files.createDirectories(work.resolve("docs"));
        try (var list = Files.list(filings)) {
            for (Path f : list.sorted().toList()) {
                String name = f.getFileName().toString();
                boolean wanted = args.length <= 2;
                for (int i = 2; i < args.length; i++) {
                    wanted |= name.startsWith(args[i]);
                }
                if (wanted && !Files.exists(docs.resolve(name))) {
                    Files.createSymbolicLink(docs.resolve(name), f);
                }
            }
        }
        Path yaml = work.resolve("sluice.yaml");
        Files.writeString(yaml, "index: index\nsources:\n  - name: filings\n    path: docs\n", StandardCharsets.UTF_8);
        try (KnowledgeBase kb =
                KnowledgeBase.openOrCreate(EffectiveConfig.resolve(ConfigLoader.load(yaml), Flags.NONE))) {
            IngestReport sync = kb.sync(kb.configuredRun(RunOptions.DEFAULTS), ProgressListener.NONE);
            System.out.printf(
                    Locale.ROOT,
                    "sync: %d documents ingested, %d chunks, wall %d ms, stages %s%n",
                    sync.ingested(),
                    sync.chunks(),
                    sync.wallMillis(),
                    sync.stageMillis());
            kb.reviews().scan(sync.runId()).ifPresent(s -> System.out.println("sync's check: " + s));
            List<String> uris = kb.documents().values().stream()
                    .filter(d -> d.status().equals("indexed"))
                    .map(d -> d.uri())
                    .sorted()
                    .toList();
            int chunks = kb.catalog().chunkCount();
            System.out.printf(Locale.ROOT, "index: %d documents, %d chunks%n", uris.size(), chunks);
            boolean printed = false;
            int checkThreads = Integer.getInteger("threads", 1); // more than one: CPU is the process's
            for (String setting : System.getProperty("settings", "bm25:3,bm25:5,bm25:10,knn:5,both:5")
                    .split(",")) {
                IngestionConflicts.Candidates way =
                        IngestionConflicts.Candidates.valueOf(setting.split(":")[0].toUpperCase(Locale.ROOT));
                int k = Integer.parseInt(setting.split(":")[1]);
                {
                    clear(work.resolve("index").resolve("catalog.sqlite"));
                    LuceneIndex index = ((dev.sluice.backend.LuceneSearchIndex)
                                    kb.searcher().index())
                            .lucene();
                    IndexSearcher searcher = index.acquire();
                    java.lang.management.ThreadMXBean threads =
                            java.lang.management.ManagementFactory.getThreadMXBean();
                    com.sun.management.OperatingSystemMXBean process = (com.sun.management.OperatingSystemMXBean)
                            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
                    java.util.function.LongSupplier cpu =
                            checkThreads == 1 ? threads::getCurrentThreadCpuTime : process::getProcessCpuTime;
                    long cpuStarted = cpu.getAsLong();
                    long processStarted = process.getProcessCpuTime();
                    long started = System.nanoTime();
                    ReviewScan scan;
                    try {
                        scan = new IngestionConflicts(
                                        () -> Boolean.getBoolean("forget")
                                                ? new SentenceConflicts()
                                                : SentenceConflicts.remembering(IngestionConflicts.REMEMBERED_PASSAGES),
                                        way,
                                        k)
                                .check(searcher, 0, uris, kb.reviews(), System.currentTimeMillis(), checkThreads);
                    } finally {
                        index.release(searcher);
                    }
                    long millis = (System.nanoTime() - started) / 1_000_000;
                    long cpuMillis = (cpu.getAsLong() - cpuStarted) / 1_000_000;
                    long processMillis = (process.getProcessCpuTime() - processStarted) / 1_000_000;
                    List<ReviewItem> items = kb.reviews().items(null, null, 100_000, 0);
                    long sameIssuer = items.stream()
                            .filter(IngestionConflictsCost::sameIssuer)
                            .count();
                    System.out.printf(
                            Locale.ROOT,
                            "%-5s k=%-2d threads %d  wall %6d ms  process cpu %6d ms  cpu %6d ms: %.2f ms/chunk  %5.0f ms/document  chunks %5d  compared"
                                    + " %6d  found %4d  items %4d (same issuer %d)  ids %s%n",
                            way.label(),
                            k,
                            checkThreads,
                            millis,
                            processMillis,
                            cpuMillis,
                            cpuMillis / (double) Math.max(1, scan.chunks()),
                            cpuMillis / (double) Math.max(1, uris.size()),
                            scan.chunks(),
                            scan.candidates(),
                            scan.found(),
                            items.size(),
                            sameIssuer,
                            items.stream()
                                    .map(i -> i.pairKey().substring(0, 6))
                                    .sorted()
                                    .toList());
                    if (!printed) {
                        printed = true;
                        for (ReviewItem i : items) {
                            System.out.printf(
                                    Locale.ROOT,
                                    "  #%d %s [%s] %s p%d: %s%n      vs %s p%d: %s%n",
                                    i.id(),
                                    i.difference(),
                                    i.subject(),
                                    i.left().path(),
                                    i.left().page(),
                                    i.left().sentence(),
                                    i.right().path(),
                                    i.right().page(),
                                    i.right().sentence());
                        }
                    }
                }
            }
        }
    }

    private static boolean sameIssuer(ReviewItem i) {
        return i.left().path().split("_")[0].equals(i.right().path().split("_")[0]);
    }

    private static void clear(Path catalog) throws Exception {
        List<String> statements = new ArrayList<>(List.of("DELETE FROM review_items"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + catalog);
                java.sql.Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
