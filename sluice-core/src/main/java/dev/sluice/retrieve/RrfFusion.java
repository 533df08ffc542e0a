package dev.sluice.retrieve;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion (Cormack, Clarke and Büttcher, SIGIR 2009): each list adds
 * {@code 1 / (rankConstant + rank)} to an item's score. It needs no score calibration between BM25
 * and cosine similarity, which live on unrelated scales. Ties break by the first list's order, then
 * the second's, so the result is deterministic.
 */
public final class RrfFusion {
    /** The constant from the paper; larger values flatten the advantage of the top ranks. */
    public static final int DEFAULT_RANK_CONSTANT = 60;

    private final int rankConstant;

    public RrfFusion(int rankConstant) {
        dev.sluice.core.Checks.positive("rrf.rankConstant", rankConstant);
        this.rankConstant = rankConstant;
    }

    /** A fused item: its key and summed reciprocal-rank score. */
    public record Fused<T>(T key, double score) {}

    /** Fuses ranked lists (best first) into one list, best first, of at most {@code k} items. */
    @SafeVarargs
    public final <T> List<Fused<T>> fuse(int k, List<T>... rankings) {
        double[] weights = new double[rankings.length];
        java.util.Arrays.fill(weights, 1.0);
        List<List<T>> lists = new ArrayList<>(rankings.length);
        for (List<T> ranking : rankings) {
            lists.add(ranking);
        }
        return fuse(k, weights, lists);
    }

    /**
     * Weighted fusion: list {@code i} adds {@code weights[i] / (rankConstant + rank)}; equal weights
     * give the same order as {@link #fuse(int, List[])}.
     */
    public <T> List<Fused<T>> fuse(int k, double[] weights, List<List<T>> rankings) {
        if (weights.length != rankings.size()) {
            throw new IllegalArgumentException(
                    "one weight per ranking: " + weights.length + " weights for " + rankings.size() + " rankings");
        }
        Map<T, Double> scores = new HashMap<>();
        Map<T, Integer> firstSeen = new HashMap<>();
        int order = 0;
        for (int r = 0; r < rankings.size(); r++) {
            List<T> ranking = rankings.get(r);
            for (int i = 0; i < ranking.size(); i++) {
                T key = ranking.get(i);
                scores.merge(key, weights[r] / (rankConstant + i + 1), Double::sum);
                firstSeen.putIfAbsent(key, order++);
            }
        }
        List<Fused<T>> fused = new ArrayList<>(scores.size());
        scores.forEach((key, score) -> fused.add(new Fused<>(key, score)));
        fused.sort(Comparator.<Fused<T>>comparingDouble(f -> -f.score()).thenComparingInt(f -> firstSeen.get(f.key())));
        return fused.size() > k ? List.copyOf(fused.subList(0, k)) : List.copyOf(fused);
    }
}
