package dev.sluice.retrieve;

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
}
