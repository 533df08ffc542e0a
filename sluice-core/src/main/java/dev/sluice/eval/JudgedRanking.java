package dev.sluice.eval;

import dev.sluice.core.Checks;
import java.util.Arrays;
import java.util.Map;

/**
 * A ranking with the grade of each retrieved document, plus the grades an ideal ranking would have:
 * everything a {@link Metric} needs, like trec_eval's {@code RES_RELS}. Documents without a judgment
 * have grade 0. For the page metrics it also holds, for each of the query's evidence items, the rank
 * of the first retrieved chunk that covers it ({@link Ranking#evidenceRanks}). Immutable.
 */
public final class JudgedRanking {
    private final int[] gradesByRank;
    private final int[] idealGrades;
    private final int[] evidenceRanks;

    private JudgedRanking(int[] gradesByRank, int[] idealGrades, int[] evidenceRanks) {
        this.gradesByRank = gradesByRank;
        this.idealGrades = idealGrades;
        this.evidenceRanks = evidenceRanks;
    }

    /**
     * Joins a ranking with one query's judgments (document id to grade); the query's evidence count is
     * the number of evidence ranks the ranking carries.
     */
    public static JudgedRanking of(Ranking ranking, Map<String, Integer> judgments) {
        Checks.notNull("ranking", ranking);
        return of(ranking, judgments, ranking.evidenceRanks().length);
    }

    /**
     * Joins a ranking with one query's judgments and the number of evidence items the query has. A
     * ranking that carries no evidence ranks (an empty ranking, or one built without evidence) covers
     * none of them.
     *
     * @throws IllegalArgumentException when the ranking carries evidence ranks for another number of items
     */
    public static JudgedRanking of(Ranking ranking, Map<String, Integer> judgments, int evidenceCount) {
        Checks.notNull("ranking", ranking);
        Checks.notNull("judgments", judgments);
        int[] grades = ranking.docs().stream()
                .mapToInt(d -> judgments.getOrDefault(d.docId(), 0))
                .toArray();
        int[] ideal = judgments.values().stream()
                .mapToInt(Integer::intValue)
                .filter(g -> g > 0)
                .sorted()
                .toArray();
        for (int i = 0, j = ideal.length - 1; i < j; i++, j--) {
            int t = ideal[i];
            ideal[i] = ideal[j];
            ideal[j] = t;
        }
        int[] evidence = ranking.evidenceRanks();
        if (evidence.length == 0) {
            evidence = new int[evidenceCount];
        } else if (evidence.length != evidenceCount) {
            throw new IllegalArgumentException("the ranking carries ranks for " + evidence.length
                    + " evidence items, but the query has " + evidenceCount);
        }
        return new JudgedRanking(grades, ideal, evidence);
    }

    /** How many documents were retrieved. */
    public int size() {
        return gradesByRank.length;
    }

    /** The grade of the document at a 1-based rank; 0 beyond the end of the ranking. */
    public int gradeAt(int rank) {
        return rank >= 1 && rank <= gradesByRank.length ? gradesByRank[rank - 1] : 0;
    }

    /** Whether the document at a 1-based rank is relevant (grade {@code > 0}). */
    public boolean isRelevantAt(int rank) {
        return gradeAt(rank) > 0;
    }

    /** The number of relevant documents in the judgments, retrieved or not. */
    public int relevantCount() {
        return idealGrades.length;
    }

    /** The grade at a 1-based rank of the ideal ranking (relevant grades, highest first); 0 beyond. */
    public int idealGradeAt(int rank) {
        return rank >= 1 && rank <= idealGrades.length ? idealGrades[rank - 1] : 0;
    }

    /** The number of evidence items (pages or passages) the query has. */
    public int evidenceCount() {
        return evidenceRanks.length;
    }

    /** How many evidence items a chunk among the first k chunks covers. */
    public int evidenceCoveredInTop(int k) {
        int count = 0;
        for (int rank : evidenceRanks) {
            if (rank >= 1 && rank <= k) {
                count++;
            }
        }
        return count;
    }

    /** The 1-based rank of the first chunk that covers any evidence item, or 0 when none does. */
    public int firstEvidenceRank() {
        int first = 0;
        for (int rank : evidenceRanks) {
            if (rank >= 1 && (first == 0 || rank < first)) {
                first = rank;
            }
        }
        return first;
    }

    @Override
    public String toString() {
        return "JudgedRanking[grades=" + Arrays.toString(gradesByRank) + ", ideal=" + Arrays.toString(idealGrades)
                + (evidenceRanks.length > 0 ? ", evidenceRanks=" + Arrays.toString(evidenceRanks) : "") + "]";
    }
}
