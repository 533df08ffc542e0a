package dev.sluice.eval;

import dev.sluice.core.Hashing;
import dev.sluice.core.SluiceException;
import dev.sluice.embed.Embedder;
import dev.sluice.retrieve.RetrievalSettings;
import dev.sluice.retrieve.RetrieverFactory;
import dev.sluice.retrieve.SearchFilters;
import dev.sluice.retrieve.SearchHit;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.retrieve.SearchRequest;
import dev.sluice.retrieve.VectorRetriever;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs an eval set against an index in several retrieval modes. Query vectors are computed once and
 * shared by the dense and hybrid modes; queries are embedded and searched on {@code threads}
 * threads. Chunk hits are aggregated to documents ({@link DocumentRanking}): a document is matched to
 * the set's judgments by its source-relative path (a BEIR import stores each corpus id as the path)
 * or by its URI, whichever the judgments use. Before that aggregation, each chunk is checked against
 * the query's evidence ({@link Evidence#coveredBy}), and the rank of the first chunk covering each
 * item travels with the document ranking ({@link Ranking#withEvidenceRanks}) to the page metrics.
 */
public final class EvalRunner {
    /** Documents kept per query for the stored report of a query (the ranks of relevant ones are kept too). */
    public static final int STORED_TOP_DOCUMENTS = 10;

    /**
     * @param modes modes to evaluate, in order
     * @param metrics metrics, in order
     * @param depth documents to retrieve per query (at least the largest cutoff)
     * @param threads threads embedding and searching
     * @param retrieval how to rank
     */
    public record Options(
            List<SearchMode> modes, List<Metric> metrics, int depth, int threads, RetrievalSettings retrieval) {
        public Options {
            modes = List.copyOf(modes);
            metrics = List.copyOf(metrics);
            if (modes.isEmpty()) {
                throw new IllegalArgumentException("modes must name at least one of bm25, dense, hybrid");
            }
            if (depth < 1 || depth > 1000) {
                throw new IllegalArgumentException("depth must be within 1..1000, got " + depth);
            }
        }

        /** Options with the default retrieval settings. */
        public Options(List<SearchMode> modes, List<Metric> metrics, int depth, int threads) {
            this(modes, metrics, depth, threads, RetrievalSettings.DEFAULTS);
        }
    }

    /** One mode's figures: the evaluation and the document ranking of each query. */
    public record ModeResult(SearchMode mode, Evaluation evaluation, Map<String, Ranking> rankings) {}

    /** Every mode's figures, and how long the run took. */
    public record Result(EvalSet set, List<ModeResult> modes, long millis) {
        /** The per-query rows to store in the catalog. */
        public List<EvalQueryResult> queryResults() {
            List<EvalQueryResult> rows = new ArrayList<>();
            for (ModeResult m : modes) {
                for (String queryId : m.evaluation().queryIds()) {
                    Map<String, Double> values = new LinkedHashMap<>();
                    m.evaluation().perQuery().get(queryId).forEach((metric, v) -> values.put(metric.name(), v));
                    Ranking ranking = m.rankings().getOrDefault(queryId, Ranking.empty());
                    List<String> ids = ranking.docIds();
                    Map<String, Integer> ranks = new LinkedHashMap<>();
                    set.qrels().judgments(queryId).forEach((doc, grade) -> {
                        if (grade > 0) {
                            ranks.put(doc, ids.indexOf(doc) + 1);
                        }
                    });
                    rows.add(new EvalQueryResult(
                            m.mode().label(),
                            queryId,
                            values,
                            ranks,
                            ids.subList(0, Math.min(STORED_TOP_DOCUMENTS, ids.size()))));
                }
            }
            return rows;
        }

        /** Mean of each metric per mode label, metric names as keys. */
        public Map<String, Map<String, Double>> means() {
            Map<String, Map<String, Double>> out = new LinkedHashMap<>();
            for (ModeResult m : modes) {
                Map<String, Double> means = new LinkedHashMap<>();
                m.evaluation().means().forEach((metric, v) -> means.put(metric.name(), v));
                out.put(m.mode().label(), means);
            }
            return out;
        }
    }

    private EvalRunner() {}

    /** Evaluates {@code set}; {@code embedder} may be null when only BM25 is asked for. */
    public static Result run(RetrieverFactory index, Embedder embedder, EvalSet set, Options options) {
        boolean needsVectors = options.modes().stream().anyMatch(m -> m != SearchMode.BM25);
        if (needsVectors && embedder == null) {
            throw new IllegalArgumentException("dense and hybrid evaluation need the index's embedding model");
        }
        set.requireEvidenceFor(options.metrics());
        long start = System.nanoTime();
        VectorRetriever retriever = index.open(options.retrieval(), needsVectors ? embedder : null);
        Set<String> judged = judgedDocuments(set);
        ExecutorService pool = pool(options.threads());
        try {
            Map<String, float[]> vectors = needsVectors ? embed(pool, embedder, set.queries()) : Map.of();
            List<ModeResult> results = new ArrayList<>();
            for (SearchMode mode : options.modes()) {
                Map<String, Ranking> byQuery = rankings(pool, retriever, set, vectors, mode, options.depth(), judged);
                results.add(new ModeResult(mode, MetricsCalculator.evaluate(set, byQuery, options.metrics()), byQuery));
            }
            return new Result(set, results, (System.nanoTime() - start) / 1_000_000);
        } finally {
            pool.shutdownNow();
        }
    }

    static ExecutorService pool(int threads) {
        return Executors.newFixedThreadPool(
                threads, Thread.ofPlatform().name("sluice-eval-", 0).factory());
    }

    static Set<String> judgedDocuments(EvalSet set) {
        Set<String> judged = new HashSet<>();
        set.qrels().all().forEach(j -> judged.add(j.docId()));
        return judged;
    }

    /** Each query's vector, by query id, embedded in parallel. */
    static Map<String, float[]> embed(ExecutorService pool, Embedder embedder, List<EvalQuery> queries) {
        List<float[]> vectors = all(
                pool,
                queries.stream()
                        .<java.util.concurrent.Callable<float[]>>map(q -> () -> embedder.embedQuery(q.text()))
                        .toList());
        Map<String, float[]> out = new LinkedHashMap<>();
        for (int i = 0; i < queries.size(); i++) {
            out.put(queries.get(i).id(), vectors.get(i));
        }
        return out;
    }

    /** Each query's document ranking (with its evidence ranks) in one mode, searched in parallel. */
    static Map<String, Ranking> rankings(
            ExecutorService pool,
            VectorRetriever retriever,
            EvalSet set,
            Map<String, float[]> vectors,
            SearchMode mode,
            int depth,
            Set<String> judged) {
        List<EvalQuery> queries = set.queries();
        List<java.util.concurrent.Callable<Ranking>> searches = new ArrayList<>();
        for (EvalQuery query : queries) {
            float[] vector = mode == SearchMode.BM25 ? null : vectors.get(query.id());
            List<Evidence> evidence = set.evidence(query.id());
            searches.add(() -> ranking(
                    retriever.search(new SearchRequest(query.text(), mode, depth, SearchFilters.NONE), vector),
                    judged,
                    evidence));
        }
        List<Ranking> rankings = all(pool, searches);
        Map<String, Ranking> byQuery = new LinkedHashMap<>();
        for (int i = 0; i < queries.size(); i++) {
            byQuery.put(queries.get(i).id(), rankings.get(i));
        }
        return byQuery;
    }

    /**
     * The document ranking of a query's chunk hits, documents named as the judgments name them, with the
     * rank of the first chunk covering each of the query's evidence items.
     */
    static Ranking ranking(List<SearchHit> hits, Set<String> judged, List<Evidence> evidence) {
        List<ScoredDoc> docs = new ArrayList<>(hits.size());
        for (SearchHit hit : hits) {
            String key =
                    judged.contains(hit.path()) || !judged.contains(hit.documentUri()) ? hit.path() : hit.documentUri();
            docs.add(new ScoredDoc(key, hit.score()));
        }
        Ranking ranking = DocumentRanking.fromChunkHits(docs);
        return evidence.isEmpty() ? ranking : ranking.withEvidenceRanks(evidenceRanks(hits, evidence));
    }

    /**
     * For each evidence item, the 1-based rank of the first hit (in the order given, best first) that
     * covers it, or 0 when none does. A hit's text is normalized once, and only when a passage of its
     * document is among the items.
     */
    public static int[] evidenceRanks(List<SearchHit> hits, List<Evidence> evidence) {
        int[] first = new int[evidence.size()];
        for (int rank = 1; rank <= hits.size(); rank++) {
            SearchHit hit = hits.get(rank - 1);
            String normalized = null;
            for (int i = 0; i < first.length; i++) {
                Evidence item = evidence.get(i);
                if (first[i] != 0
                        || !item.docId().equals(hit.path()) && !item.docId().equals(hit.documentUri())) {
                    continue;
                }
                if (!item.isPage() && normalized == null) {
                    normalized = Evidence.normalize(hit.text());
                }
                if (item.coveredBy(
                        hit.path(),
                        hit.documentUri(),
                        hit.pageStart(),
                        hit.pageEnd(),
                        item.isPage() ? "" : normalized)) {
                    first[i] = rank;
                }
            }
        }
        return first;
    }

    private static <T> List<T> all(ExecutorService pool, List<java.util.concurrent.Callable<T>> tasks) {
        try {
            List<Future<T>> futures = pool.invokeAll(tasks);
            List<T> out = new ArrayList<>(futures.size());
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SluiceException("evaluation interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new SluiceException("evaluation failed: " + cause, cause);
        }
    }

    /**
     * A hash of the set's queries, judgments and evidence: two runs measured the same thing only when
     * their fingerprints are equal. A set without evidence hashes as it did before evidence existed.
     */
    public static String fingerprint(EvalSet set) {
        MessageDigest digest = Hashing.sha256();
        for (EvalQuery q : set.queries()) {
            digest.update(("q\t" + q.id() + "\t" + q.text() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        set.qrels().all().stream()
                .map(j -> "j\t" + j.queryId() + "\t" + j.docId() + "\t" + j.grade() + "\n")
                .sorted()
                .forEach(line -> digest.update(line.getBytes(StandardCharsets.UTF_8)));
        set.evidence().entrySet().stream()
                .flatMap(e -> e.getValue().stream()
                        .map(x -> "e\t" + e.getKey() + "\t" + x.docId() + "\t" + x.page() + "\t"
                                + (x.passage() == null ? "" : x.passage()) + "\n"))
                .sorted()
                .forEach(line -> digest.update(line.getBytes(StandardCharsets.UTF_8)));
        return Hashing.hex(digest).substring(0, 16);
    }
}
