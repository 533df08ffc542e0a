package dev.sluice.retrieve;

import dev.sluice.core.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link Reranker} did to one search's candidates.
 *
 * @param hits the hits, best first, ranked 1..n (the first stage's scores kept)
 * @param reranker who ranked ({@link Reranker#describe()})
 * @param candidates how many candidates it was given
 * @param moved how many of the returned hits stand at another place than in the first stage
 * @param cached whether the order came from a cache (no model call was made)
 * @param fallbackReason why the original order was kept, or null when the reranker's order applies
 */
public record Reranking(
        List<SearchHit> hits, String reranker, int candidates, int moved, boolean cached, String fallbackReason) {
    public Reranking {
        hits = List.copyOf(hits);
        Checks.notNull("reranker", reranker);
    }

    /** Whether the reranker's order applies (false: the first stage's order was kept, see the reason). */
    public boolean reordered() {
        return fallbackReason == null;
    }

    /**
     * The candidates in the order {@code order} gives, cut at {@code k}.
     *
     * @param order every candidate's position (0-based) exactly once, best first
     * @throws IllegalArgumentException when {@code order} is not such a permutation
     */
    public static Reranking ordered(
            String reranker, List<SearchHit> candidates, List<Integer> order, int k, boolean cached) {
        Checks.positive("k", k);
        if (order.size() != candidates.size()) {
            throw new IllegalArgumentException("order must place each of the " + candidates.size()
                    + " candidates once, got " + order.size() + " positions: " + order);
        }
        boolean[] placed = new boolean[candidates.size()];
        List<SearchHit> hits = new ArrayList<>();
        for (int position : order) {
            if (position < 0 || position >= candidates.size() || placed[position]) {
                throw new IllegalArgumentException(
                        "order must place each candidate (0.." + (candidates.size() - 1) + ") once, got " + order);
            }
            placed[position] = true;
            hits.add(candidates.get(position));
        }
        List<SearchHit> kept = ranked(hits.subList(0, Math.min(k, hits.size())));
        return new Reranking(kept, reranker, candidates.size(), moved(candidates, kept), cached, null);
    }

    /** The candidates in their original order, cut at {@code k}, with the reason the reranker's order is missing. */
    public static Reranking fallback(String reranker, List<SearchHit> candidates, int k, String reason) {
        Checks.positive("k", k);
        Checks.notNull("reason", reason);
        List<SearchHit> kept = ranked(candidates.subList(0, Math.min(k, candidates.size())));
        return new Reranking(kept, reranker, candidates.size(), 0, false, reason);
    }

    /** The same hits ranked 1..n in list order, every other field as it was. */
    public static List<SearchHit> ranked(List<SearchHit> hits) {
        List<SearchHit> out = new ArrayList<>(hits.size());
        for (int i = 0; i < hits.size(); i++) {
            SearchHit h = hits.get(i);
            out.add(
                    h.rank() == i + 1
                            ? h
                            : new SearchHit(
                                    i + 1,
                                    h.score(),
                                    h.chunkId(),
                                    h.documentUri(),
                                    h.source(),
                                    h.path(),
                                    h.type(),
                                    h.title(),
                                    h.headingPath(),
                                    h.pageStart(),
                                    h.pageEnd(),
                                    h.ordinal(),
                                    h.start(),
                                    h.end(),
                                    h.chunkerVersion(),
                                    h.modelId(),
                                    h.modelVersion(),
                                    h.text(),
                                    h.snippet()));
        }
        return List.copyOf(out);
    }

    private static int moved(List<SearchHit> before, List<SearchHit> after) {
        int moved = 0;
        for (int i = 0; i < after.size(); i++) {
            if (!after.get(i).chunkId().equals(before.get(i).chunkId())) {
                moved++;
            }
        }
        return moved;
    }
}
