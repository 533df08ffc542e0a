package dev.sluice.eval;

import dev.sluice.embed.Embedder;
import dev.sluice.retrieve.RetrievalSettings;
import dev.sluice.retrieve.RetrieverFactory;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.retrieve.VectorRetriever;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * Searches retrieval settings that need no re-indexing on a train part of an eval set and measures
 * the choice on a held-back part it never saw. First BM25's k1 and b (on BM25 alone), then, with the
 * chosen BM25, hybrid fusion: rank constant, dense weight and depth. A candidate must beat the
 * current choice (the defaults first) on the train queries; ties keep the current choice. The split is a seeded shuffle of
 * the set's queries. Train scores only choose; every figure reported is measured on the held-back
 * queries, default and tuned side by side with a paired comparison, so no tuned figure comes from
 * the data it was tuned on.
 */
public final class EvalTuner {
    static final float[] K1 = {0.6f, 0.9f, 1.2f, 1.5f, 2.0f};
    static final float[] B = {0.3f, 0.5f, 0.75f, 0.9f};
    static final int[] RRF_K = {5, 10, 20, 40, 60, 100};
    static final double[] DENSE_WEIGHT = {0.5, 1.0, 1.5, 2.0, 3.0};
    static final int[] DEPTH = {50, 100, 200};
    /** Differences below this are ties (rounding in sums of reciprocal ranks). */
    private static final double TIE = 1e-9;

    /**
     * @param metric what was optimized
     * @param trainQueries queries the choice was made on
     * @param heldOutQueries queries the figures below were measured on
     * @param tuned the recommended settings
     * @param bm25 held-back comparison of BM25 with default and tuned k1, b
     * @param hybrid held-back comparison of hybrid search with default and tuned settings
     * @param candidates settings tried
     * @param millis time taken
     */
    public record Result(
            Metric metric,
            long seed,
            int trainQueries,
            int heldOutQueries,
            RetrievalSettings tuned,
            PairedComparison bm25,
            PairedComparison hybrid,
            int candidates,
            long millis) {}

    private EvalTuner() {}

    /**
     * Tunes on {@code 1 - heldOutFraction} of the queries and reports on the rest.
     *
     * @param heldOutFraction share of queries held back, between 0.1 and 0.9
     */
    public static Result tune(
            RetrieverFactory index,
            Embedder embedder,
            EvalSet set,
            Metric metric,
            double heldOutFraction,
            long seed,
            int threads) {
        Split split = split(set, heldOutFraction, seed);
        EvalSet heldOut = split.heldOut();
        EvalSet train = split.train();
        long start = System.nanoTime();
        ExecutorService pool = EvalRunner.pool(threads);
        try {
            Trials trials = new Trials(pool, embedder, metric, EvalRunner.embed(pool, embedder, set.queries()), set);
            // Start from the defaults: a candidate must beat them, so a tie keeps what users know.
            int tried = 1;
            RetrievalSettings best = RetrievalSettings.DEFAULTS;
            double bestScore = trials.score(index, train, best, SearchMode.BM25);
            for (float k1 : index.bm25Tunable() ? K1 : new float[0]) {
                for (float b : B) {
                    RetrievalSettings candidate = RetrievalSettings.DEFAULTS.withBm25(k1, b);
                    double score = trials.score(index, train, candidate, SearchMode.BM25);
                    tried++;
                    if (score > bestScore + TIE) {
                        bestScore = score;
                        best = candidate;
                    }
                }
            }
            RetrievalSettings bm25Tuned = best;
            tried++;
            bestScore = trials.score(index, train, best, SearchMode.HYBRID);
            for (int fusionDepth : DEPTH) {
                for (int rrfK : RRF_K) {
                    for (double dense : DENSE_WEIGHT) {
                        RetrievalSettings candidate = bm25Tuned.withFusion(fusionDepth, rrfK, 1.0, dense);
                        double score = trials.score(index, train, candidate, SearchMode.HYBRID);
                        tried++;
                        if (score > bestScore + TIE) {
                            bestScore = score;
                            best = candidate;
                        }
                    }
                }
            }
            RetrievalSettings defaults = RetrievalSettings.DEFAULTS;
            return new Result(
                    metric,
                    seed,
                    train.queries().size(),
                    heldOut.queries().size(),
                    best,
                    trials.compare(index, defaults, index, best, heldOut, SearchMode.BM25, seed),
                    trials.compare(index, defaults, index, best, heldOut, SearchMode.HYBRID, seed),
                    tried,
                    (System.nanoTime() - start) / 1_000_000);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The queries choices are made on, and the queries they are measured on. */
    public record Split(EvalSet train, EvalSet heldOut) {}

    /**
     * A seeded shuffle of the set's queries: the first {@code heldOutFraction} are held back. The same
     * set, share and seed always give the same split.
     */
    public static Split split(EvalSet set, double heldOutFraction, long seed) {
        if (!(heldOutFraction >= 0.1 && heldOutFraction <= 0.9)) {
            throw new IllegalArgumentException("the held-back share must be from 0.1 to 0.9, got " + heldOutFraction);
        }
        List<EvalQuery> shuffled = new ArrayList<>(set.queries());
        Collections.shuffle(shuffled, new Random(seed));
        int heldOutCount = (int) Math.round(shuffled.size() * heldOutFraction);
        if (heldOutCount < 2 || shuffled.size() - heldOutCount < 2) {
            throw new IllegalArgumentException("tuning needs at least two train and two held-back queries; the set has "
                    + shuffled.size() + " judged queries");
        }
        return new Split(
                subset(set, shuffled.subList(heldOutCount, shuffled.size()), "train"),
                subset(set, shuffled.subList(0, heldOutCount), "held-back"));
    }

    /** The mean of {@code metric} over {@code set} in one mode: for choosing between indexes. */
    public static double score(
            RetrieverFactory index, Embedder embedder, EvalSet set, SearchMode mode, Metric metric, int threads) {
        ExecutorService pool = EvalRunner.pool(threads);
        try {
            return Trials.of(pool, embedder, metric, set, mode).score(index, set, RetrievalSettings.DEFAULTS, mode);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Two indexes (built with other chunk settings) on the same held-back queries, default retrieval,
     * one mode: baseline {@code before}, candidate {@code after}.
     */
    public static PairedComparison compare(
            RetrieverFactory before,
            RetrieverFactory after,
            Embedder embedder,
            EvalSet heldOut,
            SearchMode mode,
            Metric metric,
            long seed,
            int threads) {
        ExecutorService pool = EvalRunner.pool(threads);
        try {
            RetrievalSettings defaults = RetrievalSettings.DEFAULTS;
            return Trials.of(pool, embedder, metric, heldOut, mode)
                    .compare(before, defaults, after, defaults, heldOut, mode, seed);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * What every trial of one tuning shares: the threads, the model, the metric, the query vectors
     * (computed once) and how ranked documents are named.
     */
    private record Trials(
            ExecutorService pool, Embedder embedder, Metric metric, Map<String, float[]> vectors, Set<String> judged) {
        Trials(ExecutorService pool, Embedder embedder, Metric metric, Map<String, float[]> vectors, EvalSet set) {
            this(pool, embedder, metric, vectors, EvalRunner.judgedDocuments(set));
        }

        /** Trials over {@code set}, its queries embedded unless {@code mode} needs no vectors. */
        static Trials of(ExecutorService pool, Embedder embedder, Metric metric, EvalSet set, SearchMode mode) {
            Map<String, float[]> vectors =
                    mode == SearchMode.BM25 ? Map.of() : EvalRunner.embed(pool, embedder, set.queries());
            return new Trials(pool, embedder, metric, vectors, set);
        }

        Evaluation evaluate(RetrieverFactory index, EvalSet set, RetrievalSettings settings, SearchMode mode) {
            VectorRetriever retriever = index.open(settings, embedder);
            int depth = Math.max(10, cutoff(metric));
            Map<String, Ranking> rankings = EvalRunner.rankings(pool, retriever, set, vectors, mode, depth, judged);
            return MetricsCalculator.evaluate(set, rankings, List.of(metric));
        }

        double score(RetrieverFactory index, EvalSet set, RetrievalSettings settings, SearchMode mode) {
            return evaluate(index, set, settings, mode).mean(metric);
        }

        /** Baseline (index a, settings sa) against candidate (b, sb) over the same queries of {@code set}. */
        PairedComparison compare(
                RetrieverFactory a,
                RetrievalSettings sa,
                RetrieverFactory b,
                RetrievalSettings sb,
                EvalSet set,
                SearchMode mode,
                long seed) {
            double[] before = evaluate(a, set, sa, mode).values(metric);
            double[] after = evaluate(b, set, sb, mode).values(metric);
            return PairedComparison.of(before, after, PairedComparison.DEFAULT_RESAMPLES, seed);
        }
    }

    private static int cutoff(Metric metric) {
        String name = metric.name();
        int at = name.indexOf('@');
        return at < 0 ? 1000 : Integer.parseInt(name.substring(at + 1));
    }

    private static EvalSet subset(EvalSet set, List<EvalQuery> queries, String part) {
        Set<String> ids = new HashSet<>();
        queries.forEach(q -> ids.add(q.id()));
        return set.restrictTo(set.name() + " (" + part + ")", ids);
    }
}
