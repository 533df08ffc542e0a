package dev.sluice;

import dev.sluice.answer.AnswerJudge;
import dev.sluice.answer.AnswersReport;
import dev.sluice.answer.Asker;
import dev.sluice.answer.ModelAnswerer;
import dev.sluice.backend.SearchIndex;
import dev.sluice.catalog.DocumentRecord;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.core.FileTrees;
import dev.sluice.core.SluiceException;
import dev.sluice.core.UsageException;
import dev.sluice.embed.Embedder;
import dev.sluice.embed.EmbeddingModelSpec;
import dev.sluice.eval.BeirCorpusSource;
import dev.sluice.eval.EvalQuery;
import dev.sluice.eval.EvalRunRecord;
import dev.sluice.eval.EvalRunStore;
import dev.sluice.eval.EvalRunner;
import dev.sluice.eval.EvalSet;
import dev.sluice.eval.EvalSetReader;
import dev.sluice.eval.EvalTuner;
import dev.sluice.eval.Evidence;
import dev.sluice.eval.Gate;
import dev.sluice.eval.Metric;
import dev.sluice.eval.PairedComparison;
import dev.sluice.eval.RunComparison;
import dev.sluice.index.LuceneIndex;
import dev.sluice.ingest.IngestReport;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.llm.LlmGateway;
import dev.sluice.retrieve.LuceneRetriever;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.sqlite.SqliteCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Evaluation through the front door ({@link KnowledgeBase#eval()}): import a BEIR corpus, run an eval
 * set in several modes and store the run, gate it on thresholds and regressions, compare runs, tune
 * ranking (and chunking) on a train part with the choice measured on the held-back part, and judge
 * answers. The faces only parse and print.
 */
public final class Evaluations {
    private final KnowledgeBase kb;

    Evaluations(KnowledgeBase kb) {
        this.kb = kb;
    }

    // ---- import ----------------------------------------------------------------------------------

    /** Options that import a BEIR corpus as one source, with these chunk settings. */
    public IngestOptions importOptions(Path corpus, String source, int maxTokens, int overlapTokens) {
        EffectiveConfig c = kb.config();
        return new IngestOptions(
                        List.of(new BeirCorpusSource(source, corpus)),
                        c.index(),
                        c.model(),
                        maxTokens,
                        overlapTokens,
                        c.extractionLimits(),
                        1,
                        c.embeddingThreads())
                .withLanguage(c.language());
    }

    /** Builds (or updates) the knowledge base from a BEIR corpus; importing it again processes nothing. */
    public IngestReport importBeir(Path folder, String sourceName, ProgressListener progress) {
        String source = sourceName != null
                ? sourceName
                : String.valueOf(folder.toAbsolutePath().normalize().getFileName());
        EffectiveConfig c = kb.config();
        return kb.sync(
                importOptions(
                        folder, source, c.chunking().maxTokens(), c.chunking().overlapTokens()),
                progress);
    }

    // ---- run -------------------------------------------------------------------------------------

    /**
     * What to evaluate.
     *
     * @param set a BEIR folder or a Sluice .jsonl eval set
     * @param split the BEIR qrels split, or null for the only one present
     * @param modes the modes to run, in order
     * @param metrics the metrics to compute; null or empty for {@link Metric#defaults} at {@code cutoffs}
     *     (with the page metrics when the set has evidence)
     * @param depth how many results each query retrieves
     * @param threads threads embedding and searching
     * @param gate whether to check sluice.yaml's gates and regression limits
     * @param baseline an eval run to compare against, or null (with {@code gate}: the latest earlier run of the same set)
     * @param cutoffs the cutoffs of the default metrics, used when {@code metrics} is null or empty
     */
    public record RunRequest(
            Path set,
            String split,
            List<SearchMode> modes,
            List<Metric> metrics,
            int depth,
            int threads,
            boolean gate,
            Long baseline,
            List<Integer> cutoffs) {
        /** The cutoffs of the default metrics when a request names none: 10 and 100. */
        public static final List<Integer> DEFAULT_CUTOFFS = List.of(10, 100);

        public RunRequest {
            metrics = metrics == null ? List.of() : List.copyOf(metrics);
            cutoffs = cutoffs == null ? DEFAULT_CUTOFFS : List.copyOf(cutoffs);
        }

        /** A request with the default cutoffs for the default metrics. */
        public RunRequest(
                Path set,
                String split,
                List<SearchMode> modes,
                List<Metric> metrics,
                int depth,
                int threads,
                boolean gate,
                Long baseline) {
            this(set, split, modes, metrics, depth, threads, gate, baseline, DEFAULT_CUTOFFS);
        }
    }

    /**
     * A finished, stored eval run.
     *
     * @param run the stored run (with its id)
     * @param result per-mode figures and per-query results
     * @param regression the comparison with the baseline, or null
     * @param failures the gate's failures (empty: passed or not gated)
     * @param baseline the run compared against, or null
     */
    public record RunOutcome(
            EvalRunRecord run,
            EvalRunner.Result result,
            RunComparison.Report regression,
            List<String> failures,
            EvalRunRecord baseline) {}

    /** Runs an eval set against the index in every mode, stores the run and gates it when asked. */
    public RunOutcome run(RunRequest request) {
        EffectiveConfig c = kb.config();
        EvalSet evalSet = EvalSetReader.read(request.set(), request.split());
        List<Metric> metrics = metricsFor(evalSet, request);
        evalSet.checkDocumentIds(knownDocuments());
        EvalRunner.Result result;
        String modelId;
        try (SearchIndex index = kb.backends().index().openForReading()) {
            checkPages(evalSet, index::lastPages);
            modelId = index.settings().modelId();
            boolean vectors = request.modes().stream().anyMatch(m -> m != SearchMode.BM25);
            try (Embedder embedder = vectors ? open(index.settings()) : null) {
                result = EvalRunner.run(
                        index.retrievers(),
                        embedder,
                        evalSet,
                        new EvalRunner.Options(
                                request.modes(), metrics, request.depth(), request.threads(), c.retrieval()));
            }
        }
        long finished = System.currentTimeMillis();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("depth", Integer.toString(request.depth()));
        settings.put("retrieval", c.retrieval().toString());
        settings.put("set", request.set().toAbsolutePath().normalize().toString());
        EvalRunRecord record = new EvalRunRecord(
                0,
                evalSet.name(),
                EvalRunner.fingerprint(evalSet),
                finished - result.millis(),
                finished,
                request.modes().stream().map(SearchMode::label).toList(),
                metrics.stream().map(Metric::name).toList(),
                evalSet.queries().size(),
                modelId,
                settings,
                result.means());
        EvalRunStore store = kb.evalRuns();
        long runId = store.saveEvalRun(record, result.queryResults());
        List<String> failures = new ArrayList<>();
        if (request.gate()) {
            for (String mode : record.modes()) {
                for (Gate g : c.eval().gates()) {
                    String failure = g.check(mode, record.means().get(mode));
                    if (failure != null) {
                        failures.add(failure);
                    }
                }
            }
        }
        EvalRunRecord base = baselineRun(store, request, record, runId);
        RunComparison.Report regression = null;
        if (base != null) {
            regression = RunComparison.compare(
                    base, store.evalResults(base.id()), store.evalRun(runId), store.evalResults(runId), null, 5, 42);
            if (request.gate() && c.eval().maxDrop() != null) {
                failures.addAll(RunComparison.regressions(
                        regression, c.eval().maxDrop(), c.eval().alpha()));
            }
        }
        return new RunOutcome(store.evalRun(runId), result, regression, failures, base);
    }

    /**
     * The request's metrics, or the defaults at its cutoffs (with the page metrics when the set has
     * evidence); fails as a usage error when a page metric is asked of a set with queries lacking
     * evidence.
     */
    private static List<Metric> metricsFor(EvalSet set, RunRequest request) {
        boolean defaults = request.metrics().isEmpty();
        try {
            List<Metric> metrics = defaults ? Metric.defaults(request.cutoffs(), set.hasEvidence()) : request.metrics();
            set.requireEvidenceFor(metrics);
            return metrics;
        } catch (SluiceException e) {
            throw new UsageException(
                    e.getMessage()
                            + (defaults && set.hasEvidence()
                                    ? "; the default metrics include the page metrics because some queries have"
                                            + " evidence; name the metrics (--metrics) to leave them out"
                                    : ""),
                    e);
        }
    }

    /**
     * Fails naming the eval file's line when evidence names a page its document does not have in the
     * index (the last page a chunk of it ends on); read from the index only when the set judges pages.
     */
    private void checkPages(EvalSet set, java.util.function.Supplier<Map<String, Integer>> lastPages) {
        boolean pages = set.evidence().values().stream().flatMap(List::stream).anyMatch(Evidence::isPage);
        if (!pages) {
            return;
        }
        Map<String, Integer> byUri = lastPages.get();
        Map<String, Integer> byName = new HashMap<>();
        for (DocumentRecord d : kb.documents().values()) {
            Integer last = byUri.get(d.uri());
            if (d.indexed() && last != null) {
                byName.put(d.path(), last);
                byName.put(d.uri(), last);
            }
        }
        set.checkPages(byName);
    }

    private EvalRunRecord baselineRun(EvalRunStore store, RunRequest request, EvalRunRecord record, long runId) {
        if (request.baseline() != null) {
            return require(request.baseline());
        }
        if (!request.gate() || kb.config().eval().maxDrop() == null) {
            return null;
        }
        return store.evalRuns().stream()
                .filter(r -> r.id() < runId && r.setFingerprint().equals(record.setFingerprint()))
                .findFirst()
                .orElse(null);
    }

    /** A stored eval run; fails naming the index and how to list the runs when there is no such run. */
    public EvalRunRecord require(long id) {
        EvalRunRecord run = kb.evalRuns().evalRun(id);
        if (run == null) {
            throw new UsageException("no eval run " + id + " in " + kb.index() + "; list them with: sluice eval list");
        }
        return run;
    }

    /** Stored eval runs, newest first. */
    public List<EvalRunRecord> list() {
        return kb.evalRuns().evalRuns();
    }

    /** Compares two stored runs (per-metric deltas with bootstrap intervals, the queries that moved). */
    public RunComparison.Report compare(long a, long b, String metric, int top, long seed) {
        EvalRunRecord runA = require(a);
        EvalRunRecord runB = require(b);
        EvalRunStore store = kb.evalRuns();
        try {
            return RunComparison.compare(
                    runA, store.evalResults(a), runB, store.evalResults(b), metric, Math.max(0, top), seed);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    // ---- tune ------------------------------------------------------------------------------------

    /** Tunes ranking on a train part of the set; reports default against tuned on the held-back part. */
    public EvalTuner.Result tune(Path set, String split, Metric target, double heldOut, long seed, int threads) {
        checkHeldOut(heldOut);
        EvalSet evalSet = EvalSetReader.read(set, split);
        try {
            evalSet.requireEvidenceFor(List.of(target));
        } catch (SluiceException e) {
            throw new UsageException("--metric: " + e.getMessage(), e);
        }
        evalSet.checkDocumentIds(knownDocuments());
        try (SearchIndex index = kb.backends().index().openForReading();
                Embedder embedder = open(index.settings())) {
            return EvalTuner.tune(index.retrievers(), embedder, evalSet, target, heldOut, seed, threads);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    /**
     * The outcome of tuning chunking, then ranking on the chosen index.
     *
     * @param tried chunk settings measured (the current one included)
     * @param chunking the chosen chunking against the current one, on the held-back queries
     * @param retrieval ranking tuned on the chosen index
     */
    public record ChunkTuning(
            int tried,
            int currentMax,
            int currentOverlap,
            int bestMax,
            int bestOverlap,
            PairedComparison chunking,
            EvalTuner.Result retrieval) {}

    /**
     * Tries chunk sizes and overlaps in scratch indexes (seeded with this catalog's vector cache, so
     * unchanged chunks are not embedded again), chooses on the train queries, then tunes ranking.
     */
    public ChunkTuning tuneChunking(
            Path corpus,
            String split,
            Metric target,
            double heldOut,
            long seed,
            int threads,
            List<Integer> sizes,
            List<Integer> overlaps,
            Consumer<String> log) {
        checkHeldOut(heldOut);
        if (!Files.isRegularFile(corpus.resolve("corpus.jsonl"))
                && !Files.isRegularFile(corpus.resolve("corpus.jsonl.gz"))) {
            throw new UsageException("--reindex needs a BEIR folder with corpus.jsonl(.gz) as --set, got " + corpus);
        }
        EvalSet evalSet = EvalSetReader.read(corpus, split);
        EvalTuner.Split parts;
        try {
            parts = EvalTuner.split(evalSet, heldOut, seed);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
        evalSet.checkDocumentIds(knownDocuments());
        String source = kb.documents().values().iterator().next().source();
        EffectiveConfig c = kb.config();
        EmbeddingModelSpec model = c.model();
        int currentMax = c.chunking().maxTokens();
        int currentOverlap = c.chunking().overlapTokens();
        Path indexPath = kb.index();
        if (!kb.backends().choice().index().embedded()) {
            throw new UsageException("eval tune --reindex rebuilds scratch copies of the embedded index; with"
                    + " index.backend: " + kb.backends().index().name() + ", tune chunking on an embedded copy of"
                    + " the corpus and carry the chosen chunking settings over (docs/scale-out.md)");
        }
        Path scratch;
        try {
            scratch = Files.createTempDirectory("sluice-tune-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch folder for tuning", e);
        }
        try (Embedder embedder = dev.sluice.llm.EndpointEmbedder.open(model, kb.ledger(), System::getenv)) {
            int bestMax = currentMax;
            int bestOverlap = currentOverlap;
            Path bestIndex = indexPath;
            double bestScore;
            try (LuceneIndex lucene = LuceneIndex.openForReading(indexPath)) {
                bestScore = EvalTuner.score(
                        LuceneRetriever.over(lucene), embedder, parts.train(), SearchMode.HYBRID, target, threads);
            }
            int tried = 1;
            for (int size : sizes) {
                for (int overlap : overlaps) {
                    if (size == currentMax && overlap == currentOverlap
                            || size > model.maxChunkTokens()
                            || overlap * 2 > size) {
                        continue;
                    }
                    Path candidate = scratch.resolve("chunks-" + size + "-" + overlap);
                    try {
                        Files.createDirectories(candidate);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot create " + candidate, e);
                    }
                    kb.catalog().copyTo(candidate.resolve(SqliteCatalog.FILE_NAME)); // records and vector cache
                    log.accept("indexing with chunks of at most " + size + " tokens, overlap " + overlap + "...");
                    IngestReport report = Sluice.ingest(
                            importOptions(corpus, source, size, overlap).withIndex(candidate), ProgressListener.NONE);
                    if (!report.failedSources().isEmpty()) {
                        throw new SluiceException(
                                "re-indexing for chunk size " + size + " failed: " + report.failedSources());
                    }
                    tried++;
                    double score;
                    try (LuceneIndex lucene = LuceneIndex.openForReading(candidate)) {
                        score = EvalTuner.score(
                                LuceneRetriever.over(lucene),
                                embedder,
                                parts.train(),
                                SearchMode.HYBRID,
                                target,
                                threads);
                    }
                    if (score > bestScore + 1e-9) {
                        bestScore = score;
                        bestMax = size;
                        bestOverlap = overlap;
                        bestIndex = candidate;
                    }
                }
            }
            try (LuceneIndex before = LuceneIndex.openForReading(indexPath);
                    LuceneIndex after = bestIndex.equals(indexPath) ? null : LuceneIndex.openForReading(bestIndex)) {
                LuceneIndex chosen = after != null ? after : before;
                PairedComparison chunking = EvalTuner.compare(
                        LuceneRetriever.over(before),
                        LuceneRetriever.over(chosen),
                        embedder,
                        parts.heldOut(),
                        SearchMode.HYBRID,
                        target,
                        seed,
                        threads);
                EvalTuner.Result retrieval =
                        EvalTuner.tune(LuceneRetriever.over(chosen), embedder, evalSet, target, heldOut, seed, threads);
                return new ChunkTuning(tried, currentMax, currentOverlap, bestMax, bestOverlap, chunking, retrieval);
            }
        } finally {
            try {
                FileTrees.deleteRecursively(scratch);
            } catch (UncheckedIOException e) {
                // scratch indexes left behind cost disk only; the system clears its temporary folder
            }
        }
    }

    private static void checkHeldOut(double heldOut) {
        if (!(heldOut >= 0.1 && heldOut <= 0.9)) {
            throw new UsageException("--held-out must be from 0.1 to 0.9, got " + heldOut);
        }
    }

    // ---- answers ---------------------------------------------------------------------------------

    /**
     * Asks every question of a Sluice .jsonl set: exact match and token F1 against reference answers;
     * with {@code judge}, LLM-judged measures repeated {@code repeats} times (no cache between them).
     */
    public AnswersReport answers(Path set, Double minSimilarity, boolean judge, int repeats, String judgeModel) {
        if (judge && kb.config().llm().isEmpty()) {
            throw new UsageException("--judge needs an llm section in sluice.yaml (the judge model)");
        }
        if (repeats < 1 || repeats > 20) {
            throw new UsageException("--judge-repeats must be from 1 to 20, got " + repeats);
        }
        EvalSet evalSet = EvalSetReader.readJsonl(set);
        List<EvalQuery> questions = evalSet.queries().stream()
                .filter(q -> judge
                        || q.referenceAnswer() != null && !q.referenceAnswer().isBlank())
                .toList();
        if (questions.isEmpty()) {
            throw new UsageException(set + " has no question with a reference answer (\"answer\": \"...\");"
                    + " add some, or judge the answers with --judge");
        }
        Asker.Options options = new Asker.Options(
                Asker.Options.DEFAULTS.k(), Asker.Options.DEFAULTS.maxContextTokens(), minSimilarity, null);
        AnswersReport report = new AnswersReport(repeats);
        ModelAnswerer model = kb.answerer();
        // Judged repeatedly, answers must not come from the cache.
        try (LlmGateway judgeGateway = judge && repeats > 1
                ? kb.newGateway(kb.config().llm().get().settings().withCacheEntries(0))
                : null) {
            AnswerJudge judgeAnswers = judge
                    ? new AnswerJudge(judgeGateway != null ? judgeGateway : kb.gateway(), kb.prompts(), judgeModel)
                    : null;
            for (EvalQuery q : questions) {
                report.add(q, kb.searcher().ask(q.text(), options, model), judgeAnswers);
            }
        }
        return report;
    }

    // ---- eval sets -------------------------------------------------------------------------------

    /** Every name a judged document may go by in this index: source-relative paths and URIs. */
    private Set<String> knownDocuments() {
        Set<String> known = new HashSet<>();
        for (DocumentRecord d : kb.documents().values()) {
            if (d.indexed()) {
                known.add(d.path());
                known.add(d.uri());
            }
        }
        return known;
    }

    /** The embedder of the model an index was built with: the configured one when it is that model. */
    private Embedder open(dev.sluice.index.IndexSettings built) {
        EmbeddingModelSpec model;
        try {
            model = EmbeddingModelSpec.forIndex(
                    built.modelId(),
                    built.modelVersion(),
                    built.dimensions(),
                    kb.config().model());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
        return dev.sluice.llm.EndpointEmbedder.open(model, kb.ledger(), System::getenv);
    }
}
