package dev.sluice.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.quality.NearDuplicateSample.Edit;
import dev.sluice.quality.NearDuplicateSample.Passage;
import dev.sluice.quality.NearDuplicateSample.Query;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall of near-duplicate detection on a labelled sample of real passages (see {@link
 * NearDuplicateSample}): the index holds one split's passages, the queries are their edited copies,
 * real second extractions, the same companies' pages of other years and the other split's passages.
 * The shingle size and the default threshold were chosen on the dev part; the floors are asserted on
 * the held-back part. Deterministic: the figures printed are the figures in docs/quality.md.
 */
class NearDuplicatePrecisionRecallTest {
    private static final double[] REPORTED = {0.7, 0.8, 0.9};
    private static final List<Passage> ALL = NearDuplicateSample.load();

    @Test
    void should_keep_precision_and_recall_above_their_floors_on_the_held_back_part_at_the_default_threshold() {
        Evaluation held = evaluate("held-back", new MinHasher(), REPORTED);
        System.out.println(held.report());
        int at08 = 1;
        String report = held.report();

        // Floors a little under the figures measured (0.996 / 0.757, 1 of 18 other-year pages); every floor
        // here also held with eight other seeds (precision 0.984-0.996, recall 0.73-0.77, 1-4 of 18 pages,
        // reordered copies 0.80-0.94, cut copies 0.88-0.98).
        assertThat(held.precision(at08)).as(report).isGreaterThanOrEqualTo(0.98);
        assertThat(held.recall(at08)).as(report).isGreaterThanOrEqualTo(0.70);
        assertThat(held.matched(NearDuplicateSample.OTHER_YEAR, at08))
                .as(report)
                .isLessThanOrEqualTo(4);
        for (int t = 0; t < REPORTED.length; t++) {
            assertThat(held.matched(NearDuplicateSample.NOT_INDEXED, t))
                    .as(report)
                    .isZero();
        }
        // What 0.8 is for: re-extractions, small edits, reordering and cuts of up to 15% are caught.
        assertThat(held.share(Edit.RE_EXTRACTED.label, at08)).as(report).isGreaterThanOrEqualTo(0.9);
        assertThat(held.share(Edit.WORDS_EDITED.label, at08)).as(report).isGreaterThanOrEqualTo(0.9);
        assertThat(held.share(Edit.REORDERED.label, at08)).as(report).isGreaterThanOrEqualTo(0.8);
        assertThat(held.share(Edit.TRUNCATED.label, at08)).as(report).isGreaterThanOrEqualTo(0.8);
        assertThat(held.share(NearDuplicateSample.OTHER_EXTRACTION, at08))
                .as(report)
                .isEqualTo(1.0);
    }

    @Test
    void should_recall_the_most_at_equal_hard_negatives_with_five_word_shingles_on_the_dev_part() {
        double[] sweep = {0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95};
        StringBuilder table = new StringBuilder(
                "dev part: recall / other-year pages flagged (of 18) by shingle size and threshold\n| words |");
        for (double t : sweep) {
            table.append(String.format(Locale.ROOT, " %.2f |", t));
        }
        table.append('\n');
        Map<Integer, Evaluation> bySize = new LinkedHashMap<>();
        for (int words : new int[] {3, 4, 5, 7, 9}) {
            Evaluation dev =
                    evaluate("dev", new MinHasher(MinHasher.DEFAULT_HASHES, words, MinHasher.DEFAULT_SEED), sweep);
            bySize.put(words, dev);
            table.append("| ").append(words).append(" |");
            for (int t = 0; t < sweep.length; t++) {
                table.append(String.format(
                        Locale.ROOT, " %.3f / %d |", dev.recall(t), dev.matched(NearDuplicateSample.OTHER_YEAR, t)));
            }
            table.append('\n');
        }
        System.out.println(table);
        System.out.println(evaluate("dev", new MinHasher(), REPORTED).report());

        // The default (5 words at 0.8) is on the frontier: no other size recalls more while flagging as
        // few or fewer of the other year's pages, at any threshold of the sweep.
        Evaluation chosen = bySize.get(MinHasher.DEFAULT_SHINGLE_WORDS);
        int at08 = 4;
        for (Map.Entry<Integer, Evaluation> other : bySize.entrySet()) {
            for (int t = 0; t < sweep.length; t++) {
                if (other.getValue().matched(NearDuplicateSample.OTHER_YEAR, t)
                        <= chosen.matched(NearDuplicateSample.OTHER_YEAR, at08)) {
                    assertThat(other.getValue().recall(t))
                            .as("%d words at %.2f against the default; %s", other.getKey(), sweep[t], table)
                            .isLessThanOrEqualTo(chosen.recall(at08));
                }
            }
        }
    }

    static Evaluation evaluate(String split, MinHasher hasher, double[] thresholds) {
        List<Passage> indexed = NearDuplicateSample.split(ALL, split);
        List<Passage> others =
                ALL.stream().filter(p -> !p.split().equals(split)).toList();
        NearDuplicateIndex[] indexes = new NearDuplicateIndex[thresholds.length];
        for (int t = 0; t < thresholds.length; t++) {
            indexes[t] = new NearDuplicateIndex(thresholds[t], hasher.hashes());
            for (int i = 0; i < indexed.size(); i++) {
                indexes[t].add(i, hasher.signature(indexed.get(i).text()));
            }
        }
        Evaluation evaluation = new Evaluation(split, hasher, thresholds);
        for (Query query : NearDuplicateSample.queries(indexed, others, ALL)) {
            int[] signature = hasher.signature(query.text());
            List<Optional<DuplicateMatch>> found = new ArrayList<>();
            for (NearDuplicateIndex index : indexes) {
                found.add(index.find(signature));
            }
            double exact = query.source() < 0
                    ? Double.NaN
                    : exactJaccard(
                            hasher, query.text(), indexed.get(query.source()).text());
            evaluation.add(query, found, exact);
        }
        return evaluation;
    }

    static double exactJaccard(MinHasher hasher, String a, String b) {
        Set<Long> left = new HashSet<>();
        Arrays.stream(hasher.shingleHashes(a)).forEach(left::add);
        Set<Long> right = new HashSet<>();
        Arrays.stream(hasher.shingleHashes(b)).forEach(right::add);
        Set<Long> union = new HashSet<>(left);
        union.addAll(right);
        left.retainAll(right);
        return (double) left.size() / union.size();
    }

    /** Counts per query label and threshold. */
    static final class Evaluation {
        private final String split;
        private final MinHasher hasher;
        private final double[] thresholds;
        private final Map<String, Row> rows = new LinkedHashMap<>();
        private final int[] truePositives;
        private final int[] falsePositives;
        private int positives;

        Evaluation(String split, MinHasher hasher, double[] thresholds) {
            this.split = split;
            this.hasher = hasher;
            this.thresholds = thresholds;
            this.truePositives = new int[thresholds.length];
            this.falsePositives = new int[thresholds.length];
        }

        void add(Query query, List<Optional<DuplicateMatch>> found, double exact) {
            Row row = rows.computeIfAbsent(query.label(), l -> new Row(query.positive(), thresholds.length));
            row.n++;
            if (!Double.isNaN(exact)) {
                row.exactSum += exact;
                row.exactMin = Math.min(row.exactMin, exact);
                row.exactMax = Math.max(row.exactMax, exact);
            }
            positives += query.positive() ? 1 : 0;
            for (int t = 0; t < thresholds.length; t++) {
                if (found.get(t).isEmpty()) {
                    continue;
                }
                row.matched[t]++;
                if (query.positive() && found.get(t).get().id() == query.source()) {
                    truePositives[t]++;
                } else {
                    falsePositives[t]++;
                }
            }
        }

        double precision(int t) {
            int flagged = truePositives[t] + falsePositives[t];
            return flagged == 0 ? 1 : (double) truePositives[t] / flagged;
        }

        double recall(int t) {
            return (double) truePositives[t] / positives;
        }

        double f1(int t) {
            double p = precision(t);
            double r = recall(t);
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        int matched(String label, int t) {
            return rows.get(label).matched[t];
        }

        /** The share of the label's queries that matched at threshold {@code t}. */
        double share(String label, int t) {
            return (double) rows.get(label).matched[t] / rows.get(label).n;
        }

        String report() {
            StringBuilder out = new StringBuilder(String.format(
                    Locale.ROOT,
                    "near-duplicates, %s part (%s)%n| queries | n | exact Jaccard mean (min-max) |",
                    split,
                    hasher.scheme()));
            for (double t : thresholds) {
                out.append(String.format(Locale.ROOT, " matched at %.2f |", t));
            }
            out.append("\n|---|---:|---|")
                    .append("---:|".repeat(thresholds.length))
                    .append('\n');
            rows.forEach((label, row) -> {
                out.append(String.format(
                        Locale.ROOT,
                        "| %s: %s | %d | %s |",
                        row.positive ? "positive" : "negative",
                        label,
                        row.n,
                        row.exactMin > 1
                                ? "n/a"
                                : String.format(
                                        Locale.ROOT,
                                        "%.2f (%.2f-%.2f)",
                                        row.exactSum / row.n,
                                        row.exactMin,
                                        row.exactMax)));
                for (int t = 0; t < thresholds.length; t++) {
                    out.append(String.format(Locale.ROOT, " %d |", row.matched[t]));
                }
                out.append('\n');
            });
            for (String metric : List.of("precision", "recall", "F1")) {
                out.append("| ").append(metric).append(" | | |");
                for (int t = 0; t < thresholds.length; t++) {
                    double value =
                            metric.equals("precision") ? precision(t) : metric.equals("recall") ? recall(t) : f1(t);
                    out.append(String.format(Locale.ROOT, " %.3f |", value));
                }
                out.append('\n');
            }
            return out.toString();
        }

        private static final class Row {
            final boolean positive;
            final int[] matched;
            int n;
            double exactSum;
            double exactMin = 2;
            double exactMax = -1;

            Row(boolean positive, int thresholds) {
                this.positive = positive;
                this.matched = new int[thresholds];
            }
        }
    }
}
