package dev.sluice.bench;

import dev.sluice.Evaluations;
import dev.sluice.IngestOptions;
import dev.sluice.KnowledgeBase;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.Flags;
import dev.sluice.core.SluiceException;
import dev.sluice.eval.EvalRunRecord;
import dev.sluice.eval.EvalRunStore;
import dev.sluice.eval.Metric;
import dev.sluice.eval.PairedComparison;
import dev.sluice.eval.RunComparison;
import dev.sluice.ingest.IngestReport;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.ingest.RunOptions;
import dev.sluice.ingest.Stage;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.testkit.ScriptedOpenAiServer;
import dev.sluice.transform.TransformRunSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench transforms-effect}: the same BEIR subset ({@link EffectSlice}) built three times, plain,
 * with a {@code contextualize} step and with a {@code questions} step, each evaluated in every mode and
 * the enriched runs compared with the plain one query by query ({@link RunComparison}: the delta, its 95%
 * bootstrap interval and the sign-flip p-value). The transforms call a local {@link ScriptedOpenAiServer}
 * answering with {@link ExtractiveStandIn}: the figures measure the pipeline and that extractive
 * stand-in, not what a model would write.
 *
 * <p>Each build is a fresh knowledge base ({@code work/NAME}, its own sluice.yaml and catalog), imported
 * as {@code sluice eval import-beir} does but with the configuration's transforms in the run options (the
 * import itself runs none). The three eval runs are stored in three catalogs; they are compared directly,
 * since they measured the same eval set (the fingerprint check of {@link RunComparison} still applies).
 */
final class TransformsEffectBenchmark {
    static final List<SearchMode> MODES = List.of(SearchMode.BM25, SearchMode.DENSE, SearchMode.HYBRID);
    static final List<String> METRICS = List.of("ndcg@10", "recall@100", "mrr@10");
    private static final String SOURCE = "scifact";

    /**
     * @param beir the BEIR folder (corpus.jsonl[.gz], queries.jsonl, qrels/train.tsv)
     * @param queries judged queries drawn
     * @param others documents besides the judged ones drawn
     * @param seed draws the queries and the other documents; seeds the paired tests
     * @param threads threads embedding and searching
     * @param questions questions per chunk asked of the questions step
     */
    record Options(Path beir, int queries, int others, long seed, int threads, int questions) {}

    /** One build: its name, the transforms section of its sluice.yaml (empty for none). */
    private record Build(String name, String transforms) {}

    /** What one build measured. */
    private record Outcome(
            Build build,
            IngestReport report,
            int chunks,
            int requests,
            long billedIn,
            long billedOut,
            EvalRunRecord run,
            List<dev.sluice.eval.EvalQueryResult> results,
            long evalMillis) {}

    private TransformsEffectBenchmark() {}

    static void run(Options options, Path work, PrintWriter out) throws IOException {
        run(options, work, out, new BenchReport());
    }

    /**
     * As {@link #run(Options, Path, PrintWriter)}, recording each build's metrics beside the plain build's in
     * {@code report}, with each build's sync row and each paired comparison in {@code results}.
     */
    static void run(Options options, Path work, PrintWriter out, BenchReport report) throws IOException {
        long t0 = System.nanoTime();
        EffectSlice.Written slice = EffectSlice.write(
                options.beir(), options.queries(), options.others(), options.seed(), work.resolve("data"));
        out.printf(
                Locale.ROOT,
                "bench transforms-effect: %d of the judged queries, %d documents (%d judged relevant + %d drawn of the"
                        + " other %d), seed %d; machine: %s%n",
                slice.queries(),
                slice.documents(),
                slice.judgedDocuments(),
                slice.documents() - slice.judgedDocuments(),
                slice.corpusDocuments() - slice.judgedDocuments(),
                options.seed(),
                Stats.machine());
        out.println("model replies: " + ExtractiveStandIn.NAME + ", served by the scripted OpenAI-protocol server on"
                + " 127.0.0.1; these figures measure the pipeline and that stand-in, not what an LLM would write");
        out.flush();
        List<Build> builds = List.of(
                new Build("plain", ""),
                new Build("contextualize", "steps:\n  - name: situate\n    kind: contextualize\n"),
                new Build(
                        "questions",
                        "steps:\n  - name: asks\n    kind: questions\n    count: " + options.questions() + "\n"));
        List<Outcome> outcomes = new ArrayList<>();
        try (ScriptedOpenAiServer server = new ScriptedOpenAiServer()) {
            server.respond(ExtractiveStandIn::reply);
            for (Build b : builds) {
                outcomes.add(build(b, options, slice, server, work));
                Outcome o = outcomes.getLast();
                out.printf(
                        Locale.ROOT,
                        "  built %s: %d chunks, sync %.1f s, evaluation %.1f s%n",
                        b.name(),
                        o.chunks(),
                        o.report().wallMillis() / 1e3,
                        o.evalMillis() / 1e3);
                out.flush();
            }
        }
        out.println();
        printSyncs(outcomes, out, report);
        out.println();
        printComparison(outcomes, options.seed(), out, report);
        double total = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "%ntotal %.0f s%n", total);
        report.figure("queries", "count", slice.queries())
                .figure("documents", "count", slice.documents())
                .figure("wallSeconds", "s", total);
        out.flush();
    }

    private static Outcome build(
            Build b, Options options, EffectSlice.Written slice, ScriptedOpenAiServer server, Path work)
            throws IOException {
        Path dir = Files.createDirectories(work.resolve(b.name()));
        String yaml = "index: index\n"
                + "embedding:\n  threads: " + options.threads() + "\n"
                + (b.transforms().isEmpty()
                        ? ""
                        : "llm:\n  baseUrl: " + server.baseUrl() + "\n  model: gpt-4o-mini\n  retries: 0\n"
                                + "transforms:\n" + b.transforms().indent(2));
        Files.writeString(dir.resolve("sluice.yaml"), yaml, StandardCharsets.UTF_8);
        EffectiveConfig config = EffectiveConfig.resolve(ConfigLoader.load(dir.resolve("sluice.yaml")), Flags.NONE);
        int requestsBefore = server.requests().size();
        long inBefore = server.sentInputTokens();
        long outBefore = server.sentOutputTokens();
        try (KnowledgeBase kb = KnowledgeBase.openOrCreate(config)) {
            Evaluations eval = kb.eval();
            IngestOptions ingest = eval.importOptions(
                            slice.folder(),
                            SOURCE,
                            config.chunking().maxTokens(),
                            config.chunking().overlapTokens())
                    .withRun(RunOptions.DEFAULTS.withTransforms(config.transforms()));
            IngestReport report = kb.sync(ingest, ProgressListener.NONE);
            if (!report.failedSources().isEmpty() || !report.quarantined().isEmpty()) {
                throw new SluiceException("the " + b.name() + " build in " + dir + " is incomplete: "
                        + report.failedSources().values() + ", "
                        + report.quarantined().size() + " quarantined");
            }
            int chunks = kb.searcher().index().chunkCount();
            Evaluations.RunOutcome run = eval.run(new Evaluations.RunRequest(
                    slice.folder(),
                    "train",
                    MODES,
                    METRICS.stream().map(Metric::parse).toList(),
                    100,
                    options.threads(),
                    false,
                    null));
            EvalRunStore store = kb.evalRuns();
            return new Outcome(
                    b,
                    report,
                    chunks,
                    server.requests().size() - requestsBefore,
                    server.sentInputTokens() - inBefore,
                    server.sentOutputTokens() - outBefore,
                    run.run(),
                    store.evalResults(run.run().id()),
                    run.result().millis());
        }
    }

    private static void printSyncs(List<Outcome> outcomes, PrintWriter out, BenchReport report) {
        Outcome plain = outcomes.getFirst();
        Map<String, Object> builds = new LinkedHashMap<>();
        out.println(
                "| build | chunks | sync s | enrich s | embed s (summed over threads) | calls | cache hits | valid | invalid | failed |"
                        + " tokens in | tokens out | at gpt-4o-mini prices, USD |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Outcome o : outcomes) {
            TransformRunSummary t = o.report().transforms();
            Map<Stage, Long> stages = o.report().stageMillis();
            out.printf(
                    Locale.ROOT,
                    "| %s | %d | %.1f | %.1f | %.1f | %d | %d | %d | %d | %d | %d | %d | %.4f |%n",
                    o.build().name(),
                    o.chunks(),
                    o.report().wallMillis() / 1e3,
                    stages.getOrDefault(Stage.ENRICH, 0L) / 1e3,
                    stages.getOrDefault(Stage.EMBED, 0L) / 1e3,
                    t.calls(),
                    t.cacheHits(),
                    t.valid(),
                    t.invalid(),
                    t.failed(),
                    t.inputTokens(),
                    t.outputTokens(),
                    t.costUsd());
            String name = o.build().name();
            if (o == plain) {
                report.figure(name + "Chunks", "count", o.chunks())
                        .figure(name + "SyncSeconds", "s", o.report().wallMillis() / 1e3);
            } else {
                String baseline = plain.build().name() + " build (same run)";
                report.figure(name + "Chunks", "count", o.chunks(), baseline, (double) plain.chunks())
                        .figure(
                                name + "SyncSeconds",
                                "s",
                                o.report().wallMillis() / 1e3,
                                baseline,
                                plain.report().wallMillis() / 1e3)
                        .figure(name + "CostUsd", "usd", t.costUsd());
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("chunks", o.chunks());
            row.put("syncSeconds", BenchReport.finite(o.report().wallMillis() / 1e3));
            row.put("enrichSeconds", BenchReport.finite(stages.getOrDefault(Stage.ENRICH, 0L) / 1e3));
            row.put("embedThreadSeconds", BenchReport.finite(stages.getOrDefault(Stage.EMBED, 0L) / 1e3));
            row.put("calls", t.calls());
            row.put("cacheHits", t.cacheHits());
            row.put("valid", t.valid());
            row.put("invalid", t.invalid());
            row.put("failed", t.failed());
            row.put("tokensIn", t.inputTokens());
            row.put("tokensOut", t.outputTokens());
            row.put("costUsd", BenchReport.finite(t.costUsd()));
            builds.put(name, row);
            if (o.requests() != t.calls() || o.billedIn() != t.inputTokens() || o.billedOut() != t.outputTokens()) {
                out.printf(
                        Locale.ROOT,
                        "  note: the server saw %d requests and billed %d + %d tokens for %s%n",
                        o.requests(),
                        o.billedIn(),
                        o.billedOut(),
                        o.build().name());
            }
        }
        out.println("(tokens as the scripted server billed them: one per four characters of the messages; calls"
                + " include repairs; a fresh catalog per build, so no cache hits)");
        report.result("builds", builds);
    }

    /** {@code "ndcg@10"} to {@code "NdcgAt10"}; {@code SearchMode.BM25} to {@code "Bm25"}: parts of a name. */
    private static String camel(String label) {
        String s = label.replace("@", "At");
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static void printComparison(List<Outcome> outcomes, long seed, PrintWriter out, BenchReport report) {
        Outcome plain = outcomes.getFirst();
        Map<String, RunComparison.Report> reports = new LinkedHashMap<>();
        for (Outcome o : outcomes.subList(1, outcomes.size())) {
            reports.put(
                    o.build().name(),
                    RunComparison.compare(plain.run(), plain.results(), o.run(), o.results(), null, 0, seed));
        }
        StringBuilder head = new StringBuilder("| mode | metric | plain |");
        StringBuilder rule = new StringBuilder("|---|---|---:|");
        for (String name : reports.keySet()) {
            head.append(' ').append(name).append(" | delta [95% CI] | p |");
            rule.append("---:|---|---:|");
        }
        out.println(head);
        out.println(rule);
        Map<String, Map<String, Map<String, Object>>> comparisons = new LinkedHashMap<>(); // build, mode, metric
        String baseline = plain.build().name() + " build (same run)";
        for (SearchMode mode : MODES) {
            for (String metric : METRICS) {
                StringBuilder row = new StringBuilder();
                PairedComparison first = find(reports.values().iterator().next(), mode.label(), metric);
                row.append(
                        String.format(Locale.ROOT, "| %s | %s | %.4f |", mode.label(), metric, first.meanBaseline()));
                String figure = camel(mode.label()) + camel(metric);
                String unit = metric.startsWith("recall") ? "share" : "score";
                report.figure(plain.build().name() + figure, unit, first.meanBaseline());
                for (Map.Entry<String, RunComparison.Report> e : reports.entrySet()) {
                    PairedComparison c = find(e.getValue(), mode.label(), metric);
                    report.figure(e.getKey() + figure, unit, c.meanCandidate(), baseline, c.meanBaseline());
                    Map<String, Object> cell = new LinkedHashMap<>();
                    cell.put("baseline", BenchReport.finite(c.meanBaseline()));
                    cell.put("candidate", BenchReport.finite(c.meanCandidate()));
                    cell.put("delta", BenchReport.finite(c.meanDelta()));
                    cell.put("ciLow", BenchReport.finite(c.ciLow()));
                    cell.put("ciHigh", BenchReport.finite(c.ciHigh()));
                    cell.put("p", BenchReport.finite(c.pValue()));
                    comparisons
                            .computeIfAbsent(e.getKey(), k -> new LinkedHashMap<>())
                            .computeIfAbsent(mode.label(), k -> new LinkedHashMap<>())
                            .put(metric, cell);
                    row.append(String.format(
                            Locale.ROOT,
                            " %.4f | %+.4f [%+.4f, %+.4f] | %.3f |",
                            c.meanCandidate(),
                            c.meanDelta(),
                            c.ciLow(),
                            c.ciHigh(),
                            c.pValue()));
                }
                out.println(row);
            }
        }
        out.printf(
                Locale.ROOT,
                "(paired over the same %d queries: 95%% bootstrap interval and two-sided sign-flip p, %d resamples,"
                        + " seed %d, as sluice eval compare)%n",
                plain.run().queries(),
                PairedComparison.DEFAULT_RESAMPLES,
                seed);
        report.result("comparisons", comparisons);
    }

    private static PairedComparison find(RunComparison.Report report, String mode, String metric) {
        return report.deltas().stream()
                .filter(d -> d.mode().equals(mode) && d.metric().equals(metric))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + mode + " " + metric + " in the comparison"))
                .comparison();
    }
}
