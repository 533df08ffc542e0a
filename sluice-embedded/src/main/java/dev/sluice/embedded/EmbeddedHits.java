package dev.sluice.embedded;

import dev.sluice.KnowledgeBase;
import dev.sluice.client.Filters;
import dev.sluice.client.Hit;
import dev.sluice.client.LocalHitSource;
import dev.sluice.client.SearchQuery;
import dev.sluice.client.SearchResults;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.Flags;
import dev.sluice.config.SluiceConfig;
import dev.sluice.retrieve.SearchFilters;
import dev.sluice.retrieve.SearchHit;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.retrieve.SearchRequest;
import dev.sluice.retrieve.SearchResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hits from a knowledge base in this process (embedded mode), filled as {@code SluiceClient} fills them
 * from the service's JSON, so an adapter treats both alike through {@link HitSource}. Searches with the
 * index owner's rights (no access list applies, as {@code sluice search} on the command line). The
 * adapters (sluice-langchain4j, sluice-spring-ai) declare this module optional: only an application
 * that adds it gets sluice-core (Lucene, ONNX Runtime, SQLite) on its class path.
 */
public final class EmbeddedHits implements LocalHitSource {
    private final KnowledgeBase kb;
    private final boolean owned;

    private EmbeddedHits(KnowledgeBase kb, boolean owned) {
        this.kb = kb;
        this.owned = owned;
    }

    /** Hits from a knowledge base the caller opened and keeps: {@link #close()} leaves it open. */
    public static EmbeddedHits of(KnowledgeBase kb) {
        return new EmbeddedHits(kb, false);
    }

    /**
     * Opens the knowledge base of an index folder: with {@code config} (a sluice.yaml: its retrieval and
     * rerank settings), else the defaults. The folder must hold an index ({@code sluice ingest} makes one).
     */
    public static EmbeddedHits open(Path index, Path config) {
        if (index == null || !Files.isDirectory(index)) {
            throw new IllegalArgumentException(
                    "index must be a folder that holds a Sluice index (made by sluice ingest), got " + index
                            + (index == null ? "" : " (" + index.toAbsolutePath() + " is not a folder)"));
        }
        SluiceConfig file = config == null ? SluiceConfig.defaults() : ConfigLoader.load(config);
        return new EmbeddedHits(
                KnowledgeBase.open(
                        EffectiveConfig.resolve(file, Flags.NONE.with(EffectiveConfig.INDEX, index, "index"))),
                true);
    }

    @Override
    public SearchResults search(SearchQuery query) {
        Filters f = query.filters();
        SearchRequest request = new SearchRequest(
                query.text(),
                SearchMode.fromLabel(query.mode().label()),
                query.k(),
                new SearchFilters(f.sources(), f.path(), f.types())
                        .withDocuments(f.issuers(), f.year())
                        .withMetadata(f.metadata()));
        SearchResult result = Boolean.FALSE.equals(query.rerank())
                ? SearchResult.firstStage(kb.search(request))
                : kb.searchAsConfigured(request, null);
        List<Hit> hits = new ArrayList<>();
        for (SearchHit h : result.hits()) {
            hits.add(hit(h));
        }
        boolean reordered = result.reranking().map(r -> r.reordered()).orElse(false);
        return new SearchResults(query, hits, reordered, null);
    }

    /** The same fields, under the same metadata keys, as the service's JSON ({@code JsonViews.search}). */
    public static Hit hit(SearchHit h) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("start", h.start());
        metadata.put("end", h.end());
        metadata.put("chunkerVersion", h.chunkerVersion());
        metadata.put("model", h.modelId());
        metadata.put("modelVersion", h.modelVersion());
        return new Hit(
                h.rank(),
                h.score(),
                h.documentUri(),
                h.chunkId(),
                h.source(),
                h.path(),
                h.type(),
                h.title(),
                h.headingPath(),
                h.pageStart(),
                h.pageEnd(),
                h.citation(),
                h.text(),
                h.snippet(),
                metadata);
    }

    /** What sluice-client's {@code RetrieverBuilder.index(Path)} finds through {@link java.util.ServiceLoader}. */
    public static final class Opener implements LocalHitSource.Opener {
        @Override
        public LocalHitSource open(Path index, Path config) {
            return EmbeddedHits.open(index, config);
        }
    }

    @Override
    public void close() {
        if (owned) {
            kb.close();
        }
    }
}
