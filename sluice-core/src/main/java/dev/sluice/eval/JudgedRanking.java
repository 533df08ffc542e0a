package dev.sluice.eval;

import dev.sluice.core.Checks;
import java.util.Arrays;
import java.util.Map;

/**
 * A ranking with the grade of each retrieved document, plus the grades an ideal ranking would have:
 * everything a {@link Metric} needs, like trec_eval's {@code RES_RELS}. Documents without a judgment
 * have grade 0. Immutable.
 */
public final class JudgedRanking {
    private final int[] gradesByRank;
    private final int[] idealGrades;

    private JudgedRanking(int[] gradesByRank, int[] idealGrades) {
        this.gradesByRank = gradesByRank;
        this.idealGrades = idealGrades;
    }

    /** Joins a ranking with one query's judgments (document id to grade). */
    public static JudgedRanking of(Ranking ranking, Map<String, Integer> judgments) {
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
        return new JudgedRanking(grades, ideal);
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

    @Override
    public String toString() {
        return "JudgedRanking[grades=" + Arrays.toString(gradesByRank) + ", ideal=" + Arrays.toString(idealGrades)
                + "]";
    }
}
