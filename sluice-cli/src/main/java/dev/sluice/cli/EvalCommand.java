package dev.sluice.cli;

import dev.sluice.Evaluations;
import dev.sluice.KnowledgeBase;
import dev.sluice.answer.AnswersReport;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.Flags;
import dev.sluice.config.SluiceConfig;
import dev.sluice.core.SluiceException;
import dev.sluice.eval.EvalRunRecord;
import dev.sluice.eval.EvalTuner;
import dev.sluice.eval.Metric;
import dev.sluice.eval.RunComparison;
import dev.sluice.ingest.IngestReport;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.retrieve.SearchMode;
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
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sluice eval}: build a knowledge base from an eval corpus, measure retrieval, gate, compare. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description =
                "Measure retrieval quality: import a BEIR corpus, run an eval set, gate on thresholds, compare runs.",
        subcommands = {
            EvalCommand.ImportBeir.class,
            EvalCommand.Run.class,
            EvalCommand.Compare.class,
            EvalCommand.ListRuns.class,
            EvalCommand.Tune.class,
            EvalCommand.Answers.class
        })
final class EvalCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "name a subcommand: import-beir, run, compare, list, tune or answers");
    }

    @Command(
            name = "import-beir",
            mixinStandardHelpOptions = true,
            description = "Build a knowledge base from a BEIR corpus (corpus.jsonl[.gz]), keeping its document ids as"
                    + " paths. Importing the same corpus again processes nothing.")
    static final class ImportBeir implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        IndexOption index;

        @Mixin
        ConfigOption config;

        @Parameters(paramLabel = "FOLDER", description = "BEIR folder with corpus.jsonl or corpus.jsonl.gz.")
        Path folder;

        @Option(names = "--name", paramLabel = "NAME", description = "Source name (default: the folder's name).")
        String name;

        @Option(names = "--threads", paramLabel = "N", description = "Embedding threads (default: one per core).")
        Integer threads;

        @Option(names = "--no-progress", description = "No progress output.")
        boolean noProgress;

        @Override
        public Integer call() {
            EffectiveConfig effective =
                    config.effective(index, Flags.NONE.with(EffectiveConfig.THREADS, threads, "--threads"));
            PrintWriter err = spec.commandLine().getErr();
            ProgressPrinter progress = new ProgressPrinter(err, Terminal.interactive());
            IngestReport report;
            try (KnowledgeBase kb = KnowledgeBase.open(effective)) {
                report = kb.eval().importBeir(folder, name, noProgress ? ProgressListener.NONE : progress);
            }
            progress.finish();
            IngestSummary.printTable(report, spec.commandLine().getOut());
            err.println("next: sluice eval run --set " + folder + " --index " + effective.index());
            return report.failedSources().isEmpty() ? SluiceCli.EXIT_OK : SluiceCli.EXIT_FAILED;
        }
    }

    @Command(
            name = "run",
            mixinStandardHelpOptions = true,
            description = "Evaluate an eval set against the index in several modes; store per-query results in the"
                    + " catalog; print one table; optionally gate on sluice.yaml's thresholds.")
    static final class Run implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        IndexOption index;

        @Mixin
        ConfigOption config;

        @Option(
                names = "--set",
                required = true,
                paramLabel = "PATH",
                description = "A BEIR folder (queries.jsonl, qrels/SPLIT.tsv) or a Sluice .jsonl eval set.")
        Path set;

        @Option(
                names = "--split",
                paramLabel = "NAME",
                description = "BEIR qrels split (default: the only one present).")
        String split;

        @Option(
                names = "--modes",
                split = ",",
                paramLabel = "MODE",
                defaultValue = "bm25,dense,hybrid",
                description = "Modes, comma-separated (default ${DEFAULT-VALUE}).")
        List<String> modes;

        @Option(
                names = "--k",
                split = ",",
                paramLabel = "K",
                defaultValue = "10,100",
                description =
                        "Cutoffs, comma-separated (default ${DEFAULT-VALUE}): nDCG, recall, P, MRR and hit at each.")
        List<Integer> ks;

        @Option(
                names = "--metrics",
                split = ",",
                paramLabel = "METRIC",
                description = "Metrics instead of the default set, e.g. ndcg@10,recall@100,map.")
        List<String> metrics;

        @Option(
                names = "--threads",
                paramLabel = "N",
                description = "Threads embedding and searching (default: cores).")
        Integer threads;

        @Option(names = "--gate", description = "Exit 1, naming each failure, when a gate of sluice.yaml fails.")
        boolean gate;

        @Option(
                names = "--baseline",
                paramLabel = "RUN",
                description = "Eval run to check regressions against (default with --gate: the latest earlier run of"
                        + " the same set).")
        Long baseline;

        @Option(
                names = "--report",
                paramLabel = "FILE",
                description = "Also write the report to FILE: Markdown (.md) or JSON (.json).")
        Path report;

        @Option(names = "--json", description = "Print the report as JSON.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            EffectiveConfig effective = config.effective(index);
            List<Metric> metricList = metricList();
            int depth =
                    Math.max(100, ks.stream().mapToInt(Integer::intValue).max().orElse(10));
            Evaluations.RunOutcome outcome;
            try (KnowledgeBase kb = KnowledgeBase.open(effective)) {
                outcome = kb.eval()
                        .run(new Evaluations.RunRequest(
                                set,
                                split,
                                modes(),
                                metricList,
                                depth,
                                EffectiveConfig.threads(threads, "--threads"),
                                gate,
                                baseline));
            }
            List<String> failures = outcome.failures();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.write(
                        EvalReports.runJson(outcome.run(), outcome.result(), outcome.regression(), failures)));
            } else {
                EvalReports.printRun(outcome.run(), outcome.result(), outcome.regression(), out);
            }
            if (report != null) {
                String name = report.getFileName().toString().toLowerCase(Locale.ROOT);
                String text = name.endsWith(".json")
                        ? Json.write(
                                EvalReports.runJson(outcome.run(), outcome.result(), outcome.regression(), failures))
                        : EvalReports.markdown(outcome.run(), outcome.regression(), failures);
                Files.writeString(report, text, StandardCharsets.UTF_8);
            }
            PrintWriter err = spec.commandLine().getErr();
            SluiceConfig.Eval eval = effective.eval();
            if (gate && eval.gates().isEmpty() && eval.maxDrop() == null) {
                err.println("warning: --gate given but sluice.yaml sets no eval.gates and no eval.regression;"
                        + " nothing was checked");
            }
            if (!failures.isEmpty()) {
                err.println("gate failed (" + failures.size() + "):");
                failures.forEach(f -> err.println("  " + f));
                return SluiceCli.EXIT_FAILED;
            }
            if (gate) {
                err.println("gate passed: " + eval.gates().size() + " threshold(s) per mode"
                        + (eval.maxDrop() != null && outcome.baseline() != null
                                ? ", no significant regression against run "
                                        + outcome.baseline().id()
                                : ""));
            }
            return SluiceCli.EXIT_OK;
        }

        private List<SearchMode> modes() {
            List<SearchMode> out = new ArrayList<>();
            for (String m : modes) {
                SearchMode mode = SearchMode.fromLabel(m);
                if (mode == null) {
                    throw new CommandLine.ParameterException(
                            spec.commandLine(), "--modes: unknown mode '" + m + "'; known: bm25, dense, hybrid");
                }
                if (!out.contains(mode)) {
                    out.add(mode);
                }
            }
            return out;
        }

        private List<Metric> metricList() {
            try {
                if (metrics != null && !metrics.isEmpty()) {
                    return metrics.stream().map(Metric::parse).distinct().toList();
                }
                List<Metric> out = new ArrayList<>();
                for (String family : List.of("ndcg", "recall", "p", "mrr", "hit")) {
                    for (int k : ks) {
                        if (k < 1 || k > 1000) {
                            throw new CommandLine.ParameterException(
                                    spec.commandLine(), "--k: cutoffs must be within 1..1000, got " + k);
                        }
                        out.add(Metric.parse(family + "@" + k));
                    }
                }
                out.add(Metric.parse("map"));
                return out;
            } catch (SluiceException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--metrics: " + e.getMessage());
            }
        }
    }

    @Command(
            name = "compare",
            mixinStandardHelpOptions = true,
            description = "Compare two stored eval runs: per-metric deltas with 95% bootstrap intervals and"
                    + " sign-flip p-values, and the queries that moved most.")
    static final class Compare implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        IndexOption index;

        @Mixin
        ConfigOption config;

        @Parameters(index = "0", paramLabel = "A", description = "Baseline eval run id.")
        long a;

        @Parameters(index = "1", paramLabel = "B", description = "Candidate eval run id.")
        long b;

        @Option(
                names = "--metric",
                paramLabel = "METRIC",
                description = "Rank moved queries by this metric (default: the runs' first).")
        String metric;

        @Option(
                names = "--top",
                paramLabel = "N",
                defaultValue = "5",
                description = "Queries listed per direction and mode (default ${DEFAULT-VALUE}).")
        int top;

        @Option(
                names = "--seed",
                paramLabel = "N",
                defaultValue = "42",
                description = "Seed of the bootstrap and randomization test (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--json", description = "Print the comparison as JSON.")
        boolean json;

        @Override
        public Integer call() {
            RunComparison.Report report;
            try (KnowledgeBase kb = KnowledgeBase.open(config.effective(index))) {
                report = kb.eval().compare(a, b, metric, top, seed);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.write(EvalReports.compareJson(report)));
            } else {
                EvalReports.printCompare(report, out);
            }
            return SluiceCli.EXIT_OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List stored eval runs, newest first.")
    static final class ListRuns implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        IndexOption index;

        @Mixin
        ConfigOption config;

        @Option(names = "--json", description = "Print runs as JSON.")
        boolean json;

        @Override
        public Integer call() {
            List<EvalRunRecord> runs;
            try (KnowledgeBase kb = KnowledgeBase.open(config.effective(index))) {
                runs = kb.eval().list();
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(
                        Json.write(runs.stream().map(EvalReports::runSummary).toList()));
            } else {
                EvalReports.printList(runs, out);
            }
            return SluiceCli.EXIT_OK;
        }
    }

    @Command(
            name = "tune",
            mixinStandardHelpOptions = true,
            description = "Search retrieval settings (BM25 k1 and b, fusion rank constant, dense weight, depth) on a"
                    + " train part of an eval set; report default against tuned on the held-back part only; print"
                    + " the recommended retrieval section of sluice.yaml.")
    static final class Tune implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        IndexOption index;

        @Mixin
        ConfigOption config;

        @Option(
                names = "--set",
                required = true,
                paramLabel = "PATH",
                description = "A BEIR folder or a Sluice .jsonl eval set; never the split you report results on.")
        Path set;

        @Option(names = "--split", paramLabel = "NAME", description = "BEIR qrels split (default: the only one).")
        String split;

        @Option(
                names = "--metric",
                paramLabel = "METRIC",
                defaultValue = "ndcg@10",
                description = "Metric to optimize (default ${DEFAULT-VALUE}).")
        String metric;

        @Option(
                names = "--held-out",
                paramLabel = "SHARE",
                defaultValue = "0.3",
                description = "Share of queries held back to measure the choice (default ${DEFAULT-VALUE}).")
        double heldOut;

        @Option(
                names = "--seed",
                paramLabel = "N",
                defaultValue = "42",
                description = "Seed of the split and the statistics (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--threads", paramLabel = "N", description = "Threads searching (default: cores).")
        Integer threads;

        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        @Option(
                names = "--reindex",
                description = "Also try chunk sizes and overlaps: re-import the BEIR corpus of --set once per setting"
                        + " into scratch indexes (slow; vectors of unchanged chunks come from the cache).")
        boolean reindex;

        @Option(
                names = "--chunk-sizes",
                split = ",",
                paramLabel = "TOKENS",
                defaultValue = "128,256,384",
                description = "With --reindex: chunk sizes to try (default ${DEFAULT-VALUE}; capped by the model).")
        List<Integer> chunkSizes;

        @Option(
                names = "--overlaps",
                split = ",",
                paramLabel = "TOKENS",
                defaultValue = "0,32",
                description = "With --reindex: overlaps to try (default ${DEFAULT-VALUE}).")
        List<Integer> overlaps;

        @Override
        public Integer call() {
            Metric target;
            try {
                target = Metric.parse(metric);
            } catch (SluiceException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--metric: " + e.getMessage());
            }
            int n = EffectiveConfig.threads(threads, "--threads");
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (KnowledgeBase kb = KnowledgeBase.open(config.effective(index))) {
                if (reindex) {
                    Evaluations.ChunkTuning t = kb.eval()
                            .tuneChunking(set, split, target, heldOut, seed, n, chunkSizes, overlaps, line -> {
                                err.println(line);
                                err.flush();
                            });
                    EvalReports.printChunkTune(
                            t.tried(),
                            t.currentMax(),
                            t.currentOverlap(),
                            t.bestMax(),
                            t.bestOverlap(),
                            t.chunking(),
                            target.name(),
                            out);
                    EvalReports.printTune(t.retrieval(), out);
                    return SluiceCli.EXIT_OK;
                }
                EvalTuner.Result result = kb.eval().tune(set, split, target, heldOut, seed, n);
                if (json) {
                    Map<String, Object> map = new LinkedHashMap<>();
                    map.put("metric", result.metric().name());
                    map.put("seed", result.seed());
                    map.put("trainQueries", result.trainQueries());
                    map.put("heldOutQueries", result.heldOutQueries());
                    map.put("candidates", result.candidates());
                    map.put("millis", result.millis());
                    map.put("tuned", result.tuned());
                    map.put("heldOutBm25", result.bm25());
                    map.put("heldOutHybrid", result.hybrid());
                    out.println(Json.write(map));
                } else {
                    EvalReports.printTune(result, out);
                }
            }
            return SluiceCli.EXIT_OK;
        }
    }

    @Command(
            name = "answers",
            mixinStandardHelpOptions = true,
            description = "Ask every question of a Sluice .jsonl set: exact match and token F1 against reference"
                    + " answers (SQuAD's definitions); with --judge, faithfulness, answer relevance, context precision"
                    + " and recall from an LLM judge, with their spread over repeated judging.")
    static final class Answers implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        IndexOption index;

        @Mixin
        ConfigOption config;

        @Option(names = "--set", required = true, paramLabel = "FILE", description = "A Sluice .jsonl eval set.")
        Path set;

        @Option(
                names = "--min-similarity",
                paramLabel = "COSINE",
                description = "The relevance gate of ask (default: the model's floor).")
        Double minSimilarity;

        @Option(names = "--judge", description = "Also judge each answer with the llm of sluice.yaml.")
        boolean judge;

        @Option(
                names = "--judge-repeats",
                paramLabel = "N",
                defaultValue = "1",
                description = "Judge each answer N times (no cache) and report the spread (default ${DEFAULT-VALUE}).")
        int repeats;

        @Option(names = "--judge-model", paramLabel = "MODEL", description = "Judge model (default: llm.model).")
        String judgeModel;

        @Option(names = "--json", description = "Print per-question results as JSON.")
        boolean json;

        @Override
        public Integer call() {
            AnswersReport report;
            try (KnowledgeBase kb = KnowledgeBase.open(config.effective(index))) {
                report = kb.eval().answers(set, minSimilarity, judge, repeats, judgeModel);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.write(report.toJson()));
            } else {
                report.print(out);
            }
            out.flush();
            return SluiceCli.EXIT_OK;
        }
    }
}
