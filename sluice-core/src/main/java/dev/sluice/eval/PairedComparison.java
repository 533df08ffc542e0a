package dev.sluice.eval;

import dev.sluice.core.Checks;
import dev.sluice.core.SluiceException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How a candidate run differs from a baseline on one metric over the same queries, with the
 * uncertainty that comes from the choice of queries.
 *
 * <ul>
 *   <li>{@code meanDelta} is mean(candidate) − mean(baseline), so positive is better for the
 *       candidate.
 *   <li>{@code ciLow} .. {@code ciHigh} is a 95% paired bootstrap percentile interval: queries are
 *       resampled with replacement {@code resamples} times, the mean per-query delta of each resample
 *       is taken, and the 2.5% and 97.5% quantiles (linear interpolation between order statistics,
 *       the R type 7 / numpy default) are reported.
 *   <li>{@code pValue} is two-sided, from a paired randomization (sign-flip) test: under the null
 *       hypothesis the two runs are exchangeable per query, so each delta's sign is flipped with
 *       probability 1/2, {@code resamples} times; p = (1 + number of flipped means at least as far
 *       from 0 as the observed one) / (1 + resamples), which is never 0 and is 1 for identical
 *       runs.
 * </ul>
 *
 * <p>Both use {@link SplittableRandom} seeded from {@code seed}, so a result is reproducible from
 * the seed it records.
 *
 * @param queries the number of paired queries
 * @param meanBaseline the baseline's mean
 * @param meanCandidate the candidate's mean
 * @param meanDelta candidate minus baseline
 * @param ciLow lower end of the 95% bootstrap interval for the delta
 * @param ciHigh upper end of the 95% bootstrap interval for the delta
 * @param pValue two-sided p-value of the sign-flip test
 * @param resamples bootstrap resamples and sign-flip rounds
 * @param seed the seed both were drawn from
 */
public record PairedComparison(
        int queries,
        double meanBaseline,
        double meanCandidate,
        double meanDelta,
        double ciLow,
        double ciHigh,
        double pValue,
        int resamples,
        long seed) {

    /** The usual number of resamples: the p-value's resolution is then about 1e-4. */
    public static final int DEFAULT_RESAMPLES = 10_000;

    /** Added to the seed for the sign-flip test, so that it does not reuse the bootstrap's draws. */
    private static final long RANDOMIZATION_SEED_OFFSET = 0x9E3779B97F4A7C15L;

    /** Absolute slack when comparing a flipped mean with the observed one, against rounding. */
    private static final double TIE_EPSILON = 1e-12;

    /**
     * Compares per-query values of one metric; {@code baseline[i]} and {@code candidate[i]} belong to
     * the same query.
     */
    public static PairedComparison of(double[] baseline, double[] candidate, int resamples, long seed) {
        Checks.notNull("baseline", baseline);
        Checks.notNull("candidate", candidate);
        Checks.positive("resamples", resamples);
        if (baseline.length != candidate.length) {
            throw new IllegalArgumentException("baseline and candidate must have one value per query each, got "
                    + baseline.length + " and " + candidate.length);
        }
        int n = Checks.positive("number of queries", baseline.length);
        double[] delta = new double[n];
        for (int i = 0; i < n; i++) {
            delta[i] = candidate[i] - baseline[i];
        }
        double observed = mean(delta);

        SplittableRandom bootstrapRandom = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += delta[bootstrapRandom.nextInt(n)];
            }
            means[r] = sum / n;
        }
        Arrays.sort(means);

        SplittableRandom flipRandom = new SplittableRandom(seed + RANDOMIZATION_SEED_OFFSET);
        double threshold = Math.abs(observed) - TIE_EPSILON;
        int atLeastAsExtreme = 0;
        for (int r = 0; r < resamples; r++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += flipRandom.nextBoolean() ? delta[i] : -delta[i];
            }
            if (Math.abs(sum / n) >= threshold) {
                atLeastAsExtreme++;
            }
        }
        double p = (atLeastAsExtreme + 1.0) / (resamples + 1.0);

        return new PairedComparison(
                n,
                mean(baseline),
                mean(candidate),
                observed,
                quantile(means, 0.025),
                quantile(means, 0.975),
                p,
                resamples,
                seed);
    }

    /**
     * Compares two evaluations metric by metric, for every metric both evaluated (in the
     * baseline's order).
     *
     * @throws SluiceException when the two evaluations are not over the same queries in the same order
     */
    public static Map<Metric, PairedComparison> perMetric(
            Evaluation baseline, Evaluation candidate, int resamples, long seed) {
        Checks.notNull("baseline", baseline);
        Checks.notNull("candidate", candidate);
        List<String> a = baseline.queryIds();
        List<String> b = candidate.queryIds();
        if (!a.equals(b)) {
            int i = 0;
            while (i < Math.min(a.size(), b.size()) && a.get(i).equals(b.get(i))) {
                i++;
            }
            throw new SluiceException("cannot compare runs over different queries: baseline has " + a.size()
                    + ", candidate " + b.size() + ", first difference at position " + (i + 1)
                    + "; evaluate both on the same eval set");
        }
        Map<Metric, PairedComparison> result = new LinkedHashMap<>();
        for (Metric m : baseline.metrics()) {
            if (candidate.metrics().contains(m)) {
                result.put(m, of(baseline.values(m), candidate.values(m), resamples, seed));
            }
        }
        return result;
    }

    /** Whether the 95% interval excludes 0, that is the difference is unlikely to be chance. */
    public boolean significant() {
        return ciLow > 0 || ciHigh < 0;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** Quantile of sorted values by linear interpolation (R type 7). */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
