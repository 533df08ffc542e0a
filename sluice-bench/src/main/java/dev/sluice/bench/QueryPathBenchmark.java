package dev.sluice.bench;

import dev.sluice.embed.EmbeddingModelSpec;
import dev.sluice.embed.OnnxEmbedder;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code sluice bench query-path}: what embedding one query costs, the part of a dense or hybrid
 * search that caps it on few cores, and what the candidate ways to make it cheaper give, each beside
 * the service's own configuration measured in the same run (one intra-op thread, one query a call):
 * two intra-op threads per call; concurrent queries batched into one model run (padded to the
 * longest), with how far their vectors move from the single-query ones (int8 models quantize each
 * run's activations over the whole batch, so a query's vector would depend on its neighbours); two
 * callers at once (the service's case on two cores); and the query without the model's instruction
 * prefix (cost only: its quality is not judged here). Rounds alternate so drift spreads over all.
 */
final class QueryPathBenchmark {
    record Options(EmbeddingModelSpec model, List<String> queries, int rounds) {}

    private QueryPathBenchmark() {}

    static void run(Options options, PrintWriter out) throws Exception {
        run(options, out, new BenchReport());
    }

    /**
     * As {@link #run(Options, PrintWriter)}, recording each configuration's ms a query beside the service's
     * in {@code report}.
     */
    static void run(Options options, PrintWriter out, BenchReport report) throws Exception {
        List<String> queries = options.queries();
        out.printf(
                Locale.ROOT,
                "bench query-path; machine: %s; load average %.2f; model %s; %d queries, %d rounds (first a warm-up)%n",
                Stats.machine(),
                ServeBenchmark.loadAverage(),
                options.model().id(),
                queries.size(),
                options.rounds());
        out.flush();
        List<String> labels = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<double[]> perRound = new ArrayList<>();
        try (OnnxEmbedder one = OnnxEmbedder.load(options.model(), 1);
                OnnxEmbedder two = OnnxEmbedder.load(options.model(), 2)) {
            List<Measure> measures = new ArrayList<>();
            measures.add(new Measure("singleQuery", "single query, 1 intra-op thread (the service's)", () -> {
                queries.forEach(one::embedQuery);
                return queries.size();
            }));
            measures.add(new Measure("singleQueryTwoIntraOpThreads", "single query, 2 intra-op threads", () -> {
                queries.forEach(two::embedQuery);
                return queries.size();
            }));
            for (int batch : new int[] {2, 4, 8, 16}) {
                measures.add(new Measure("batchesOf" + batch, "batches of " + batch + ", 1 intra-op thread", () -> {
                    int n = 0;
                    for (int i = 0; i + batch <= queries.size(); i += batch) {
                        one.embedQueries(queries.subList(i, i + batch));
                        n += batch;
                    }
                    return n;
                }));
            }
            measures.add(new Measure(
                    "twoCallers", "two callers at once, single queries, 1 intra-op thread each", () -> {
                        ExecutorService pool = Executors.newFixedThreadPool(2);
                        try {
                            List<Future<?>> done = new ArrayList<>();
                            for (int t = 0; t < 2; t++) {
                                int first = t;
                                done.add(pool.submit(() -> {
                                    for (int i = first; i < queries.size(); i += 2) {
                                        one.embedQuery(queries.get(i));
                                    }
                                }));
                            }
                            for (Future<?> f : done) {
                                f.get();
                            }
                        } finally {
                            pool.shutdown();
                        }
                        return queries.size();
                    }));
            measures.add(new Measure(
                    "singleQueryWithoutPrefix",
                    "single query without the instruction prefix, 1 intra-op thread",
                    () -> {
                        queries.forEach(one::embedPassage);
                        return queries.size();
                    }));
            for (Measure m : measures) {
                labels.add(m.label());
                names.add(m.name());
                perRound.add(new double[options.rounds() - 1]);
            }
            for (int round = 0; round < options.rounds(); round++) {
                for (int i = 0; i < measures.size(); i++) {
                    long t0 = System.nanoTime();
                    int n = measures.get(i).work().call();
                    double millis = (System.nanoTime() - t0) / 1e6 / n;
                    if (round > 0) {
                        perRound.get(i)[round - 1] = millis;
                    }
                }
            }
            out.println();
            out.println("| configuration | ms a query (wall), median of rounds | queries/s | against the service's |");
            out.println("|---|---:|---:|---:|");
            double base = Stats.percentile(perRound.get(0), 50);
            for (int i = 0; i < labels.size(); i++) {
                double median = Stats.percentile(perRound.get(i), 50);
                out.printf(
                        Locale.ROOT,
                        "| %s | %.2f | %.0f | %.2fx |%n",
                        labels.get(i),
                        median,
                        1000 / median,
                        base / median);
                if (i == 0) {
                    report.figure(names.get(i) + "PerQuery", "ms", median);
                } else {
                    report.figure(names.get(i) + "PerQuery", "ms", median, labels.get(0), base);
                }
            }
            out.println();
            double minCosine = minCosine(one, queries.subList(0, Math.min(64, queries.size())));
            out.printf(
                    Locale.ROOT,
                    "batched vectors against single-query vectors (batches of 8, first %d queries): min cosine %.4f%n",
                    Math.min(64, queries.size()) / 8 * 8,
                    minCosine);
            report.figure("batchedMinCosine", "cosine", minCosine);
            out.flush();
        }
    }

    private static double minCosine(OnnxEmbedder embedder, List<String> queries) {
        double min = 1;
        for (int i = 0; i + 8 <= queries.size(); i += 8) {
            float[][] batch = embedder.embedQueries(queries.subList(i, i + 8));
            for (int j = 0; j < 8; j++) {
                float[] single = embedder.embedQuery(queries.get(i + j));
                double dot = 0;
                for (int d = 0; d < single.length; d++) {
                    dot += single[d] * batch[j][d];
                }
                min = Math.min(min, dot);
            }
        }
        return min;
    }

    /** One configuration: its figure name (camelCase), its row label, the work of one round. */
    private record Measure(String name, String label, java.util.concurrent.Callable<Integer> work) {}
}
