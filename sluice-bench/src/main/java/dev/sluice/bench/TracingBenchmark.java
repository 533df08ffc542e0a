package dev.sluice.bench;

import dev.sluice.KnowledgeBase;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.Flags;
import dev.sluice.config.SluiceConfig;
import dev.sluice.retrieve.SearchFilters;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.retrieve.SearchRequest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What tracing costs a search: the same queries through {@link KnowledgeBase#search} (a traced
 * operation: the search span, each retrieval step's span with its candidates' chunk ids, the spans
 * written to the catalog on the exporter's thread) and through the knowledge base's searcher with no
 * operation around it (no tracer in the context: the stages' spans are no-ops): each query both ways
 * in turn on one thread, which way first alternating, so both see the same machine and caches.
 */
final class TracingBenchmark {
    /**
     * @param index an existing knowledge base
     * @param queries the queries, each searched once per round and way
     * @param mode the search mode
     * @param k results per search
     * @param rounds rounds of (untraced, traced), the first one a warm-up not counted
     */
    record Options(Path index, List<String> queries, SearchMode mode, int k, int rounds) {}

    private TracingBenchmark() {}

    static void run(Options options, PrintWriter out) {
        run(options, out, new BenchReport());
    }

    /** As {@link #run(Options, PrintWriter)}, recording each figure beside its baseline in {@code report}. */
    static void run(Options options, PrintWriter out, BenchReport report) {
        EffectiveConfig config = EffectiveConfig.resolve(
                SluiceConfig.defaults(), Flags.NONE.with(EffectiveConfig.INDEX, options.index(), "--index"));
        List<Double> plain = new ArrayList<>();
        List<Double> traced = new ArrayList<>();
        out.println("bench tracing: " + options.queries().size() + " queries, mode "
                + options.mode().label() + ", k " + options.k() + ", " + (options.rounds() - 1)
                + " counted rounds; machine: " + Stats.machine());
        try (KnowledgeBase kb = KnowledgeBase.open(config)) {
            for (int round = 0; round < options.rounds(); round++) {
                boolean counted = round > 0;
                for (int i = 0; i < options.queries().size(); i++) {
                    SearchRequest request = new SearchRequest(
                            options.queries().get(i), options.mode(), options.k(), SearchFilters.NONE);
                    // Each query runs both ways; which goes first alternates, so neither gains from
                    // the other having just warmed the caches for the same query.
                    boolean tracedFirst = (i + round) % 2 == 0;
                    double first = time(kb, request, tracedFirst);
                    double second = time(kb, request, !tracedFirst);
                    if (counted) {
                        plain.add(tracedFirst ? second : first);
                        traced.add(tracedFirst ? first : second);
                    }
                }
            }
            kb.flushTraces();
        }
        double[] a = plain.stream().mapToDouble(Double::doubleValue).toArray();
        double[] b = traced.stream().mapToDouble(Double::doubleValue).toArray();
        out.println();
        out.println("| searches | n | p50 ms | p99 ms | mean ms |");
        out.println("|---|---:|---:|---:|---:|");
        row(out, "untraced (baseline, same run)", a);
        row(out, "traced (KnowledgeBase.search)", b);
        out.printf(
                Locale.ROOT,
                "%ntracing overhead: p50 %+.1f%%, p99 %+.1f%%, mean %+.1f%%%n",
                100 * (Stats.percentile(b, 50) / Stats.percentile(a, 50) - 1),
                100 * (Stats.percentile(b, 99) / Stats.percentile(a, 99) - 1),
                100 * (Stats.mean(b) / Stats.mean(a) - 1));
        out.flush();
        String untraced = "untraced (baseline, same run)";
        report.figure("tracedP50", "ms", Stats.percentile(b, 50), untraced, Stats.percentile(a, 50))
                .figure("tracedP99", "ms", Stats.percentile(b, 99), untraced, Stats.percentile(a, 99))
                .figure("tracedMean", "ms", Stats.mean(b), untraced, Stats.mean(a))
                .figure("searches", "searches", b.length);
    }

    private static double time(KnowledgeBase kb, SearchRequest request, boolean traced) {
        long t0 = System.nanoTime();
        if (traced) {
            kb.search(request);
        } else {
            kb.searcher().search(request);
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    private static void row(PrintWriter out, String name, double[] values) {
        out.printf(
                Locale.ROOT,
                "| %s | %d | %.3f | %.3f | %.3f |%n",
                name,
                values.length,
                Stats.percentile(values, 50),
                Stats.percentile(values, 99),
                Stats.mean(values));
    }
}
