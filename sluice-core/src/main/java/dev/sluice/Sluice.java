package dev.sluice;

import dev.sluice.answer.Answer;
import dev.sluice.answer.Asker;
import dev.sluice.answer.ModelAnswerer;
import dev.sluice.core.SluiceException;
import dev.sluice.embed.EmbeddingModelSpec;
import dev.sluice.ingest.IngestReport;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.retrieve.IndexRetriever;
import dev.sluice.retrieve.RetrievalSettings;
import dev.sluice.retrieve.SearchHit;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.retrieve.SearchRequest;
import dev.sluice.source.ListContext;
import dev.sluice.source.Listing;
import dev.sluice.source.Source;
import dev.sluice.source.SourceItem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The engine room under the front door ({@link KnowledgeBase}, which faces and applications use):
 * one ingestion run over explicit {@link IngestOptions}, and the thread-safe {@link Searcher} of one
 * index. Benchmarks and tests that measure or control a stage's exact settings use it directly.
 *
 * <pre>{@code
 * IngestReport report = Sluice.ingest(IngestOptions.defaults(List.of(Path.of("docs")), Path.of(".sluice/index")), ProgressListener.NONE);
 * try (Sluice.Searcher searcher = Sluice.openSearcher(Path.of(".sluice/index"))) {
 *   List<SearchHit> hits = searcher.search(new SearchRequest("how do I install it", SearchMode.HYBRID, 5, SearchFilters.NONE));
 * }
 * }</pre>
 */
public final class Sluice {
    private Sluice() {}

    /** Lists local inputs, merging listings; fails only when no input could be listed. */
    public static Listing list(IngestOptions options) {
        return list(options, ListContext.NONE);
    }

    /**
     * Lists every source, merging listings: a source that fails is recorded in the listing's failed
     * sources and the others still list; fails only when no source could be listed.
     */
    public static Listing list(IngestOptions options, ListContext context) {
        Map<String, SourceItem> items = new LinkedHashMap<>();
        List<dev.sluice.source.ListingFailure> failures = new ArrayList<>();
        int hidden = 0;
        int byGlobs = 0;
        Map<String, String> failedSources = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        Set<String> retained = new LinkedHashSet<>();
        for (Source source : options.sources()) {
            Listing listing;
            try {
                listing = source.list(context);
            } catch (SluiceException e) {
                // One source failing (folder gone, unreadable) must not stop the others.
                failedSources.put(source.name(), e.getMessage());
                continue;
            }
            if (!names.contains(source.name())) {
                names.add(source.name());
            }
            listing.items().forEach(item -> items.putIfAbsent(item.uri(), item));
            for (dev.sluice.source.ListingFailure failure : listing.failures()) {
                if (failures.stream().noneMatch(f -> f.uri().equals(failure.uri()))) {
                    failures.add(failure); // overlapping inputs list the same entry twice
                }
            }
            retained.addAll(listing.retained());
            failedSources.putAll(listing.failedSources());
            hidden += listing.skippedHidden();
            byGlobs += listing.skippedByGlobs();
        }
        if (names.isEmpty()) {
            throw new SluiceException(String.join("; ", failedSources.values()));
        }
        return new Listing(names, new ArrayList<>(items.values()), failures, hidden, byGlobs, failedSources, retained);
    }

    /** Ingests the options' sources into their index: one incremental run, committed once at the end. */
    public static IngestReport ingest(IngestOptions options, ProgressListener progress) {
        try (Ingester ingester = new Ingester(options)) {
            return ingester.run(progress);
        }
    }

    /** Opens an index for searching; the model is the one the index records. */
    public static Searcher openSearcher(Path index) {
        return openSearcher(index, RetrievalSettings.DEFAULTS);
    }

    /** Opens an index for searching with these ranking settings (BM25 parameters, fusion). */
    public static Searcher openSearcher(Path index, RetrievalSettings settings) {
        return openSearcher(index, settings, null);
    }

    /**
     * As {@link #openSearcher(Path, RetrievalSettings)}, with the configured embedding model, which queries
     * use when the index was built with it (a model from files or an endpoint is known only from the
     * configuration); null for shipped models only.
     */
    public static Searcher openSearcher(Path index, RetrievalSettings settings, EmbeddingModelSpec configured) {
        return openSearcher(dev.sluice.backend.Backends.embedded(index), settings, configured);
    }

    /**
     * As {@link #openSearcher(Path, RetrievalSettings, EmbeddingModelSpec)}, over the configured engines:
     * the active generation of their index; an endpoint model's query calls are booked in their catalog.
     */
    public static Searcher openSearcher(
            dev.sluice.backend.Backends backends, RetrievalSettings settings, EmbeddingModelSpec configured) {
        return new Searcher(backends.index().openForReading(), backends, settings, configured);
    }

    /** Searches one index; loads the embedding model on the first dense or hybrid query. */
    public static final class Searcher implements AutoCloseable {
        private final dev.sluice.backend.SearchIndex index;
        private final dev.sluice.backend.Backends backends;
        private final RetrievalSettings settings;
        /** Query vectors remembered by the searcher (10,000 queries, about 15 MiB at 384 dimensions). */
        public static final int QUERY_VECTORS_CACHED = 10_000;

        private volatile dev.sluice.embed.QueryVectorCache embedder;
        private IndexRetriever lexical;
        private IndexRetriever full;
        private final EmbeddingModelSpec configured;
        private dev.sluice.backend.CatalogStores ledger; // an endpoint model's calls are booked here

        private Searcher(
                dev.sluice.backend.SearchIndex index,
                dev.sluice.backend.Backends backends,
                RetrievalSettings settings,
                EmbeddingModelSpec configured) {
            this.index = index;
            this.backends = backends;
            this.settings = settings;
            this.configured = configured;
        }

        /** The model the index was built with: the configured one when it is that model, else a shipped one. */
        public EmbeddingModelSpec model() {
            try {
                return EmbeddingModelSpec.forIndex(
                        index.settings().modelId(),
                        index.settings().modelVersion(),
                        index.settings().dimensions(),
                        configured);
            } catch (IllegalArgumentException e) {
                throw new dev.sluice.core.SluiceException(e.getMessage(), e);
            }
        }

        /** The index generation this searcher reads. */
        public dev.sluice.backend.SearchIndex index() {
            return index;
        }

        /**
         * Answers a question from the index with verified citations (extractive: no language model
         * is configured), or says that nothing relevant enough was found.
         */
        public Answer ask(String question, Asker.Options options) {
            return ask(question, options, null);
        }

        /**
         * Answers with a language model through its gateway (null: extractive), falling back to an
         * extractive answer when the model cannot be used or its citations do not hold.
         */
        public Answer ask(String question, Asker.Options options, ModelAnswerer model) {
            return ask(question, options, model, null);
        }

        /**
         * As {@link #ask(String, Asker.Options, ModelAnswerer)}, passing the model's unchecked text to
         * {@code onDelta} as it arrives (see {@link Asker#ask(String, Asker.Options, ModelAnswerer,
         * java.util.function.Consumer)}).
         */
        public Answer ask(
                String question,
                Asker.Options options,
                ModelAnswerer model,
                java.util.function.Consumer<String> onDelta) {
            return ask(question, options, model, onDelta, new dev.sluice.conflict.SentenceConflicts());
        }

        /**
         * As {@link #ask(String, Asker.Options, ModelAnswerer, java.util.function.Consumer)}, with the
         * detector of passages that disagree (the deterministic one, or one with a model judge).
         */
        public Answer ask(
                String question,
                Asker.Options options,
                ModelAnswerer model,
                java.util.function.Consumer<String> onDelta,
                dev.sluice.conflict.ConflictDetector conflicts) {
            return asker(conflicts).ask(question, options, model, onDelta);
        }

        /**
         * The asker over this index: its searches, the model's relevance floor, neighbouring chunks, and
         * {@code conflicts} as the detector of passages that disagree.
         */
        public Asker asker(dev.sluice.conflict.ConflictDetector conflicts) {
            double floor = model().relevanceFloor();
            return new Asker(this::search, floor, this::neighbours, conflicts)
                    .analyzedAs(index.settings().language());
        }

        /** Query vectors answered from the cache and computed by the model, so far: {hits, misses}. */
        public long[] queryVectorCounts() {
            dev.sluice.embed.QueryVectorCache cache = embedder;
            return cache == null ? new long[2] : new long[] {cache.hits(), cache.misses()};
        }

        /** The chunks before and after a hit in its document (for an answer's context). */
        public List<SearchHit> neighbours(SearchHit hit) {
            return lexical().neighbours(hit);
        }

        /** Every chunk of one document in order (no access filter: check the catalog's list first). */
        public List<SearchHit> chunksOf(String documentUri) {
            return lexical().chunksOf(documentUri);
        }

        /** What a question names of the indexed documents (issuer, year), as hybrid search boosts it. */
        public dev.sluice.retrieve.DocumentMatch match(String question) {
            return lexical().match(question);
        }

        /** Thread-safe: searches run in parallel; only the first dense search waits for the model to load. */
        public List<SearchHit> search(SearchRequest request) {
            return (request.mode() == SearchMode.BM25 ? lexical() : full()).search(request);
        }

        private synchronized IndexRetriever lexical() {
            if (lexical == null) {
                lexical = index.retriever(settings, null);
            }
            return lexical;
        }

        private synchronized IndexRetriever full() {
            if (full == null) {
                EmbeddingModelSpec model = model();
                if (model.kind() == EmbeddingModelSpec.Kind.ENDPOINT && ledger == null) {
                    ledger = backends.openCatalog();
                }
                embedder = new dev.sluice.embed.QueryVectorCache(
                        dev.sluice.llm.EndpointEmbedder.open(model, ledger, System::getenv), QUERY_VECTORS_CACHED);
                full = index.retriever(settings, embedder);
            }
            return full;
        }

        @Override
        public synchronized void close() {
            if (embedder != null) {
                embedder.close();
            }
            if (ledger != null) {
                ledger.close();
            }
            index.close();
        }
    }
}
