package dev.sluice;

import dev.sluice.catalog.Catalog;
import dev.sluice.chunk.ChunkerSettings;
import dev.sluice.chunk.HeadingAwareChunker;
import dev.sluice.embed.EmbeddingModelSpec;
import dev.sluice.embed.OnnxEmbedder;
import dev.sluice.extract.DocumentExtractor;
import dev.sluice.index.IndexSettings;
import dev.sluice.index.LuceneIndex;
import dev.sluice.ingest.IngestPipeline;
import dev.sluice.ingest.IngestReport;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.quality.TextNormalizer;
import dev.sluice.retrieve.LuceneRetriever;
import dev.sluice.retrieve.SearchHit;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.retrieve.SearchRequest;
import dev.sluice.source.DirectorySource;
import dev.sluice.source.Listing;
import dev.sluice.source.SourceItem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The library's front door: ingest folders into a knowledge base, and search it. The CLI and any
 * embedding application call these; the stages underneath stay replaceable.
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

    /** Lists every input, merging listings; an input that does not exist fails the whole call. */
    public static Listing list(IngestOptions options) {
        Map<String, SourceItem> items = new LinkedHashMap<>();
        List<dev.sluice.source.ListingFailure> failures = new ArrayList<>();
        int hidden = 0;
        int byGlobs = 0;
        for (DirectorySource source : options.sources()) {
            Listing listing = source.list();
            listing.items().forEach(item -> items.putIfAbsent(item.uri(), item));
            for (dev.sluice.source.ListingFailure failure : listing.failures()) {
                if (failures.stream().noneMatch(f -> f.uri().equals(failure.uri()))) {
                    failures.add(failure); // overlapping inputs list the same entry twice
                }
            }
            hidden += listing.skippedHidden();
            byGlobs += listing.skippedByGlobs();
        }
        List<String> names =
                options.sources().stream().map(DirectorySource::name).distinct().toList();
        return new Listing(names, new ArrayList<>(items.values()), failures, hidden, byGlobs);
    }

    /** Ingests the options' inputs into their index: one run, committed once at the end. */
    public static IngestReport ingest(IngestOptions options, ProgressListener progress) {
        Listing listing = list(options);
        ChunkerSettings chunking = new ChunkerSettings(options.maxChunkTokens(), options.overlapTokens());
        try (OnnxEmbedder embedder = OnnxEmbedder.load(options.model(), 1);
                DocumentExtractor extractor = new DocumentExtractor(options.limits());
                LuceneIndex index = LuceneIndex.openForWriting(
                        options.index(),
                        new IndexSettings(embedder.modelId(), embedder.modelVersion(), embedder.dimensions()));
                Catalog catalog = Catalog.open(options.index().resolve(Catalog.FILE_NAME))) {
            IngestPipeline pipeline = new IngestPipeline(
                    extractor,
                    new TextNormalizer(),
                    new HeadingAwareChunker(chunking, embedder.tokenCounter()),
                    embedder,
                    index,
                    catalog,
                    options.extractThreads(),
                    options.embedThreads());
            return pipeline.run(listing, progress);
        }
    }

    /** Opens an index for searching; the model is the one the index records. */
    public static Searcher openSearcher(Path index) {
        return new Searcher(LuceneIndex.openForReading(index));
    }

    /** Searches one index; loads the embedding model on the first dense or hybrid query. */
    public static final class Searcher implements AutoCloseable {
        private final LuceneIndex index;
        private OnnxEmbedder embedder;
        private LuceneRetriever lexical;
        private LuceneRetriever full;

        private Searcher(LuceneIndex index) {
            this.index = index;
        }

        public LuceneIndex index() {
            return index;
        }

        public synchronized List<SearchHit> search(SearchRequest request) {
            if (request.mode() == SearchMode.BM25) {
                if (lexical == null) {
                    lexical = new LuceneRetriever(index, null);
                }
                return lexical.search(request);
            }
            if (full == null) {
                embedder = OnnxEmbedder.load(
                        EmbeddingModelSpec.byId(index.settings().modelId()), 1);
                full = new LuceneRetriever(index, embedder);
            }
            return full.search(request);
        }

        @Override
        public synchronized void close() {
            if (embedder != null) {
                embedder.close();
            }
            index.close();
        }
    }
}
