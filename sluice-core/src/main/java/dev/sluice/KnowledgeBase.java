package dev.sluice;

import dev.sluice.access.ApiKeyStore;
import dev.sluice.answer.Answer;
import dev.sluice.answer.AnswerStore;
import dev.sluice.answer.Asker;
import dev.sluice.answer.JudgedConflicts;
import dev.sluice.answer.ListwiseLlmReranker;
import dev.sluice.answer.ModelAnswerer;
import dev.sluice.answer.PromptLibrary;
import dev.sluice.catalog.Catalog;
import dev.sluice.catalog.DocumentRecord;
import dev.sluice.catalog.RunRecord;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.conflict.ConflictDetector;
import dev.sluice.conflict.SentenceConflicts;
import dev.sluice.core.SluiceException;
import dev.sluice.core.UsageException;
import dev.sluice.diagnose.Diagnoser;
import dev.sluice.diagnose.Diagnosis;
import dev.sluice.diagnose.DiagnosisRequest;
import dev.sluice.eval.EvalRunStore;
import dev.sluice.incident.IncidentMonitor;
import dev.sluice.incident.IncidentSignals;
import dev.sluice.incident.IncidentStore;
import dev.sluice.index.IndexSettings;
import dev.sluice.ingest.IngestReport;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.ingest.RunOptions;
import dev.sluice.llm.Budget;
import dev.sluice.llm.LedgerStore;
import dev.sluice.llm.LlmGateway;
import dev.sluice.llm.LlmSettings;
import dev.sluice.observe.SpanRecord;
import dev.sluice.observe.TraceLimits;
import dev.sluice.observe.TraceStore;
import dev.sluice.observe.Traces;
import dev.sluice.observe.Tracing;
import dev.sluice.retrieve.Reranker;
import dev.sluice.retrieve.SearchHit;
import dev.sluice.retrieve.SearchRequest;
import dev.sluice.retrieve.SearchResult;
import dev.sluice.source.Source;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The front door: one knowledge base, opened from an {@link EffectiveConfig}, behind every face (the
 * CLI, the HTTP service, the benchmarks, and later MCP and framework adapters). It owns what it opens
 * (the catalog and its stores, the searcher, the embedding model, the LLM gateway and the prompts)
 * and closes them; nothing is wired twice. Parts open on first use, so a face pays only for what it
 * calls: {@code sluice runs} never loads the model, {@code sluice search --mode bm25} never starts
 * the gateway (unless {@code retrieval.rerank} has a model reorder its hits).
 *
 * <pre>{@code
 * EffectiveConfig config = EffectiveConfig.resolve(ConfigLoader.loadIfPresent(Path.of("sluice.yaml")), Flags.NONE);
 * try (KnowledgeBase kb = KnowledgeBase.open(config)) {
 *     IngestReport report = kb.sync(kb.configuredRun(RunOptions.DEFAULTS), ProgressListener.NONE);
 *     List<SearchHit> hits = kb.search(new SearchRequest("parental leave", SearchMode.HYBRID, 5, SearchFilters.NONE));
 *     Answer answer = kb.ask("How long is parental leave?", Asker.Options.DEFAULTS);
 * }
 * }</pre>
 *
 * <p>Thread-safe: the service calls it from many request threads. Evaluation lives behind
 * {@link #eval()}.
 */
public final class KnowledgeBase implements AutoCloseable {
    private final EffectiveConfig config;
    private final KnowledgeBaseStores stores;
    private LiveSearcher searcher;
    private LlmGateway gateway;
    private ModelAnswerer answerer;
    private ListwiseLlmReranker reranker;
    private PromptLibrary prompts;
    private Tracing tracing;
    private boolean closed;
    private IncidentMonitor monitor;

    private final Map<String, String> environment;
    private final KnowledgeBaseQueries queries = new KnowledgeBaseQueries(this);
    private final KnowledgeBaseLineage lineage;

    private KnowledgeBase(EffectiveConfig config, Map<String, String> environment) {
        this.config = config;
        this.environment = Map.copyOf(environment);
        this.lineage = new KnowledgeBaseLineage(config.lineage(), this.environment);
        this.stores = new KnowledgeBaseStores(config, this.environment);
    }

    /** A knowledge base over the configuration's index; nothing is opened until used. */
    public static KnowledgeBase open(EffectiveConfig config) {
        return open(config, System.getenv());
    }

    /**
     * As {@link #open(EffectiveConfig)}, reading the OpenTelemetry variables ({@code OTEL_*}: the
     * collector, the sampler) from {@code environment} instead of the process's environment.
     */
    public static KnowledgeBase open(EffectiveConfig config, Map<String, String> environment) {
        return new KnowledgeBase(config, environment);
    }

    /**
     * As {@link #open}, first creating an empty index and catalog for the configured model when the
     * folder holds none, so a new service can take uploads and syncs before anything was ingested.
     */
    public static KnowledgeBase openOrCreate(EffectiveConfig config) {
        KnowledgeBase kb = new KnowledgeBase(config, System.getenv());
        dev.sluice.backend.Backends backends = kb.backends();
        if (backends.index().activeSettings() == null) {
            try (dev.sluice.index.ChunkIndex created = backends.index()
                            .openForWriting(new IndexSettings(
                                    config.model().id(),
                                    config.model().version(),
                                    config.model().dimensions(),
                                    config.language()));
                    dev.sluice.backend.CatalogStores catalog = backends.openCatalog()) {
                created.commit();
                catalog.schemaVersion(); // created with the index, at the current schema
            }
        }
        return kb;
    }

    /**
     * The engines this knowledge base lives in ({@code index.backend}, {@code catalog.backend}): the
     * embedded Lucene folder and SQLite file unless configured otherwise.
     */
    public dev.sluice.backend.Backends backends() {
        return stores.backends();
    }

    public EffectiveConfig config() {
        return config;
    }

    /** The index folder. */
    public Path index() {
        return config.index();
    }

    // ---- stores ----------------------------------------------------------------------------------

    /** The catalog (documents, chunks, runs, vector cache); fails when nothing was ingested here yet. */
    public Catalog catalog() {
        return stores();
    }

    /** The LLM ledger. */
    public LedgerStore ledger() {
        return stores();
    }

    /** Stored evaluation runs. */
    public EvalRunStore evalRuns() {
        return stores();
    }

    /** Answers given and the feedback on them. */
    public AnswerStore answers() {
        return stores();
    }

    /** API keys of the service (hashes only). */
    public ApiKeyStore keys() {
        return stores();
    }

    /** Finished spans of this knowledge base's traces. */
    public TraceStore traces() {
        return stores();
    }

    /** Stored outputs of the LLM transforms. */
    public dev.sluice.transform.TransformStore transformStore() {
        return stores().transforms();
    }

    /** The LLM transforms: plan, status, diff (docs/transforms.md). */
    public TransformRuns transforms() {
        return new TransformRuns(this);
    }

    /** Whether anything was ever recorded in this knowledge base's catalog (an embedded one's file exists). */
    public boolean hasCatalog() {
        return backends().catalogExists();
    }

    /** The folders ingested by name on the command line ({@code sluice ingest DIR}), to sync again. */
    public dev.sluice.ingest.AdHocSourceStore adHocSources() {
        return stores().adHocSources();
    }

    /** Incidents and the outbox of their notifications. */
    public IncidentStore incidentStore() {
        return stores().incidents();
    }

    /** The checks of every document and each source's figures and contract results per run. */
    public dev.sluice.quality.QualityStore qualityStore() {
        return stores().quality();
    }

    /** Cross-source conflicts found at ingestion, and how people resolved them ({@code sluice review}). */
    public dev.sluice.review.ReviewStore reviews() {
        return stores().reviews();
    }

    private dev.sluice.backend.CatalogStores stores() {
        return stores.catalog();
    }

    // ---- ingestion -------------------------------------------------------------------------------

    /**
     * A run over the sources of sluice.yaml (and the service's uploads, once there are any), pruning
     * sources the file no longer names.
     */
    public IngestOptions configuredRun(RunOptions run) {
        List<Source> sources = configuredSources();
        if (sources.isEmpty()) {
            throw new UsageException("no PATH given and "
                    + config.file().map(f -> f + " lists no sources").orElse("no sluice.yaml here")
                    + "; pass folders (sluice ingest docs/) or describe them in sluice.yaml (sluice init writes a"
                    + " starter)");
        }
        return IngestOptions.of(config, sources)
                .withRun(new RunOptions(run.retryQuarantined(), true, run.access(), config.quality())
                        .withTransforms(config.transforms()));
    }

    /** A run over these sources only (folders named on the command line), leaving the index's other sources alone. */
    public IngestOptions adHocRun(List<Source> sources, RunOptions run) {
        return IngestOptions.of(config, sources)
                .withRun(new RunOptions(run.retryQuarantined(), false, run.access(), config.quality())
                        .withTransforms(config.transforms()));
    }

    /** The sources sluice.yaml describes, plus the service's uploads once there are any. */
    public List<Source> configuredSources() {
        return IngestOptions.configuredSources(config);
    }

    /**
     * Runs one incremental ingestion and commits it; searches of this knowledge base see it afterwards.
     * Traced as one {@code ingest} span with the run's counts and stage times, and an event per
     * quarantined document (the first thousand) and per failed source.
     */
    public IngestReport sync(IngestOptions options, ProgressListener progress) {
        requireOpen();
        options = lineage.attach(options); // OpenLineage events, when sluice.yaml has a lineage section
        try (Tracing.Operation op = tracing().operation("ingest", Context.current(), SpanKind.INTERNAL)) {
            try {
                IngestReport report;
                try (Ingester ingester = new Ingester(options, backendsFor(options))) {
                    report = ingester.run(progress);
                }
                refresh();
                report = KnowledgeBaseReview.afterSync(this, report, op.span(), options); // checks.conflicts
                IngestTrace.record(op.span(), report);
                return report;
            } catch (RuntimeException e) {
                Traces.fail(op.span(), e);
                throw e;
            }
        }
    }

    /** An ingester for repeated runs ({@code sluice sync --watch}); the caller closes it. */
    public Ingester ingester(IngestOptions options) {
        requireOpen();
        return new Ingester(lineage.attach(options), backendsFor(options));
    }

    private dev.sluice.backend.Backends backendsFor(IngestOptions options) {
        return stores.backendsFor(options);
    }

    // ---- search and answers ----------------------------------------------------------------------

    /** The searcher new requests should use (it follows new commits and index generations on {@link #refresh}). */
    public Sluice.Searcher searcher() {
        return live().get();
    }

    private synchronized LiveSearcher live() {
        requireOpen();
        if (searcher == null) {
            searcher = new LiveSearcher(backends(), config.retrieval(), config.model());
        }
        return searcher;
    }

    /** Makes commits of other writers visible, and moves to a newly active index generation. */
    public void refresh() {
        LiveSearcher s;
        synchronized (this) {
            s = searcher;
        }
        if (s != null) {
            s.refresh();
        }
    }

    /**
     * Searches the index (the first stage only: never a model call, whatever {@code retrieval.rerank}
     * says), traced as a {@code search} span (under the caller's span when there is one) with the
     * retrieval modes' candidates as children.
     */
    public List<SearchHit> search(SearchRequest request) {
        return queries.search(request, null).hits();
    }

    /**
     * Searches as configured: the first stage, then, when {@code retrieval.rerank.enabled}, the reranker
     * over its best {@code retrieval.rerank.candidates} hits, its model calls charged to {@code apiKeyId}
     * (null: none). Traced as {@link #search(SearchRequest)} is, with a {@code retrieve.rerank} child
     * span. A reranker that fails keeps the first stage's order and says why in the result; the search
     * itself does not fail. With reranking off, the hits of {@link #search(SearchRequest)}.
     */
    public SearchResult searchAsConfigured(SearchRequest request, String apiKeyId) {
        return queries.search(request, reranker(apiKeyId));
    }

    /**
     * Answers a question with checked citations: through the configured language model when there is
     * one (falling back to an extractive answer when it cannot be used), else extractively.
     */
    public Answer ask(String question, Asker.Options options) {
        return ask(question, options, null, null);
    }

    /**
     * As {@link #ask(String, Asker.Options)}, charging model calls to an API key (null: none) and
     * passing the model's unchecked text to {@code onDelta} as it arrives (null: no streaming).
     */
    public Answer ask(String question, Asker.Options options, String apiKeyId, Consumer<String> onDelta) {
        return queries.ask(question, options, apiKeyId, onDelta);
    }

    /**
     * Diagnoses a bad answer: reruns the question as it was answered and names the first layer that
     * fails (data, staleness, retrieval, context, contradiction, model) with evidence and a fix, or
     * {@code none}. Traced as a {@code diagnose} span with the layer and cause.
     *
     * @throws UsageException for an unknown (or, to the request's viewer, hidden) document, an unknown
     *     answer or key
     */
    public Diagnosis diagnose(DiagnosisRequest request) {
        return queries.diagnose(request, Diagnoser::diagnose);
    }

    /**
     * The weaker diagnosis of a recorded answer when no expected document is given (a thumbs-down
     * without one): what the answer's own documents and a rerun tell; see {@code Diagnoser.withoutExpected}.
     * Traced as a {@code diagnose} span with the layer and cause.
     *
     * @throws UsageException without an answer id, or for an unknown answer or key
     */
    public Diagnosis diagnoseWithoutExpected(DiagnosisRequest request) {
        return queries.diagnose(request, Diagnoser::withoutExpected);
    }

    /** Feedback: a thumbs-down diagnosed and kept, the breakdown per layer, feedback turned into eval cases. */
    public Feedbacks feedback() {
        requireOpen();
        return new Feedbacks(this);
    }

    /**
     * Starts a span for a face's own unit of work (an HTTP request, a command) under {@code parent} (a
     * request's extracted {@code traceparent}, or {@link Context#root()}), with this knowledge base's
     * tracer current, so the operations it calls become its children. Close it when the work is done.
     */
    public Tracing.Operation trace(String name, Context parent, SpanKind kind) {
        return tracing().operation(name, parent, kind);
    }

    /** The spans of one trace, once every span ended so far is kept; empty when unknown. */
    public List<SpanRecord> trace(String traceId) {
        tracing().flush();
        return traces().trace(traceId);
    }

    /** Waits until every span ended so far is kept (and sent, when OTLP is configured). */
    public void flushTraces() {
        Tracing t;
        synchronized (this) {
            t = tracing;
        }
        if (t != null) {
            t.flush();
        }
    }

    synchronized Tracing tracing() {
        requireOpen();
        if (tracing == null) {
            tracing = Tracing.create(this::traces, TraceLimits.DEFAULTS, environment);
        }
        return tracing;
    }

    /**
     * The detector of an answer's passages that disagree: the deterministic checks, each candidate then
     * confirmed by the configured model when {@code llm.judgeConflicts} is true (its calls charged to
     * {@code apiKeyId}, or to none when null).
     */
    public ConflictDetector conflictDetector(String apiKeyId) {
        ConflictDetector deterministic = new SentenceConflicts();
        if (config.llm().isEmpty() || !config.llm().get().judgeConflicts()) {
            return deterministic;
        }
        return new JudgedConflicts(deterministic, gateway(), prompts().get("conflict-judge"), apiKeyId);
    }

    /**
     * The reranking stage of {@code retrieval.rerank}, its model calls charged to {@code apiKeyId} (null:
     * none), or null when reranking is off. The loader refuses reranking enabled without an llm section,
     * so an enabled stage always has its model.
     */
    public Reranker reranker(String apiKeyId) {
        ListwiseLlmReranker shared;
        synchronized (this) {
            if (!config.rerank().enabled()) {
                return null;
            }
            if (reranker == null) {
                reranker = new ListwiseLlmReranker(
                        gateway(),
                        prompts().get("rerank"),
                        config.rerank().model(),
                        config.rerank().maxPassageChars());
            }
            shared = reranker;
        }
        return apiKeyId == null ? shared : shared.forKey(apiKeyId);
    }

    /** The answerer through the configured model, or null when sluice.yaml has no llm section. */
    public synchronized ModelAnswerer answerer() {
        if (answerer == null && config.llm().isPresent()) {
            SluiceConfig.Llm llm = config.llm().get();
            answerer = new ModelAnswerer(gateway(), prompts().get("answer"), llm.strongModel(), llm.maxAnswerTokens());
        }
        return answerer;
    }

    /** The gateway every model call goes through; fails with a usage error when no llm is configured. */
    public synchronized LlmGateway gateway() {
        requireOpen();
        if (gateway == null) {
            gateway = newGateway(requireLlm().settings());
        }
        return gateway;
    }

    /**
     * A separate gateway with other settings (an evaluation's judge that must not answer from the
     * cache); it records to this knowledge base's ledger and holds its budget. The caller closes it.
     */
    public LlmGateway newGateway(LlmSettings settings) {
        SluiceConfig.Llm llm = requireLlm();
        return new LlmGateway(settings, llm.prices(), new Budget(ledger(), llm.budget()), ledger());
    }

    private SluiceConfig.Llm requireLlm() {
        return config.llm()
                .orElseThrow(() -> new UsageException(
                        "no language model configured: add an llm section to sluice.yaml (baseUrl, model, apiKeyEnv)"));
    }

    /** The prompts: built-in ones with the overrides of {@code prompts/} beside sluice.yaml. */
    public synchronized PromptLibrary prompts() {
        if (prompts == null) {
            prompts = PromptLibrary.load(config.promptsFolder());
        }
        return prompts;
    }

    // ---- the catalog's views ---------------------------------------------------------------------

    /** Where each source stands (documents, staleness, last sync against its freshness target). */
    public List<SourceStatus> status(long nowMillis) {
        return SourceStatus.of(config, catalog(), nowMillis);
    }

    /** Where a chunk or document came from; {@code ref} is a chunk id, a document URI or a source-relative path. */
    public Lineage lineage(String ref) {
        return Lineage.of(catalog(), ref, config.index());
    }

    /** The most recent ingestion runs, newest first. */
    public List<RunRecord> runs(int limit) {
        if (limit < 1) {
            throw new UsageException("the number of runs must be > 0, got " + limit);
        }
        return catalog().runs(limit);
    }

    /** The incident detectors over this knowledge base, with the configured thresholds and webhooks. */
    public synchronized IncidentMonitor incidents() {
        requireOpen();
        if (monitor == null) {
            monitor = new IncidentMonitor(incidentSignals(), config.incidents(), java.time.Clock.systemUTC());
        }
        return monitor;
    }

    /** What the incident detectors read here: for a monitor with other settings or another clock. */
    public IncidentSignals incidentSignals() {
        return new KnowledgeBaseSignals(this);
    }

    /** Evaluation: run eval sets, compare and list runs, tune, judge answers. */
    public Evaluations eval() {
        return new Evaluations(this);
    }

    /** The documents the catalog knows, by URI. */
    public Map<String, DocumentRecord> documents() {
        return catalog().documents();
    }

    private synchronized void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this knowledge base is closed");
        }
    }

    /**
     * Closes what was opened: first the tracing (its last spans go into the catalog), then the gateway
     * and the searcher (and its model), then the catalog.
     */
    @Override
    public void close() {
        Tracing lastTracing;
        AutoCloseable[] others;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            lastTracing = tracing;
            others = new AutoCloseable[] {gateway, searcher, lineage};
            tracing = null;
            gateway = null;
            searcher = null;
        }
        RuntimeException failure = null;
        List<AutoCloseable> order = new ArrayList<>();
        order.add(lastTracing); // outside this object's lock: its exporter thread opens the catalog
        order.addAll(java.util.Arrays.asList(others));
        for (AutoCloseable c : order) {
            failure = closeQuietly(c, failure);
        }
        failure = closeQuietly(stores, failure);
        if (failure != null) {
            throw failure;
        }
    }

    private static RuntimeException closeQuietly(AutoCloseable c, RuntimeException failure) {
        if (c == null) {
            return failure;
        }
        try {
            c.close();
        } catch (Exception e) {
            if (failure == null) {
                return e instanceof RuntimeException r ? r : new SluiceException(e.getMessage(), e);
            }
            failure.addSuppressed(e);
        }
        return failure;
    }
}
