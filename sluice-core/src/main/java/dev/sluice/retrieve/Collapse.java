package dev.sluice.retrieve;

import dev.sluice.index.IndexFields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;

/**
 * Collapses near-duplicate documents in a ranking: a document indexed with a canonical document
 * ({@link IndexFields#DUPLICATE_OF}) belongs to that document's family, and only the first member of a
 * family to rank keeps its hits; the other members' hits are dropped. Members the caller may not read
 * never rank, so a caller who can read only a duplicate still finds it.
 */
public final class Collapse {
    private Collapse() {}

    /**
     * The first {@code k} of {@code hits} (loaded from the Lucene documents {@code docIds}, in order) that survive
     * collapsing, ranked 1..n again.
     */
    static List<SearchHit> families(IndexSearcher searcher, int[] docIds, List<SearchHit> hits, int k)
            throws IOException {
        StoredFields stored = searcher.storedFields();
        try {
            return families(
                    hits,
                    i -> {
                        try {
                            return stored.document(docIds[i], java.util.Set.of(IndexFields.DUPLICATE_OF))
                                    .get(IndexFields.DUPLICATE_OF);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    },
                    k);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * The first {@code k} of {@code hits} that survive collapsing, ranked 1..n again; {@code duplicateOf} gives
     * the canonical document of the hit at an index of {@code hits} (null when it duplicates none). For index
     * backends that read the field from their engine's own hits.
     */
    public static List<SearchHit> families(List<SearchHit> hits, IntFunction<String> duplicateOf, int k) {
        Map<String, String> claimedBy = new HashMap<>();
        List<SearchHit> kept = new ArrayList<>(Math.min(k, hits.size()));
        for (int i = 0; i < hits.size() && kept.size() < k; i++) {
            SearchHit hit = hits.get(i);
            String canonical = duplicateOf.apply(i);
            String family = canonical != null ? canonical : hit.documentUri();
            String owner = claimedBy.putIfAbsent(family, hit.documentUri());
            if (owner == null || owner.equals(hit.documentUri())) {
                kept.add(hit);
            }
        }
        return Reranking.ranked(kept);
    }
}
