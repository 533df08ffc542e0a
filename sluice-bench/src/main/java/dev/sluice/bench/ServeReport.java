package dev.sluice.bench;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The closing part of {@code sluice bench serve}'s report: overhead, sync, and the targets met or missed. */
final class ServeReport {
    /** The targets, judged on 2 cores and 100,000 chunks. */
    static final int TARGET_CHUNKS = 100_000;

    /** BM25: 300 searches a second with p99 under 100 ms; dense and hybrid, which embed each query: 150 and 150 ms. */
    static double targetPerSecond(dev.sluice.retrieve.SearchMode mode) {
        return mode == dev.sluice.retrieve.SearchMode.BM25 ? 300 : 150;
    }

    static double targetP99Millis(dev.sluice.retrieve.SearchMode mode) {
        return mode == dev.sluice.retrieve.SearchMode.BM25 ? 100 : 150;
    }

    /** The sync under the load keeps at least this share of its rate alone. */
    static final double TARGET_SYNC_SHARE = 0.40;
    /** "No heap growth": the last post-GC sample at most this far above the first (or 10% of it). */
    static final long HEAP_TOLERANCE_MIB = 16;

    private ServeReport() {}

    static void summary(ServeBenchmark.Options options, ServeBenchmark.Result result, PrintWriter out) {
        List<LoadGenerator.Result> p = result.phases();
        LoadGenerator.Result baseline = p.get(0);
        LoadGenerator.Result closed = p.get(1);
        LoadGenerator.Result alone = p.get(2);
        LoadGenerator.Result synced = p.get(3);
        out.println();
        out.printf(
                Locale.ROOT,
                "HTTP beside the in-process baseline (closed loop, %d workers each): %.0f%% of its queries/s,"
                        + " p50 %+.2f ms, p99 %+.2f ms%n",
                options.clients(),
                100 * closed.perSecond() / baseline.perSecond(),
                closed.millis(50) - baseline.millis(50),
                closed.millis(99) - baseline.millis(99));
        for (LoadGenerator.Result r : p) {
            if (r.errorCount() > 0) {
                out.println("errors in " + r.label() + ": " + r.errorsText());
            }
            if (r.behindSchedule() > 0 || r.dropped() > 0) {
                out.printf(
                        Locale.ROOT,
                        "%s: %d requests left more than %d ms after their due time (all %d connections busy),"
                                + " the latest %.0f ms late (their latency counts the wait); %d still waiting when"
                                + " the time was up were dropped%n",
                        r.label(),
                        r.behindSchedule(),
                        LoadGenerator.LATE_MILLIS,
                        options.clients(),
                        r.maxLateMillis(),
                        r.dropped());
            }
        }
        syncLine("alone, no searches", options, result.idleSync(), out);
        syncLine("during phase 4", options, result.sync(), out);
        if (result.soakSync() != null) {
            syncLine("during the soak", options, result.soakSync(), out);
        }

        out.printf(
                Locale.ROOT,
                "load average at the end: %.2f on %d cores (above the core count, other work shared the CPUs)%n",
                ServeBenchmark.loadAverage(),
                Runtime.getRuntime().availableProcessors());
        out.println();
        boolean fullScale = result.chunks() >= TARGET_CHUNKS;
        int cores = Runtime.getRuntime().availableProcessors();
        out.printf(
                Locale.ROOT,
                "targets (issue: 2 cores, >= %,d chunks)%s:%n",
                TARGET_CHUNKS,
                fullScale && cores == 2
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                "; this run: %d cores, %,d chunks, so these are %s figures",
                                cores,
                                result.chunks(),
                                fullScale ? "other-machine" : "small-scale"));
        double perSecond = targetPerSecond(options.mode());
        target(
                out,
                String.format(Locale.ROOT, ">= %.0f searches/s over HTTP (closed loop)", perSecond),
                String.format(Locale.ROOT, "%.0f/s", closed.perSecond()),
                closed.perSecond() >= perSecond);
        openTarget(out, options, alone, "open loop at %.0f/s");
        openTarget(out, options, synced, "open loop at %.0f/s with a sync running");
        double share = result.sync().chunksPerSecond() / result.idleSync().chunksPerSecond();
        target(
                out,
                String.format(
                        Locale.ROOT,
                        "the sync under the load keeps >= %.0f%% of its rate alone (niceness %d, %d embedding threads)",
                        100 * TARGET_SYNC_SHARE,
                        options.niceness(),
                        options.syncThreads()),
                String.format(
                        Locale.ROOT,
                        "%.1f chunks/s against %.1f alone, %.0f%%",
                        result.sync().chunksPerSecond(),
                        result.idleSync().chunksPerSecond(),
                        100 * share),
                share >= TARGET_SYNC_SHARE);
        if (p.size() > 4) {
            openTarget(out, options, p.get(4), "soak at %.0f/s with a sync running");
            long[] heap = result.heapMib();
            // Judged from the first sample under load (the one before the load holds no requests in flight).
            int from = heap.length >= 3 ? 1 : 0;
            long first = heap[from];
            long last = heap[heap.length - 1];
            long max = Arrays.stream(heap).max().orElse(0);
            long allowed = Math.max(HEAP_TOLERANCE_MIB, first / 10);
            target(
                    out,
                    "no heap growth over the soak (last post-GC sample <= the first under load + max("
                            + HEAP_TOLERANCE_MIB + " MiB, 10%))",
                    String.format(
                            Locale.ROOT,
                            "before the load %d MiB, first under load %d MiB, last %d MiB, max %d MiB, growth %+d MiB"
                                    + " over %d samples",
                            heap[0],
                            first,
                            last,
                            max,
                            last - first,
                            heap.length),
                    last - first <= allowed);
        } else {
            out.println("- no heap growth over a soak: not run (--soak-minutes 0)");
        }
        out.flush();
    }

    /** @param what the phase, with a %.0f for the target rate */
    private static void openTarget(
            PrintWriter out, ServeBenchmark.Options options, LoadGenerator.Result r, String what) {
        String figures = String.format(
                Locale.ROOT, "%.0f/s achieved, p99 %.2f ms, %d errors", r.perSecond(), r.millis(99), r.errorCount());
        double perSecond = targetPerSecond(options.mode());
        double p99 = targetP99Millis(options.mode());
        String claim = String.format(Locale.ROOT, what, perSecond)
                + String.format(Locale.ROOT, ": p99 < %.0f ms, zero errors", p99);
        if (options.rate() < perSecond) {
            out.printf(
                    Locale.ROOT,
                    "- %s: not judged, --rate %.0f is below %.0f (%s)%n",
                    claim,
                    options.rate(),
                    perSecond,
                    figures);
            return;
        }
        target(
                out,
                claim,
                figures,
                r.millis(99) < p99
                        && r.errorCount() == 0
                        && r.dropped() == 0
                        && r.perSecond() >= 0.98 * Math.min(options.rate(), perSecond));
    }

    private static void target(PrintWriter out, String claim, String figures, boolean met) {
        out.printf(Locale.ROOT, "- %s: %s: %s%n", claim, figures, met ? "met" : "MISSED");
    }

    private static void syncLine(String when, ServeBenchmark.Options options, SyncChurn.Summary s, PrintWriter out) {
        out.printf(
                Locale.ROOT,
                "sync %s: %d rounds of %d rewritten files (and a marker file), each an Ingester run over"
                        + " the corpus: round p50 %.0f ms, max %.0f ms; %d documents ingested, %d chunks embedded"
                        + " in %.1f s (%.2f chunks/s)%s%n",
                when,
                s.rounds(),
                options.syncFiles(),
                Stats.percentile(s.roundMillis(), 50),
                s.roundMillis().length == 0
                        ? Double.NaN
                        : Arrays.stream(s.roundMillis()).max().orElse(0),
                s.documentsIngested(),
                s.embeddingsComputed(),
                s.seconds(),
                s.chunksPerSecond(),
                s.failures().isEmpty() ? "" : "; failed runs: " + String.join("; ", s.failures()));
        if (s.rounds() == 0) {
            return;
        }
        if (s.roundsSeen() == 0) {
            out.printf(
                    Locale.ROOT,
                    "searches through the service saw none of the %d commits (checked every 200 ms, and for %.1f s"
                            + " after the last): the service keeps the index view it opened until something"
                            + " refreshes its searcher%n",
                    s.rounds(),
                    Math.min(ServeBenchmark.GRACE_MILLIS, options.phase().toMillis()) / 1000.0);
        } else {
            out.printf(
                    Locale.ROOT,
                    "searches through the service saw %d of %d commits, p50 %.0f ms and max %.0f ms after the"
                            + " commit (checked every 200 ms)%n",
                    s.roundsSeen(),
                    s.rounds(),
                    Stats.percentile(s.lagMillis(), 50),
                    Arrays.stream(s.lagMillis()).max().orElse(0));
        }
    }

    /** What the service's /metrics says of its query vectors: from the model, from its cache. */
    static String queryVectors(java.net.http.HttpClient http, String base, String key) {
        try {
            String metrics = http.send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/metrics"))
                                    .header("Authorization", "Bearer " + key)
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString())
                    .body();
            Double cache = counter(metrics, "cache");
            Double model = counter(metrics, "model");
            if (cache == null || model == null) {
                return "query vectors over HTTP: not in /metrics";
            }
            return String.format(
                    Locale.ROOT,
                    "query vectors over HTTP (all phases and warm-ups): %.0f from the model, %.0f from the"
                            + " service's cache of %d",
                    model,
                    cache,
                    dev.sluice.Sluice.Searcher.QUERY_VECTORS_CACHED);
        } catch (java.io.IOException e) {
            return "query vectors over HTTP: /metrics unreachable (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "query vectors over HTTP: interrupted";
        }
    }

    /** {@code sluice_query_vectors_total{from="..."}} in Prometheus text, or null. */
    private static Double counter(String metrics, String from) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        "sluice_query_vectors_total\\{from=\"" + from + "\"} ([0-9.E]+)")
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : null;
    }
}
