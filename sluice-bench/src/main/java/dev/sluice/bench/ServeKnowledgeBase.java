package dev.sluice.bench;

import dev.sluice.IngestOptions;
import dev.sluice.Sluice;
import dev.sluice.core.SluiceException;
import dev.sluice.index.IndexFields;
import dev.sluice.index.LuceneIndex;
import dev.sluice.ingest.IngestReport;
import dev.sluice.ingest.ProgressListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiBits;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.Bits;

/**
 * The knowledge base {@code sluice bench serve} loads: reused when the index already holds enough
 * chunks (building 100,000 costs about 40 minutes on 2 cores), else built, or extended, from
 * generated text (seeded, so a larger corpus starts with the same documents and an extension embeds
 * only the new ones) or from a folder of real files. Also samples the queries from the index's own
 * chunk texts, so they use the corpus vocabulary whatever the corpus.
 */
final class ServeKnowledgeBase {
    /** Measured on generated text with the default chunking: 3,700 documents gave 10,227 chunks. */
    private static final double GENERATED_CHUNKS_PER_DOCUMENT = 2.7;

    private static final long PROGRESS_EVERY_MILLIS = 30_000;

    /**
     * @param chunks chunks searches see
     * @param built whether this run built or extended it (false: reused as it was)
     * @param buildSeconds time spent building, 0 when reused
     * @param corpus the folder its documents come from
     */
    record Loaded(int chunks, boolean built, double buildSeconds, Path corpus) {}

    private ServeKnowledgeBase() {}

    /** Where generated documents go: beside the index, kept for the sync phase and for reuse. */
    static Path generatedCorpus(Path index) {
        return index.resolveSibling(index.getFileName() + "-corpus");
    }

    /** The folder the sync phase rewrites: beside the index, never inside a user's corpus. */
    static Path churnFolder(Path index) {
        return index.resolveSibling(index.getFileName() + "-churn");
    }

    /**
     * The index at {@code index} with at least {@code chunks} chunks, building what is missing.
     *
     * @param corpus a folder of real files, or null for generated text
     */
    static Loaded ensure(Path index, Path corpus, int chunks, PrintWriter out) {
        Path docs = corpus != null ? corpus : generatedCorpus(index);
        int have = chunkCount(index);
        if (have >= chunks) {
            return new Loaded(have, false, 0, docs);
        }
        if (corpus != null && !Files.isDirectory(corpus)) {
            throw new SluiceException("--corpus must be a folder of files to ingest, got " + corpus);
        }
        out.printf(
                Locale.ROOT,
                "building the knowledge base at %s (%d chunks now, %d wanted) from %s; reused by later runs...%n",
                index,
                have,
                chunks,
                corpus != null ? corpus : "generated text in " + docs);
        out.flush();
        long t0 = System.nanoTime();
        if (corpus != null) {
            ingest(docs, index, out);
            have = chunkCount(index);
            if (have < chunks) {
                out.printf(
                        Locale.ROOT,
                        "note: %s gives only %d chunks, fewer than the %d asked for%n",
                        corpus,
                        have,
                        chunks);
            }
        } else {
            int documents = (int) Math.ceil(chunks / GENERATED_CHUNKS_PER_DOCUMENT);
            while (true) {
                writeGenerated(docs, documents);
                ingest(docs, index, out);
                have = chunkCount(index);
                if (have >= chunks) {
                    break;
                }
                double perDocument = Math.max(0.5, (double) have / documents);
                documents += Math.max(2, (int) Math.ceil((chunks - have) / perDocument * 1.1)); // small corpora vary
            }
        }
        return new Loaded(have, true, (System.nanoTime() - t0) / 1e9, docs);
    }

    /** Chunks in the index at {@code index}, 0 when there is none yet. */
    static int chunkCount(Path index) {
        if (LuceneIndex.settingsOf(index) == null) {
            return 0;
        }
        try (LuceneIndex lucene = LuceneIndex.openForReading(index)) {
            return lucene.chunkCount();
        }
    }

    /** Generated documents 0..n-1 (seed 42, as the other benchmarks), writing only the missing ones. */
    private static void writeGenerated(Path docs, int documents) {
        try {
            Files.createDirectories(docs);
            Random random = new Random(42);
            for (int i = 0; i < documents; i++) {
                String text = GeneratedText.document(random);
                Path file = docs.resolve(String.format(Locale.ROOT, "doc-%06d.md", i));
                if (!Files.exists(file)) {
                    Files.writeString(file, text, StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the generated corpus to " + docs, e);
        }
    }

    private static void ingest(Path docs, Path index, PrintWriter out) {
        AtomicLong lastPrint = new AtomicLong(System.currentTimeMillis());
        ProgressListener progress = p -> {
            long now = System.currentTimeMillis();
            long last = lastPrint.get();
            if (now - last >= PROGRESS_EVERY_MILLIS && lastPrint.compareAndSet(last, now)) {
                synchronized (out) {
                    out.printf(
                            Locale.ROOT,
                            "  %d of %d files, %d chunks embedded, %.0f s%n",
                            p.itemsDone(),
                            p.itemsTotal(),
                            p.chunksDone(),
                            p.elapsedMillis() / 1000.0);
                    out.flush();
                }
            }
        };
        IngestReport report = Sluice.ingest(IngestOptions.defaults(List.of(docs), index), progress);
        out.printf(
                Locale.ROOT,
                "  ingested %d documents (%d unchanged, %d quarantined), %d embeddings computed, in %.1f s%n",
                report.ingested(),
                report.unchanged(),
                report.quarantined().size(),
                report.embeddingsComputed(),
                report.wallMillis() / 1000.0);
        out.flush();
    }

    /**
     * {@code count} distinct queries of 2 to 6 consecutive words from chunk texts picked at random
     * (seeded): the corpus's own vocabulary, varied enough that no cache flatters the figures.
     */
    static List<String> sampleQueries(Path index, int count, long seed) {
        Set<String> queries = new LinkedHashSet<>();
        try (LuceneIndex lucene = LuceneIndex.openForReading(index)) {
            IndexSearcher searcher = lucene.acquire();
            try {
                IndexReader reader = searcher.getIndexReader();
                if (reader.numDocs() == 0) {
                    throw new SluiceException("index " + index + " holds no chunks to take queries from");
                }
                StoredFields stored = reader.storedFields();
                Bits live = MultiBits.getLiveDocs(reader);
                Random random = new Random(seed);
                for (int attempt = 0; queries.size() < count && attempt < count * 20; attempt++) {
                    int doc = random.nextInt(reader.maxDoc());
                    if (live != null && !live.get(doc)) {
                        continue;
                    }
                    String text = stored.document(doc, Set.of(IndexFields.TEXT)).get(IndexFields.TEXT);
                    List<String> words = new ArrayList<>();
                    for (String w :
                            (text == null ? "" : text).toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
                        if (!w.isEmpty()) {
                            words.add(w);
                        }
                    }
                    if (words.size() < 2) {
                        continue;
                    }
                    int length = Math.min(words.size(), 2 + random.nextInt(5));
                    int from = random.nextInt(words.size() - length + 1);
                    queries.add(String.join(" ", words.subList(from, from + length)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read chunk texts of " + index, e);
            } finally {
                lucene.release(searcher);
            }
        }
        return new ArrayList<>(queries);
    }

    /** Queries from a file: BEIR queries.jsonl, or one query a line. */
    static List<String> readQueries(Path file, int count) {
        if (file.toString().endsWith(".jsonl")) {
            return BeirCorpus.readQueries(file, count).stream()
                    .map(BeirCorpus.Query::text)
                    .toList();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .limit(count)
                    .toList();
        } catch (IOException e) {
            throw new SluiceException("cannot read queries from " + file + ": " + e.getMessage(), e);
        }
    }
}
