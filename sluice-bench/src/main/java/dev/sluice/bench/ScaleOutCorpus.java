package dev.sluice.bench;

import dev.sluice.chunk.Chunk;
import dev.sluice.core.AccessList;
import dev.sluice.index.ChunkIndex;
import dev.sluice.index.DocumentInfo;
import dev.sluice.index.IndexedChunk;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The chunks and queries of {@code bench scale-out}, generated once and written unchanged into every index
 * compared: clustered 384-dimension vectors (200 clusters, as {@code bench query}) and generated text, one
 * chunk a document, the same ids, texts, vectors and access lists for each index. Chunk {@code i} depends
 * only on the seed and {@code i}, so the corpus is the same whatever the thread count. Every fifth
 * document is readable by the group {@value #RESTRICTED_GROUP} only, so the caller filter inside every
 * query (the benchmark's caller is not in that group) does real work.
 */
final class ScaleOutCorpus {
    static final int DIMENSIONS = 384;
    static final String RESTRICTED_GROUP = "finance";
    private static final int CLUSTERS = 200;
    private static final long SEED = 7;

    private final float[][] centers;
    private final String[] texts;
    private final float[][] vectors;
    private final List<String> queries = new ArrayList<>();
    private final List<float[]> queryVectors = new ArrayList<>();

    private ScaleOutCorpus(int chunks, int queryCount) {
        Random random = new Random(SEED);
        centers = new float[CLUSTERS][];
        for (int c = 0; c < CLUSTERS; c++) {
            centers[c] = QueryBenchmark.gaussianUnit(random, DIMENSIONS, null, 0);
        }
        texts = new String[chunks];
        vectors = new float[chunks][];
        for (int i = 0; i < chunks; i++) {
            Random r = new Random(SEED * 1_000_003L + i);
            vectors[i] = QueryBenchmark.gaussianUnit(r, DIMENSIONS, centers[r.nextInt(CLUSTERS)], 1.0);
            texts[i] = GeneratedText.sentence(r) + " " + GeneratedText.sentence(r) + " " + GeneratedText.sentence(r);
        }
        Random q = new Random(99);
        for (int i = 0; i < queryCount; i++) {
            queries.add(GeneratedText.word(q) + " " + GeneratedText.word(q) + " " + GeneratedText.word(q) + " "
                    + GeneratedText.word(q));
            queryVectors.add(QueryBenchmark.gaussianUnit(q, DIMENSIONS, centers[q.nextInt(CLUSTERS)], 1.0));
        }
    }

    /** {@code chunks} chunks and {@code queries} queries (text and a vector drawn from the same clusters). */
    static ScaleOutCorpus generate(int chunks, int queries) {
        return new ScaleOutCorpus(chunks, queries);
    }

    int size() {
        return texts.length;
    }

    /** The query texts (four generated words), seeded. */
    List<String> queries() {
        return queries;
    }

    /** The query vectors, computed once beforehand: no model is timed in the index figures. */
    List<float[]> queryVectors() {
        return queryVectors;
    }

    static AccessList access(int i) {
        return i % 5 == 0 ? new AccessList(List.of(), List.of(RESTRICTED_GROUP)) : AccessList.PUBLIC;
    }

    private DocumentInfo document(int i) {
        String uri = "synthetic:" + i;
        return new DocumentInfo(uri, "synthetic", "doc-" + i + ".txt", "text", "doc " + i, "h" + i, access(i), null);
    }

    private IndexedChunk chunk(int i) {
        String text = texts[i];
        Chunk chunk = new Chunk(
                "c" + i,
                "synthetic:" + i,
                0,
                "doc " + i,
                List.of(),
                0,
                0,
                0,
                text.length(),
                text,
                0,
                "h" + i,
                "synthetic");
        return new IndexedChunk(chunk, vectors[i]);
    }

    /**
     * Writes every chunk into {@code index} from {@code threads} named threads, then commits (which makes
     * them searchable); the caller closes the index.
     *
     * @return the seconds from the first write to the end of the commit
     */
    double writeInto(ChunkIndex index, int threads) throws InterruptedException {
        long t0 = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(
                threads,
                Thread.ofPlatform().name("sluice-bench-index-", 0).daemon(true).factory());
        for (int w = 0; w < threads; w++) {
            pool.execute(() -> {
                int i;
                while (failure.get() == null && (i = next.getAndIncrement()) < texts.length) {
                    try {
                        index.replaceDocument(document(i), List.of(chunk(i)));
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    }
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(2, TimeUnit.HOURS)) {
            pool.shutdownNow();
            throw new IllegalStateException("indexing threads still running after 2 hours");
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        index.commit();
        return (System.nanoTime() - t0) / 1e9;
    }
}
