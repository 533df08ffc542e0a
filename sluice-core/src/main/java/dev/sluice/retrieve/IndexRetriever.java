package dev.sluice.retrieve;

import dev.sluice.core.SluiceException;
import dev.sluice.embed.Embedder;
import dev.sluice.index.IndexSettings;
import java.util.List;

/**
 * A {@link VectorRetriever} over one index that also reads a document's chunks back: what answers need
 * around a hit, what {@code get_document} returns, and which indexed documents a question names. The
 * embedded one is {@link LuceneRetriever}; a shared engine's retriever implements the same, with the
 * same fusion, so figures compare across backends.
 */
public interface IndexRetriever extends VectorRetriever {
    /** The chunks right before and after {@code hit} in its document, in document order, with score 0. */
    List<SearchHit> neighbours(SearchHit hit);

    /** Every chunk of one document in document order, score 0, no access filter (check the catalog first). */
    List<SearchHit> chunksOf(String documentUri);

    /** What {@code question} names of the indexed documents (issuer, year), as hybrid search boosts it. */
    DocumentMatch match(String question);

    /**
     * Refuses {@code embedder} (when given) unless it is the model the index at {@code where} was {@code
     * built} with: vectors of two models are never compared.
     */
    static void requireModel(IndexSettings built, Embedder embedder, String where) {
        if (embedder != null
                && !(embedder.modelId().equals(built.modelId())
                        && embedder.modelVersion().equals(built.modelVersion()))) {
            throw new SluiceException("index " + where + " was built with " + built.modelId() + " ("
                    + built.modelVersion() + "), not " + embedder.modelId() + " (" + embedder.modelVersion()
                    + "); vectors of two models are never compared: rebuild the index with this model, or search"
                    + " it with the Sluice version that built it");
        }
    }

    /** The query vector {@code request}'s mode needs: null for BM25, else {@code embedder}'s (which must be given). */
    static float[] queryVector(SearchRequest request, Embedder embedder) {
        if (request.mode() == SearchMode.BM25) {
            return null;
        }
        if (embedder == null) {
            throw new IllegalStateException(
                    request.mode().label() + " search needs the embedding model; none was given");
        }
        return embedder.embedQuery(request.query());
    }
}
