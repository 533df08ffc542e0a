package dev.sluice.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bench serve --json}: the figures {@link ServeReport} prints, recorded in a {@link BenchReport}.
 * Each phase's latencies and rate sit beside its baseline from the same run: HTTP beside the in-process
 * search, the open loops with a sync beside the open loop alone; the sync under load beside the sync alone.
 */
final class ServeFigures {
    /** Figure name prefixes of phases 1 to 5, in the order {@link ServeBenchmark} runs them. */
    static final List<String> PHASES =
            List.of("inProcess", "httpClosedLoop", "httpOpenLoop", "httpOpenLoopSync", "soak");

    private ServeFigures() {}

    static void record(ServeBenchmark.Options options, ServeBenchmark.Result result, BenchReport report) {
        List<LoadGenerator.Result> p = result.phases();
        LoadGenerator.Result inProcess = p.get(0);
        LoadGenerator.Result openLoop = p.get(2);
        report.figure("chunks", "count", result.chunks());
        Map<String, Object> phases = new LinkedHashMap<>();
        for (int i = 0; i < p.size() && i < PHASES.size(); i++) {
            LoadGenerator.Result r = p.get(i);
            String name = PHASES.get(i);
            // HTTP beside the same searches in process; the loops with a sync beside the open loop without one.
            LoadGenerator.Result baseline = i == 0 ? null : i < 3 ? inProcess : openLoop;
            String baselineName =
                    i == 0 ? null : i < 3 ? "in-process search, no HTTP (same run)" : "open loop, no sync (same run)";
            phase(report, name, r, baselineName, baseline, i != 2);
            phases.put(name, table(r));
        }
        report.result("phases", phases);

        SyncChurn.Summary idle = result.idleSync();
        String alone = "sync alone, no searches (same run)";
        report.figure("syncAloneChunksPerSecond", "chunks/s", idle.chunksPerSecond())
                .figure("syncAloneRoundP50", "ms", Stats.percentile(idle.roundMillis(), 50))
                .figure(
                        "syncUnderLoadChunksPerSecond",
                        "chunks/s",
                        result.sync().chunksPerSecond(),
                        alone,
                        idle.chunksPerSecond())
                .figure(
                        "syncUnderLoadRoundP50",
                        "ms",
                        Stats.percentile(result.sync().roundMillis(), 50),
                        alone,
                        Stats.percentile(idle.roundMillis(), 50));
        Map<String, Object> syncs = new LinkedHashMap<>();
        syncs.put("alone", sync(idle));
        syncs.put("underLoad", sync(result.sync()));
        if (result.soakSync() != null) {
            report.figure(
                    "soakSyncChunksPerSecond",
                    "chunks/s",
                    result.soakSync().chunksPerSecond(),
                    alone,
                    idle.chunksPerSecond());
            syncs.put("soak", sync(result.soakSync()));
        }
        report.result("syncs", syncs);

        long[] heap = result.heapMib();
        if (heap.length > 0) {
            int from = heap.length >= 3 ? 1 : 0; // as ServeReport judges it: from the first sample under load
            report.figure("soakHeapBeforeLoad", "MiB", heap[0])
                    .figure("soakHeapLast", "MiB", heap[heap.length - 1], "first sample under load", (double)
                            heap[from])
                    .figure("soakHeapGrowth", "MiB", heap[heap.length - 1] - heap[from])
                    .result("soakHeapMib", heap);
        }
        report.figure("loadAverageAtEnd", "load", ServeBenchmark.loadAverage())
                .result("searchMode", options.mode().label());
    }

    /**
     * @param rateBaseline whether the phase's rate compares with the baseline's (not so for the open loop at a
     *     set rate beside the in-process closed loop)
     */
    private static void phase(
            BenchReport report,
            String name,
            LoadGenerator.Result r,
            String baselineName,
            LoadGenerator.Result b,
            boolean rateBaseline) {
        if (b != null && rateBaseline) {
            report.figure(name + "QueriesPerSecond", "queries/s", r.perSecond(), baselineName, b.perSecond());
        } else {
            report.figure(name + "QueriesPerSecond", "queries/s", r.perSecond());
        }
        report.figure(name + "P50", "ms", r.millis(50), baselineName, b == null ? null : b.millis(50))
                .figure(name + "P90", "ms", r.millis(90), baselineName, b == null ? null : b.millis(90))
                .figure(name + "P99", "ms", r.millis(99), baselineName, b == null ? null : b.millis(99))
                .figure(name + "Max", "ms", r.maxMillis(), baselineName, b == null ? null : b.maxMillis())
                .figure(name + "Errors", "count", r.errorCount());
    }

    /** One phase's row of the text table. */
    private static Map<String, Object> table(LoadGenerator.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", r.label());
        m.put("requests", r.requests());
        m.put("seconds", BenchReport.finite(r.seconds()));
        m.put("queriesPerSecond", BenchReport.finite(r.perSecond()));
        m.put("p50Ms", BenchReport.finite(r.millis(50)));
        m.put("p90Ms", BenchReport.finite(r.millis(90)));
        m.put("p99Ms", BenchReport.finite(r.millis(99)));
        m.put("maxMs", BenchReport.finite(r.maxMillis()));
        m.put("errors", new java.util.TreeMap<>(r.errors()));
        m.put("behindSchedule", r.behindSchedule() < 0 ? null : r.behindSchedule()); // -1: a closed loop
        m.put("maxLateMs", BenchReport.finite(r.maxLateMillis()));
        m.put("dropped", r.dropped());
        return m;
    }

    /** One sync's line of the text report. */
    private static Map<String, Object> sync(SyncChurn.Summary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rounds", s.rounds());
        m.put("documentsIngested", s.documentsIngested());
        m.put("embeddingsComputed", s.embeddingsComputed());
        m.put("seconds", BenchReport.finite(s.seconds()));
        m.put("chunksPerSecond", BenchReport.finite(s.chunksPerSecond()));
        m.put("roundP50Ms", BenchReport.finite(Stats.percentile(s.roundMillis(), 50)));
        m.put(
                "roundMaxMs",
                s.roundMillis().length == 0
                        ? null
                        : BenchReport.finite(
                                Arrays.stream(s.roundMillis()).max().orElse(0)));
        m.put("commitsSeen", s.roundsSeen());
        m.put("seenP50Ms", s.roundsSeen() == 0 ? null : BenchReport.finite(Stats.percentile(s.lagMillis(), 50)));
        m.put("failures", s.failures());
        return m;
    }
}
