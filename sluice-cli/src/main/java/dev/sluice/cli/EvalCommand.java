package dev.sluice.cli;

import dev.sluice.IngestOptions;
import dev.sluice.Sluice;
import dev.sluice.catalog.Catalog;
import dev.sluice.catalog.DocumentRecord;
import dev.sluice.catalog.EvalRunRecord;
import dev.sluice.chunk.ChunkerSettings;
import dev.sluice.config.SluiceConfig;
import dev.sluice.core.SluiceException;
import dev.sluice.embed.EmbeddingModelSpec;
import dev.sluice.embed.OnnxEmbedder;
import dev.sluice.eval.BeirCorpusSource;
import dev.sluice.eval.EvalRunner;
import dev.sluice.eval.EvalSet;
import dev.sluice.eval.EvalSetReader;
import dev.sluice.eval.EvalTuner;
import dev.sluice.eval.Gate;
import dev.sluice.eval.Metric;
import dev.sluice.eval.RunComparison;
import dev.sluice.extract.ExtractionLimits;
import dev.sluice.index.LuceneIndex;
import dev.sluice.ingest.IngestReport;
import dev.sluice.retrieve.SearchMode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
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
            SluiceConfig file = config.load();
            String source = name != null
                    ? name
                    : String.valueOf(folder.toAbsolutePath().normalize().getFileName());
            IngestOptions options = importOptions(
                    file,
                    folder,
                    source,
                    index.resolve(file),
                    configuredMaxTokens(file),
                    file.chunking().overlapTokens(),
                    threads);
            PrintWriter err = spec.commandLine().getErr();
            ProgressPrinter progress = new ProgressPrinter(err, Terminal.interactive());
            IngestReport report =
                    Sluice.ingest(options, noProgress ? dev.sluice.ingest.ProgressListener.NONE : progress);
            progress.finish();
            IngestSummary.printTable(report, spec.commandLine().getOut());
            err.println("next: sluice eval run --set " + folder + " --index " + options.index());
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
            SluiceConfig file = config.load();
            Path indexPath = index.resolve(file);
            List<SearchMode> searchModes = modes();
            List<Metric> metricList = metricList();
            EvalSet evalSet = readSet();
            int depth =
                    Math.max(100, ks.stream().mapToInt(Integer::intValue).max().orElse(10));
            EvalRunner.Result result;
            String modelId;
            try (Catalog catalog = Catalog.openExisting(indexPath)) {
                evalSet.checkDocumentIds(knownDocuments(catalog));
            }
            try (LuceneIndex lucene = LuceneIndex.openForReading(indexPath)) {
                modelId = lucene.settings().modelId();
                boolean vectors = searchModes.stream().anyMatch(m -> m != SearchMode.BM25);
                int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
                try (OnnxEmbedder embedder = vectors ? OnnxEmbedder.load(EmbeddingModelSpec.byId(modelId), 1) : null) {
                    result = EvalRunner.run(
                            lucene,
                            embedder,
                            evalSet,
                            new EvalRunner.Options(searchModes, metricList, depth, n, file.retrieval()));
                }
            }
            long finished = System.currentTimeMillis();
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("depth", Integer.toString(depth));
            settings.put("retrieval", file.retrieval().toString());
            settings.put("set", set.toAbsolutePath().normalize().toString());
            EvalRunRecord record = new EvalRunRecord(
                    0,
                    evalSet.name(),
                    EvalRunner.fingerprint(evalSet),
                    finished - result.millis(),
                    finished,
                    searchModes.stream().map(SearchMode::label).toList(),
                    metricList.stream().map(Metric::name).toList(),
                    evalSet.queries().size(),
                    modelId,
                    settings,
                    result.means());
            long runId;
            EvalRunRecord base = null;
            List<String> failures = new ArrayList<>();
            RunComparison.Report regression = null;
            try (Catalog catalog = Catalog.open(indexPath.resolve(Catalog.FILE_NAME))) {
                runId = catalog.saveEvalRun(record, result.queryResults());
                if (gate) {
                    for (String mode : record.modes()) {
                        for (Gate g : file.eval().gates()) {
                            String failure = g.check(mode, record.means().get(mode));
                            if (failure != null) {
                                failures.add(failure);
                            }
                        }
                    }
                }
                base = baselineRun(catalog, record, runId, file);
                if (base != null) {
                    regression = RunComparison.compare(
                            base,
                            catalog.evalResults(base.id()),
                            catalog.evalRun(runId),
                            catalog.evalResults(runId),
                            null,
                            5,
                            42);
                    if (gate && file.eval().maxDrop() != null) {
                        failures.addAll(RunComparison.regressions(
                                regression, file.eval().maxDrop(), file.eval().alpha()));
                    }
                }
            }
            EvalRunRecord saved = withId(record, runId);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.write(EvalReports.runJson(saved, result, regression, failures)));
            } else {
                EvalReports.printRun(saved, result, regression, out);
            }
            if (report != null) {
                String name = report.getFileName().toString().toLowerCase(Locale.ROOT);
                String text = name.endsWith(".json")
                        ? Json.write(EvalReports.runJson(saved, result, regression, failures))
                        : EvalReports.markdown(saved, regression, failures);
                Files.writeString(report, text, StandardCharsets.UTF_8);
            }
            PrintWriter err = spec.commandLine().getErr();
            if (gate && file.eval().gates().isEmpty() && file.eval().maxDrop() == null) {
                err.println("warning: --gate given but sluice.yaml sets no eval.gates and no eval.regression;"
                        + " nothing was checked");
            }
            if (!failures.isEmpty()) {
                err.println("gate failed (" + failures.size() + "):");
                failures.forEach(f -> err.println("  " + f));
                return SluiceCli.EXIT_FAILED;
            }
            if (gate) {
                err.println("gate passed: " + file.eval().gates().size() + " threshold(s) per mode"
                        + (file.eval().maxDrop() != null && base != null
                                ? ", no significant regression against run " + base.id()
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

        private EvalSet readSet() throws IOException {
            return EvalCommand.readSet(spec, set, split);
        }

        private EvalRunRecord baselineRun(Catalog catalog, EvalRunRecord record, long runId, SluiceConfig file) {
            if (baseline != null) {
                EvalRunRecord b = catalog.evalRun(baseline);
                if (b == null) {
                    throw new SluiceException("no eval run " + baseline + " in " + index.resolve(file)
                            + "; list them with: sluice eval list");
                }
                return b;
            }
            if (!gate || file.eval().maxDrop() == null) {
                return null;
            }
            return catalog.evalRuns().stream()
                    .filter(r -> r.id() < runId && r.setFingerprint().equals(record.setFingerprint()))
                    .findFirst()
                    .orElse(null);
        }
    }

    static EvalSet readSet(CommandLine.Model.CommandSpec spec, Path set, String split) throws IOException {
        if (Files.isRegularFile(set)) {
            return EvalSetReader.readJsonl(set);
        }
        if (!Files.isDirectory(set)) {
            throw new SluiceException("no eval set at " + set + "; give a BEIR folder or a .jsonl file");
        }
        String chosen = split;
        if (chosen == null) {
            List<String> splits = new ArrayList<>();
            Path qrels = set.resolve("qrels");
            if (Files.isDirectory(qrels)) {
                try (Stream<Path> files = Files.list(qrels)) {
                    files.map(f -> f.getFileName().toString())
                            .filter(f -> f.endsWith(".tsv"))
                            .map(f -> f.substring(0, f.length() - 4))
                            .sorted()
                            .forEach(splits::add);
                }
            }
            if (splits.size() != 1) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--split: " + set + "/qrels holds " + (splits.isEmpty() ? "no split" : splits)
                                + "; name one with --split");
            }
            chosen = splits.getFirst();
        }
        return EvalSetReader.readBeir(set, chosen);
    }

    /** The chunk size sluice.yaml asks for, or the model's default. */
    static int configuredMaxTokens(SluiceConfig file) {
        EmbeddingModelSpec model = EmbeddingModelSpec.byId(file.embedding().model());
        return file.chunking().maxTokens() != null
                ? file.chunking().maxTokens()
                : ChunkerSettings.defaultsWithin(model.maxChunkTokens()).maxTokens();
    }

    /** Options that import a BEIR corpus as one source, with these chunk settings. */
    static IngestOptions importOptions(
            SluiceConfig file,
            Path corpus,
            String source,
            Path indexPath,
            int maxTokens,
            int overlapTokens,
            Integer threads) {
        int cores = Runtime.getRuntime().availableProcessors();
        return new IngestOptions(
                List.of(new BeirCorpusSource(source, corpus)),
                indexPath,
                EmbeddingModelSpec.byId(file.embedding().model()),
                maxTokens,
                overlapTokens,
                ExtractionLimits.defaults(),
                1,
                threads != null
                        ? threads
                        : file.embedding().threads() != null ? file.embedding().threads() : cores);
    }

    static EvalRunRecord withId(EvalRunRecord r, long id) {
        return new EvalRunRecord(
                id,
                r.setName(),
                r.setFingerprint(),
                r.startedMillis(),
                r.finishedMillis(),
                r.modes(),
                r.metrics(),
                r.queries(),
                r.modelId(),
                r.settings(),
                r.means());
    }

    /** Every name a judged document may go by in this index: source-relative paths and URIs. */
    static Set<String> knownDocuments(Catalog catalog) {
        Set<String> known = new HashSet<>();
        for (DocumentRecord d : catalog.documents().values()) {
            if (d.indexed()) {
                known.add(d.path());
                known.add(d.uri());
            }
        }
        return known;
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
            Path indexPath = index.resolve(config.load());
            RunComparison.Report report;
            try (Catalog catalog = Catalog.openExisting(indexPath)) {
                EvalRunRecord runA = require(catalog, a, indexPath);
                EvalRunRecord runB = require(catalog, b, indexPath);
                try {
                    report = RunComparison.compare(
                            runA, catalog.evalResults(a), runB, catalog.evalResults(b), metric, Math.max(0, top), seed);
                } catch (IllegalArgumentException e) {
                    throw new SluiceException(e.getMessage(), e);
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.write(EvalReports.compareJson(report)));
            } else {
                EvalReports.printCompare(report, out);
            }
            return SluiceCli.EXIT_OK;
        }

        private static EvalRunRecord require(Catalog catalog, long id, Path indexPath) {
            EvalRunRecord run = catalog.evalRun(id);
            if (run == null) {
                throw new SluiceException(
                        "no eval run " + id + " in " + indexPath + "; list them with: sluice eval list");
            }
            return run;
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
            try (Catalog catalog = Catalog.openExisting(index.resolve(config.load()))) {
                runs = catalog.evalRuns();
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
        public Integer call() throws IOException {
            SluiceConfig file = config.load();
            Path indexPath = index.resolve(file);
            if (reindex) {
                return reindexAndTune(file, indexPath);
            }
            Metric target;
            try {
                target = Metric.parse(metric);
            } catch (SluiceException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--metric: " + e.getMessage());
            }
            if (!(heldOut >= 0.1 && heldOut <= 0.9)) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--held-out must be from 0.1 to 0.9, got " + heldOut);
            }
            EvalSet evalSet = readSet(spec, set, split);
            try (Catalog catalog = Catalog.openExisting(indexPath)) {
                evalSet.checkDocumentIds(knownDocuments(catalog));
            }
            EvalTuner.Result result;
            try (LuceneIndex lucene = LuceneIndex.openForReading(indexPath);
                    OnnxEmbedder embedder = OnnxEmbedder.load(
                            EmbeddingModelSpec.byId(lucene.settings().modelId()), 1)) {
                int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
                try {
                    result = EvalTuner.tune(lucene, embedder, evalSet, target, heldOut, seed, n);
                } catch (IllegalArgumentException e) {
                    throw new SluiceException(e.getMessage(), e);
                }
            }
            PrintWriter out = spec.commandLine().getOut();
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
            return SluiceCli.EXIT_OK;
        }

        /** Chooses chunk settings on the train queries, then retrieval settings on the chosen index. */
        private int reindexAndTune(SluiceConfig file, Path indexPath) throws IOException {
            Metric target = Metric.parse(metric);
            Path corpus = set;
            if (!Files.isRegularFile(corpus.resolve("corpus.jsonl"))
                    && !Files.isRegularFile(corpus.resolve("corpus.jsonl.gz"))) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--reindex needs a BEIR folder with corpus.jsonl(.gz) as --set, got " + set);
            }
            EvalSet evalSet = readSet(spec, set, split);
            EvalTuner.Split parts;
            try {
                parts = EvalTuner.split(evalSet, heldOut, seed);
            } catch (IllegalArgumentException e) {
                throw new SluiceException(e.getMessage(), e);
            }
            String source;
            try (Catalog catalog = Catalog.openExisting(indexPath)) {
                evalSet.checkDocumentIds(knownDocuments(catalog));
                source = catalog.documents().values().iterator().next().source();
            }
            EmbeddingModelSpec model = EmbeddingModelSpec.byId(file.embedding().model());
            int currentMax = configuredMaxTokens(file);
            int currentOverlap = file.chunking().overlapTokens();
            int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            PrintWriter err = spec.commandLine().getErr();
            Path scratch = Files.createTempDirectory("sluice-tune-");
            try (OnnxEmbedder embedder = OnnxEmbedder.load(model, 1)) {
                int bestMax = currentMax;
                int bestOverlap = currentOverlap;
                Path bestIndex = indexPath;
                double bestScore;
                try (LuceneIndex lucene = LuceneIndex.openForReading(indexPath)) {
                    bestScore = EvalTuner.score(lucene, embedder, parts.train(), SearchMode.HYBRID, target, n);
                }
                int tried = 1;
                for (int size : chunkSizes) {
                    for (int overlap : overlaps) {
                        if (size == currentMax && overlap == currentOverlap
                                || size > model.maxChunkTokens()
                                || overlap * 2 > size) {
                            continue;
                        }
                        Path candidate = scratch.resolve("chunks-" + size + "-" + overlap);
                        Files.createDirectories(candidate);
                        try (Catalog catalog = Catalog.openExisting(indexPath)) {
                            catalog.copyTo(candidate.resolve(Catalog.FILE_NAME)); // records and vector cache
                        }
                        err.println("indexing with chunks of at most " + size + " tokens, overlap " + overlap + "...");
                        err.flush();
                        IngestReport report = Sluice.ingest(
                                importOptions(file, corpus, source, candidate, size, overlap, threads),
                                dev.sluice.ingest.ProgressListener.NONE);
                        if (!report.failedSources().isEmpty()) {
                            throw new SluiceException(
                                    "re-indexing for chunk size " + size + " failed: " + report.failedSources());
                        }
                        tried++;
                        double score;
                        try (LuceneIndex lucene = LuceneIndex.openForReading(candidate)) {
                            score = EvalTuner.score(lucene, embedder, parts.train(), SearchMode.HYBRID, target, n);
                        }
                        if (score > bestScore + 1e-9) {
                            bestScore = score;
                            bestMax = size;
                            bestOverlap = overlap;
                            bestIndex = candidate;
                        }
                    }
                }
                dev.sluice.eval.PairedComparison chunking;
                EvalTuner.Result retrieval;
                try (LuceneIndex before = LuceneIndex.openForReading(indexPath);
                        LuceneIndex after =
                                bestIndex.equals(indexPath) ? null : LuceneIndex.openForReading(bestIndex)) {
                    LuceneIndex chosen = after != null ? after : before;
                    chunking = EvalTuner.compare(
                            before, chosen, embedder, parts.heldOut(), SearchMode.HYBRID, target, seed, n);
                    retrieval = EvalTuner.tune(chosen, embedder, evalSet, target, heldOut, seed, n);
                }
                PrintWriter out = spec.commandLine().getOut();
                EvalReports.printChunkTune(
                        tried, currentMax, currentOverlap, bestMax, bestOverlap, chunking, target.name(), out);
                EvalReports.printTune(retrieval, out);
                return SluiceCli.EXIT_OK;
            } finally {
                deleteTree(scratch);
            }
        }

        private static void deleteTree(Path root) {
            try {
                dev.sluice.core.FileTrees.deleteRecursively(root);
            } catch (java.io.UncheckedIOException e) {
                // scratch indexes left behind cost disk only; the system clears its temporary folder
            }
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
            SluiceConfig file = config.load();
            if (judge && file.llm() == null) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--judge needs an llm section in sluice.yaml (the judge model)");
            }
            if (repeats < 1 || repeats > 20) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--judge-repeats must be from 1 to 20, got " + repeats);
            }
            EvalSet evalSet = EvalSetReader.readJsonl(set);
            List<dev.sluice.eval.EvalQuery> questions = evalSet.queries().stream()
                    .filter(q -> judge
                            || q.referenceAnswer() != null
                                    && !q.referenceAnswer().isBlank())
                    .toList();
            if (questions.isEmpty()) {
                throw new SluiceException(set + " has no question with a reference answer (\"answer\": \"...\");"
                        + " add some, or judge the answers with --judge");
            }
            dev.sluice.answer.Asker.Options options = new dev.sluice.answer.Asker.Options(
                    dev.sluice.answer.Asker.Options.DEFAULTS.k(),
                    dev.sluice.answer.Asker.Options.DEFAULTS.maxContextTokens(),
                    minSimilarity,
                    null);
            Path indexPath = index.resolve(file);
            AnswersReport report = new AnswersReport(repeats);
            try (Sluice.Searcher searcher = Sluice.openSearcher(indexPath, file.retrieval());
                    Catalog catalog = file.llm() == null ? null : Catalog.open(indexPath.resolve(Catalog.FILE_NAME));
                    dev.sluice.llm.LlmGateway gateway = file.llm() == null ? null : gateway(file.llm(), catalog)) {
                dev.sluice.answer.PromptLibrary prompts =
                        dev.sluice.answer.PromptLibrary.load(PromptsCommand.folderOf(file));
                dev.sluice.answer.ModelAnswerer model = gateway == null
                        ? null
                        : new dev.sluice.answer.ModelAnswerer(
                                gateway,
                                prompts.get("answer"),
                                file.llm().strongModel(),
                                file.llm().maxAnswerTokens());
                dev.sluice.answer.AnswerJudge judgeModelAnswers =
                        judge ? new dev.sluice.answer.AnswerJudge(gateway, prompts, judgeModel) : null;
                for (dev.sluice.eval.EvalQuery q : questions) {
                    dev.sluice.answer.Answer answer = searcher.ask(q.text(), options, model);
                    report.add(q, answer, judgeModelAnswers);
                }
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

        /** A gateway for evaluation: judged repeatedly, answers must not come from the cache. */
        private dev.sluice.llm.LlmGateway gateway(SluiceConfig.Llm llm, Catalog catalog) {
            dev.sluice.llm.LlmSettings s = llm.settings();
            dev.sluice.llm.LlmSettings noCache = repeats > 1 ? s.withCacheEntries(0) : s;
            return new dev.sluice.llm.LlmGateway(
                    noCache, llm.prices(), new dev.sluice.llm.Budget(catalog, llm.budget()), catalog);
        }
    }
}
