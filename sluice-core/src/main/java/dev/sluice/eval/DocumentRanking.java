package dev.sluice.eval;

import dev.sluice.core.Checks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns chunk hits into a document ranking, since qrels judge documents while Sluice retrieves
 * chunks.
 */
public final class DocumentRanking {
    private DocumentRanking() {}

    /**
     * Each document once, with the score of its best chunk, ordered as trec_eval orders a run (score
     * descending, ties by document id descending; see {@link Ranking#byScore}). When the hits come
     * best first, as retrievers return them, a document therefore sits at the rank of its first
     * chunk, and the chunks below it are dropped rather than pushing other documents down.
     *
     * @param chunkHits one entry per retrieved chunk: the id of the chunk's document and the chunk's
     *     score
     */
    public static Ranking fromChunkHits(List<ScoredDoc> chunkHits) {
        Map<String, ScoredDoc> best = new LinkedHashMap<>();
        for (ScoredDoc hit : Checks.notNull("chunkHits", chunkHits)) {
            best.merge(hit.docId(), hit, (kept, next) -> next.score() > kept.score() ? next : kept);
        }
        return Ranking.byScore(new ArrayList<>(best.values()));
    }
}
