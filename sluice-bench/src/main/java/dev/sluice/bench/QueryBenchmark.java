package dev.sluice.bench;

import dev.sluice.IngestOptions;
import dev.sluice.Sluice;
import dev.sluice.chunk.Chunk;
import dev.sluice.embed.EmbeddingModelSpec;
import dev.sluice.embed.OnnxEmbedder;
import dev.sluice.index.DocumentInfo;
import dev.sluice.index.IndexFields;
import dev.sluice.index.IndexSettings;
import dev.sluice.index.IndexedChunk;
import dev.sluice.index.LuceneIndex;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.retrieve.LuceneRetriever;
import dev.sluice.retrieve.SearchFilters;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.retrieve.SearchRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.util.Bits;

/**
 * {@code sluice bench query}: latency per mode and HNSW recall@10 against exact search, measured in
 * the same run. Recall is measured on real embeddings (SciFact embedded by Sluice); scale (100k+
 * chunks) uses clustered synthetic vectors and generated text, since uniform random vectors are
 * HNSW's known worst case and say nothing about real data.
 */
public final class QueryBenchmark {
    private static final int K = 10;
    private static final int[] CANDIDATES = {10, 50, 100};

    /**
     * @param realIndex index of SciFact built by Sluice (built when missing), or null to skip
     * @param beir the BEIR folder (corpus.jsonl.gz, queries.jsonl)
     * @param queries number of real queries
     * @param syntheticChunks chunks in the synthetic index (0 to skip)
     * @param syntheticQueries queries against it
     */
    public record Options(Path realIndex, Path beir, int queries, int syntheticChunks, int syntheticQueries) {}

    private QueryBenchmark() {}

    public static void run(Options options, PrintWriter out) throws IOException {
        run(options, out, new BenchReport());
    }

    /**
     * As {@link #run(Options, PrintWriter)}, recording each figure in {@code report}, named after its part
     * ({@code real...} on SciFact, {@code synthetic...} at scale): HNSW latency and recall beside exact search.
     */
    static void run(Options options, PrintWriter out, BenchReport report) throws IOException {
        out.println("bench query; machine: " + Stats.machine());
        if (options.realIndex() != null) {
            real(options, out, report);
        }
        if (options.syntheticChunks() > 0) {
            synthetic(options, out, report);
        }
    }

    /** {@code "real"} and {@code "Bm25P50"} to {@code "realBm25P50"}; a mode's label in camelCase. */
    private static String name(String part, SearchMode mode, String figure) {
        String label = mode.label();
        return part + Character.toUpperCase(label.charAt(0)) + label.substring(1) + figure;
    }

    private static void real(Options options, PrintWriter out, BenchReport report) throws IOException {
        Path index = options.realIndex();
        if (!Files.isDirectory(index)) {
            out.println("building the SciFact index at " + index + " (once; reused by later runs)...");
            out.flush();
            Path docs = Files.createTempDirectory("sluice-bench-scifact");
            BenchCorpus.write(options.beir().resolve("corpus.jsonl.gz"), 0, Integer.MAX_VALUE, docs);
            Sluice.ingest(IngestOptions.defaults(List.of(docs), index), ProgressListener.NONE);
        }
        List<BeirCorpus.Query> queries =
                BeirCorpus.readQueries(options.beir().resolve("queries.jsonl"), options.queries());
        try (LuceneIndex lucene = LuceneIndex.openForReading(index);
                OnnxEmbedder embedder = OnnxEmbedder.load(
                        EmbeddingModelSpec.byId(lucene.settings().modelId()), 1)) {
            double[] embedMillis = new double[queries.size()];
            List<float[]> vectors = new ArrayList<>();
            for (int i = 0; i < queries.size(); i++) {
                long t0 = System.nanoTime();
                vectors.add(embedder.embedQuery(queries.get(i).text()));
                embedMillis[i] = (System.nanoTime() - t0) / 1e6;
            }
            List<String> texts = queries.stream().map(BeirCorpus.Query::text).toList();
            out.printf(
                    Locale.ROOT,
                    "%nReal embeddings: SciFact train, %d chunks, %d queries, model %s%n",
                    lucene.chunkCount(),
                    queries.size(),
                    lucene.settings().modelId());
            out.printf(
                    Locale.ROOT,
                    "query embedding: p50 %.2f ms, p99 %.2f ms (not included below)%n",
                    Stats.percentile(embedMillis, 50),
                    Stats.percentile(embedMillis, 99));
            report.figure("realChunks", "count", lucene.chunkCount())
                    .figure("realQueries", "count", queries.size())
                    .figure("realQueryEmbeddingP50", "ms", Stats.percentile(embedMillis, 50))
                    .figure("realQueryEmbeddingP99", "ms", Stats.percentile(embedMillis, 99))
                    .result("realModel", lucene.settings().modelId());
            latencyTable(lucene, texts, vectors, out, report, "real");
            recallTable(lucene, vectors, out, report, "real");
            Path qrels = options.beir().resolve("qrels").resolve("train.tsv");
            if (Files.isRegularFile(qrels)) {
                qualityTable(lucene, queries, vectors, BeirCorpus.readQrels(qrels), out, report);
            }
        }
    }

    /**
     * Document-level nDCG@10 and recall@100 per mode (binary judgments): chunks are mapped to their
     * corpus document (the file name) and each document counts once, at its best chunk's rank. On an index
     * of part of the corpus ({@code bench ingest --limit N --keep-index DIR}), judgments count only for the
     * documents present and queries with none present are left out, so two models on the same part compare.
     */
    private static void qualityTable(
            LuceneIndex index,
            List<BeirCorpus.Query> queries,
            List<float[]> vectors,
            Map<String, Set<String>> qrels,
            PrintWriter out,
            BenchReport report) {
        Set<String> present = new HashSet<>();
        for (String uri : index.documentUris()) {
            present.add(documentId(uri.substring(uri.lastIndexOf('/') + 1)));
        }
        int partlyPresent = 0;
        int absent = 0;
        Map<String, Set<String>> judgedDocs = new java.util.HashMap<>();
        for (var query : queries) {
            Set<String> relevant = qrels.getOrDefault(query.id(), Set.of());
            Set<String> kept = new HashSet<>(relevant);
            kept.retainAll(present);
            if (kept.size() < relevant.size()) {
                if (kept.isEmpty()) {
                    absent++;
                } else {
                    partlyPresent++;
                }
            }
            judgedDocs.put(query.id(), kept);
        }
        LuceneRetriever retriever = new LuceneRetriever(index, null);
        out.println();
        if (absent + partlyPresent > 0) {
            out.printf(
                    Locale.ROOT,
                    "index of part of the corpus (%d documents): %d judged queries left out (no judged document"
                            + " present), %d judged on the documents present only%n",
                    present.size(),
                    absent,
                    partlyPresent);
        }
        out.println("| mode | nDCG@10 | recall@100 | judged queries |");
        out.println("|---|---|---|---|");
        for (SearchMode mode : SearchMode.values()) {
            double ndcg = 0;
            double recall = 0;
            int judged = 0;
            for (int i = 0; i < queries.size(); i++) {
                Set<String> relevant = judgedDocs.get(queries.get(i).id());
                if (relevant == null || relevant.isEmpty()) {
                    continue;
                }
                judged++;
                List<String> docs = new ArrayList<>();
                for (var hit : retriever.search(
                        new SearchRequest(queries.get(i).text(), mode, 300, SearchFilters.NONE), vectors.get(i))) {
                    String id = documentId(hit.path());
                    if (!docs.contains(id)) {
                        docs.add(id);
                    }
                }
                double dcg = 0;
                for (int r = 0; r < Math.min(10, docs.size()); r++) {
                    if (relevant.contains(docs.get(r))) {
                        dcg += 1 / (Math.log(r + 2) / Math.log(2));
                    }
                }
                double idcg = 0;
                for (int r = 0; r < Math.min(10, relevant.size()); r++) {
                    idcg += 1 / (Math.log(r + 2) / Math.log(2));
                }
                ndcg += dcg / idcg;
                long found = docs.stream().limit(100).filter(relevant::contains).count();
                recall += (double) found / relevant.size();
            }
            out.printf(
                    Locale.ROOT, "| %s | %.4f | %.4f | %d |%n", mode.label(), ndcg / judged, recall / judged, judged);
            report.figure(name("real", mode, "NdcgAt10"), "score", ndcg / judged)
                    .figure(name("real", mode, "RecallAt100"), "share", recall / judged)
                    .figure(name("real", mode, "JudgedQueries"), "count", judged);
        }
        out.flush();
    }

    /** The corpus id of a document file ("123.md" to "123"). */
    private static String documentId(String fileName) {
        return fileName.endsWith(".md") ? fileName.substring(0, fileName.length() - ".md".length()) : fileName;
    }

    private static void synthetic(Options options, PrintWriter out, BenchReport report) throws IOException {
        int n = options.syntheticChunks();
        int dims = 384;
        Path dir = Files.createTempDirectory("sluice-bench-synthetic");
        Random random = new Random(7);
        float[][] centers = new float[200][];
        for (int c = 0; c < centers.length; c++) {
            centers[c] = gaussianUnit(random, dims, null, 0);
        }
        out.printf(
                Locale.ROOT,
                "%nSynthetic scale: %d chunks of 384-dim clustered vectors (200 clusters) and generated text; building...%n",
                n);
        out.flush();
        long t0 = System.nanoTime();
        try (LuceneIndex lucene =
                LuceneIndex.openForWriting(dir, new IndexSettings("synthetic-clustered", "1", dims))) {
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "sluice-bench-index");
                t.setDaemon(true);
                return t;
            });
            for (int w = 0; w < 2; w++) {
                int seed = w;
                pool.execute(() -> {
                    Random r = new Random(1000 + seed);
                    int i;
                    while ((i = next.getAndIncrement()) < n) {
                        float[] v = gaussianUnit(r, dims, centers[r.nextInt(centers.length)], 1.0);
                        String text = GeneratedText.sentence(r) + " " + GeneratedText.sentence(r) + " "
                                + GeneratedText.sentence(r);
                        String uri = "synthetic:" + i;
                        Chunk chunk = new Chunk(
                                "c" + i,
                                uri,
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
                        lucene.replaceDocument(
                                new DocumentInfo(uri, "synthetic", "doc-" + i + ".txt", "text", "doc " + i, "h" + i),
                                List.of(new IndexedChunk(chunk, v)));
                    }
                });
            }
            pool.shutdown();
            try {
                pool.awaitTermination(1, TimeUnit.HOURS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            lucene.commit();
            double buildSeconds = (System.nanoTime() - t0) / 1e9;
            out.printf(Locale.ROOT, "indexed and committed in %.1f s%n", buildSeconds);
            report.figure("syntheticChunks", "count", n).figure("syntheticIndexBuildSeconds", "s", buildSeconds);
            List<String> texts = new ArrayList<>();
            List<float[]> vectors = new ArrayList<>();
            Random q = new Random(99);
            for (int i = 0; i < options.syntheticQueries(); i++) {
                texts.add(GeneratedText.word(q) + " " + GeneratedText.word(q) + " " + GeneratedText.word(q) + " "
                        + GeneratedText.word(q));
                vectors.add(gaussianUnit(q, dims, centers[q.nextInt(centers.length)], 1.0));
            }
            latencyTable(lucene, texts, vectors, out, report, "synthetic");
            recallTable(lucene, vectors, out, report, "synthetic");
        } finally {
            dev.sluice.core.FileTrees.deleteRecursively(dir);
        }
    }

    /** A unit vector: a random direction, or {@code center} plus Gaussian noise of the given spread. */
    static float[] gaussianUnit(Random random, int dims, float[] center, double spread) {
        float[] v = new float[dims];
        double norm = 0;
        for (int d = 0; d < dims; d++) {
            double x = (center == null ? 0 : center[d])
                    + random.nextGaussian() * (center == null ? 1 : spread / Math.sqrt(dims));
            v[d] = (float) x;
            norm += x * x;
        }
        for (int d = 0; d < dims; d++) {
            v[d] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    private static void latencyTable(
            LuceneIndex index,
            List<String> texts,
            List<float[]> vectors,
            PrintWriter out,
            BenchReport report,
            String part) {
        LuceneRetriever retriever = new LuceneRetriever(index, null);
        out.println();
        out.println("| mode | p50 ms | p99 ms | queries/s (1 thread) |");
        out.println("|---|---|---|---|");
        for (SearchMode mode : SearchMode.values()) {
            // warm-up pass, then the measured pass
            for (int i = 0; i < Math.min(50, texts.size()); i++) {
                retriever.search(new SearchRequest(texts.get(i), mode, K, SearchFilters.NONE), vectors.get(i));
            }
            double[] millis = new double[texts.size()];
            long start = System.nanoTime();
            for (int i = 0; i < texts.size(); i++) {
                long t0 = System.nanoTime();
                retriever.search(new SearchRequest(texts.get(i), mode, K, SearchFilters.NONE), vectors.get(i));
                millis[i] = (System.nanoTime() - t0) / 1e6;
            }
            double qps = texts.size() / ((System.nanoTime() - start) / 1e9);
            out.printf(
                    Locale.ROOT,
                    "| %s | %.2f | %.2f | %.0f |%n",
                    mode.label(),
                    Stats.percentile(millis, 50),
                    Stats.percentile(millis, 99),
                    qps);
            report.figure(name(part, mode, "P50"), "ms", Stats.percentile(millis, 50))
                    .figure(name(part, mode, "P99"), "ms", Stats.percentile(millis, 99))
                    .figure(name(part, mode, "QueriesPerSecond"), "queries/s", qps);
        }
        out.flush();
    }

    private static void recallTable(
            LuceneIndex index, List<float[]> queries, PrintWriter out, BenchReport report, String part)
            throws IOException {
        IndexSearcher searcher = index.acquire();
        try {
            List<float[]> all = new ArrayList<>();
            List<Integer> ids = new ArrayList<>();
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                FloatVectorValues values = leaf.reader().getFloatVectorValues(IndexFields.VECTOR);
                if (values == null) {
                    continue;
                }
                Bits live = leaf.reader().getLiveDocs();
                KnnVectorValues.DocIndexIterator it = values.iterator();
                for (int doc = it.nextDoc();
                        doc != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS;
                        doc = it.nextDoc()) {
                    if (live == null || live.get(doc)) {
                        all.add(values.vectorValue(it.index()).clone());
                        ids.add(leaf.docBase + doc);
                    }
                }
            }
            double[] exactMillis = new double[queries.size()];
            List<Set<Integer>> exact = new ArrayList<>();
            for (int qi = 0; qi < queries.size(); qi++) {
                long t0 = System.nanoTime();
                exact.add(exactTopK(queries.get(qi), all, ids));
                exactMillis[qi] = (System.nanoTime() - t0) / 1e6;
            }
            out.println();
            out.printf(
                    Locale.ROOT,
                    "exact search (brute force over %d vectors in %d segments): p50 %.2f ms%n",
                    all.size(),
                    searcher.getIndexReader().leaves().size(),
                    Stats.percentile(exactMillis, 50));
            String exactSearch = "exact search (brute force, same run)";
            report.figure(part + "ExactSearchP50", "ms", Stats.percentile(exactMillis, 50));
            out.println("| HNSW candidates | recall@10 vs exact | p50 ms |");
            out.println("|---|---|---|");
            for (int candidates : CANDIDATES) {
                double recall = 0;
                double[] millis = new double[queries.size()];
                for (int qi = 0; qi < queries.size(); qi++) {
                    long t0 = System.nanoTime();
                    ScoreDoc[] top = searcher.search(
                                    new KnnFloatVectorQuery(
                                            IndexFields.VECTOR, queries.get(qi), Math.max(K, candidates)),
                                    K)
                            .scoreDocs;
                    millis[qi] = (System.nanoTime() - t0) / 1e6;
                    int found = 0;
                    for (ScoreDoc sd : top) {
                        if (exact.get(qi).contains(sd.doc)) {
                            found++;
                        }
                    }
                    recall += (double) found / Math.min(K, exact.get(qi).size());
                }
                out.printf(
                        Locale.ROOT,
                        "| %d%s | %.4f | %.2f |%n",
                        candidates,
                        candidates == LuceneRetriever.DEFAULT_DENSE_CANDIDATES ? " (Sluice default)" : "",
                        recall / queries.size(),
                        Stats.percentile(millis, 50));
                String hnsw = part + "HnswCandidates" + candidates;
                report.figure(hnsw + "RecallAt10", "share", recall / queries.size(), exactSearch, 1.0)
                        .figure(
                                hnsw + "P50",
                                "ms",
                                Stats.percentile(millis, 50),
                                exactSearch,
                                Stats.percentile(exactMillis, 50));
            }
            out.flush();
        } finally {
            index.release(searcher);
        }
    }

    private static Set<Integer> exactTopK(float[] q, List<float[]> all, List<Integer> ids) {
        java.util.PriorityQueue<double[]> heap = new java.util.PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
        for (int i = 0; i < all.size(); i++) {
            float[] v = all.get(i);
            double dot = 0;
            for (int d = 0; d < v.length; d++) {
                dot += q[d] * v[d];
            }
            if (heap.size() < K) {
                heap.add(new double[] {dot, i});
            } else if (dot > heap.peek()[0]) {
                heap.poll();
                heap.add(new double[] {dot, i});
            }
        }
        Set<Integer> top = new HashSet<>();
        for (double[] e : heap) {
            top.add(ids.get((int) e[1]));
        }
        return top;
    }
}
