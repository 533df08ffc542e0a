package dev.sluice.eval;

/** Counting shared by the cutoff metrics. */
final class Cutoffs {
    private Cutoffs() {}

    /** Relevant documents among the first k retrieved (fewer when fewer were retrieved). */
    static int relevantInTop(JudgedRanking ranking, int k) {
        int count = 0;
        for (int rank = 1; rank <= Math.min(k, ranking.size()); rank++) {
            if (ranking.isRelevantAt(rank)) {
                count++;
            }
        }
        return count;
    }
}
