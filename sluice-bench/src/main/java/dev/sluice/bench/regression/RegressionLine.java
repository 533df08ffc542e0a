package dev.sluice.bench.regression;

import dev.sluice.eval.Metric;
import dev.sluice.retrieve.SearchMode;
import java.util.Locale;

/**
 * One checked figure: a mode's mean of one metric against the regression file's expectation.
 *
 * @param name the regression's name
 * @param mode the retrieval mode
 * @param metric the metric
 * @param actual the mean this run measured
 * @param expected the mean the file expects
 * @param tolerance the largest accepted |actual - expected|
 */
public record RegressionLine(
        String name, SearchMode mode, Metric metric, double actual, double expected, double tolerance) {
    /**
     * Slack for binary floating point: an expected 0.7003 with tolerance 0.0005 accepts 0.7008 even
     * when the subtraction lands a hair above 0.0005.
     */
    private static final double EPSILON = 1e-9;

    /** Whether the measured figure lies within the tolerance. */
    public boolean ok() {
        return Math.abs(actual - expected) <= tolerance + EPSILON;
    }

    /** actual - expected. */
    public double difference() {
        return actual - expected;
    }

    /**
     * The printed line: {@code OK   scifact-train  bm25    nDCG@10     0.7003  expected 0.7003 ± 0.0005},
     * and for a failure the difference at the end.
     */
    public String format(int nameWidth) {
        String line = String.format(
                Locale.ROOT,
                "%-4s %-" + Math.max(1, nameWidth) + "s  %-7s %-11s %.4f  expected %.4f ± %s",
                ok() ? "OK" : "FAIL",
                name,
                mode.label(),
                displayName(metric),
                actual,
                expected,
                plain(tolerance));
        return ok() ? line : line + String.format(Locale.ROOT, "  (difference %+.4f)", difference());
    }

    /** The metric as papers write it: nDCG@10, Recall@100, MRR@10, P@10, Hit@10, MAP. */
    public static String displayName(Metric metric) {
        String name = metric.name();
        int at = name.indexOf('@');
        String family = at < 0 ? name : name.substring(0, at);
        String shown = switch (family) {
            case "ndcg" -> "nDCG";
            case "recall" -> "Recall";
            case "mrr" -> "MRR";
            case "p" -> "P";
            case "hit" -> "Hit";
            case "map" -> "MAP";
            default -> family;
        };
        return at < 0 ? shown : shown + name.substring(at);
    }

    private static String plain(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
