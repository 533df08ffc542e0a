package dev.sluice;

import dev.sluice.access.ApiKeyStore;
import dev.sluice.answer.Answer;
import dev.sluice.answer.AnswerStore;
import dev.sluice.answer.Asker;
import dev.sluice.answer.ModelAnswerer;
import dev.sluice.answer.PromptLibrary;
import dev.sluice.catalog.Catalog;
import dev.sluice.catalog.DocumentRecord;
import dev.sluice.catalog.RunRecord;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.core.SluiceException;
import dev.sluice.core.UsageException;
import dev.sluice.eval.EvalRunStore;
import dev.sluice.index.IndexSettings;
import dev.sluice.index.LuceneIndex;
import dev.sluice.ingest.IngestReport;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.ingest.RunOptions;
import dev.sluice.llm.Budget;
import dev.sluice.llm.LedgerStore;
import dev.sluice.llm.LlmGateway;
import dev.sluice.llm.LlmSettings;
import dev.sluice.retrieve.SearchHit;
import dev.sluice.retrieve.SearchRequest;
import dev.sluice.source.DirectorySource;
import dev.sluice.source.Source;
import dev.sluice.sqlite.SqliteCatalog;
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
 * the gateway.
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
    private SqliteCatalog catalog;
    private LiveSearcher searcher;
    private LlmGateway gateway;
    private ModelAnswerer answerer;
    private PromptLibrary prompts;
    private boolean closed;

    private KnowledgeBase(EffectiveConfig config) {
        this.config = config;
    }

    /** A knowledge base over the configuration's index; nothing is opened until used. */
    public static KnowledgeBase open(EffectiveConfig config) {
        return new KnowledgeBase(config);
    }

    /**
     * As {@link #open}, first creating an empty index and catalog for the configured model when the
     * folder holds none, so a new service can take uploads and syncs before anything was ingested.
     */
    public static KnowledgeBase openOrCreate(EffectiveConfig config) {
        Path index = config.index();
        if (LuceneIndex.settingsOf(index) == null) {
            try (LuceneIndex created = LuceneIndex.openForWriting(
                            index,
                            new IndexSettings(
                                    config.model().id(),
                                    config.model().version(),
                                    config.model().dimensions()));
                    SqliteCatalog created2 = SqliteCatalog.open(index.resolve(SqliteCatalog.FILE_NAME))) {
                created.commit();
                created2.schemaVersion(); // created with the index, at the current schema
            }
        }
        return new KnowledgeBase(config);
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
    public synchronized Catalog catalog() {
        return sqlite();
    }

    /** The LLM ledger. */
    public LedgerStore ledger() {
        return sqlite();
    }

    /** Stored evaluation runs. */
    public EvalRunStore evalRuns() {
        return sqlite();
    }

    /** Answers given and the feedback on them. */
    public AnswerStore answers() {
        return sqlite();
    }

    /** API keys of the service (hashes only). */
    public ApiKeyStore keys() {
        return sqlite();
    }

    private synchronized SqliteCatalog sqlite() {
        requireOpen();
        if (catalog == null) {
            catalog = SqliteCatalog.openExisting(config.index());
        }
        return catalog;
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
        return IngestOptions.of(config, sources).withRun(new RunOptions(run.retryQuarantined(), true, run.access()));
    }

    /** A run over these sources only (folders named on the command line), leaving the index's other sources alone. */
    public IngestOptions adHocRun(List<Source> sources, RunOptions run) {
        return IngestOptions.of(config, sources).withRun(new RunOptions(run.retryQuarantined(), false, run.access()));
    }

    /** The sources sluice.yaml describes, plus the service's uploads once there are any. */
    public List<Source> configuredSources() {
        List<Source> out = new ArrayList<>();
        for (SluiceConfig.Source s : config.sources()) {
            out.add(
                    s.web()
                            ? new dev.sluice.source.http.UrlSource(
                                    s.name(), s.urls(), s.sitemaps(), s.http(), s.access())
                            : new DirectorySource(s.name(), s.path(), s.include(), s.exclude(), s.gitignore())
                                    .withAccess(s.access()));
        }
        if (java.nio.file.Files.isDirectory(IngestOptions.uploadsFolder(config.index()))
                && out.stream().noneMatch(s -> s.name().equals(IngestOptions.UPLOADS_SOURCE))) {
            out.add(IngestOptions.uploads(config.index()));
        }
        return out;
    }

    /** Runs one incremental ingestion and commits it; searches of this knowledge base see it afterwards. */
    public IngestReport sync(IngestOptions options, ProgressListener progress) {
        requireOpen();
        IngestReport report = Sluice.ingest(options, progress);
        refresh();
        return report;
    }

    /** An ingester for repeated runs ({@code sluice sync --watch}); the caller closes it. */
    public Ingester ingester(IngestOptions options) {
        requireOpen();
        return new Ingester(options);
    }

    // ---- search and answers ----------------------------------------------------------------------

    /** The searcher new requests should use (it follows new commits and index generations on {@link #refresh}). */
    public Sluice.Searcher searcher() {
        return live().get();
    }

    private synchronized LiveSearcher live() {
        requireOpen();
        if (searcher == null) {
            searcher = new LiveSearcher(config.index(), config.retrieval());
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

    /** Searches the index. */
    public List<SearchHit> search(SearchRequest request) {
        return searcher().search(request);
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
        ModelAnswerer model = answerer();
        if (model != null && apiKeyId != null) {
            model = model.forKey(apiKeyId);
        }
        return searcher().ask(question, options, model, onDelta);
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
        Catalog c = catalog();
        Catalog.ChunkLineage chunk = c.chunk(ref);
        DocumentRecord document;
        if (chunk != null) {
            document = c.document(chunk.documentUri());
        } else {
            document = c.document(ref);
            if (document == null) {
                List<DocumentRecord> byPath = c.documents().values().stream()
                        .filter(d -> d.path().equals(ref))
                        .toList();
                if (byPath.size() > 1) {
                    throw new UsageException("'" + ref + "' is the path of " + byPath.size()
                            + " documents in different sources; give the URI instead");
                }
                document = byPath.isEmpty() ? null : byPath.getFirst();
            }
        }
        if (document == null) {
            throw new SluiceException(
                    "no chunk, document URI or path '" + ref + "' in the catalog of " + config.index());
        }
        List<String> chunkIds = chunk != null
                ? List.of()
                : c.chunks(document.uri()).stream().map(Catalog.ChunkRow::id).toList();
        RunRecord run = c.run(chunk != null ? chunk.runId() : document.runId());
        return new Lineage(chunk, document, chunkIds, run);
    }

    /**
     * A chunk's or document's lineage.
     *
     * @param chunk the chunk asked about, or null when a document was named
     * @param document its document
     * @param chunkIds the document's chunks in order, when a document was named (else empty)
     * @param run the run that wrote the chunk or document, or null when it is no longer recorded
     */
    public record Lineage(Catalog.ChunkLineage chunk, DocumentRecord document, List<String> chunkIds, RunRecord run) {}

    /** The most recent ingestion runs, newest first. */
    public List<RunRecord> runs(int limit) {
        if (limit < 1) {
            throw new UsageException("the number of runs must be > 0, got " + limit);
        }
        return catalog().runs(limit);
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

    /** Closes what was opened: the gateway, the searcher (and its model), the catalog. */
    @Override
    public synchronized void close() {
        closed = true;
        RuntimeException failure = null;
        for (AutoCloseable c : new AutoCloseable[] {gateway, searcher, catalog}) {
            if (c == null) {
                continue;
            }
            try {
                c.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e instanceof RuntimeException r ? r : new SluiceException(e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        gateway = null;
        searcher = null;
        catalog = null;
        if (failure != null) {
            throw failure;
        }
    }
}
