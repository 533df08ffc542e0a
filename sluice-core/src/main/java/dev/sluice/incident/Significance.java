package dev.sluice.incident;

/**
 * One-sided tests for the trend detectors, by the normal approximation (the detectors only judge
 * windows of at least {@link IncidentSettings#trendMinCount()} events, 20 by default).
 */
final class Significance {
    private Significance() {}

    /** p-value that share {@code k1/n1} exceeds share {@code k0/n0} by chance (pooled two-proportion z-test). */
    static double shareRise(int k0, int n0, int k1, int n1) {
        double p0 = (double) k0 / n0;
        double p1 = (double) k1 / n1;
        double pooled = (double) (k0 + k1) / (n0 + n1);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n0 + 1.0 / n1));
        if (se == 0) {
            return p1 > p0 ? 0 : 1;
        }
        return 1 - normalCdf((p1 - p0) / se);
    }

    /** p-value that the mean of {@code recent} is below the mean of {@code baseline} by chance (Welch's z). */
    static double meanDrop(double[] baseline, double[] recent) {
        double se = Math.sqrt(variance(baseline) / baseline.length + variance(recent) / recent.length);
        double drop = mean(baseline) - mean(recent);
        if (se == 0) {
            return drop > 0 ? 0 : 1;
        }
        return 1 - normalCdf(drop / se);
    }

    static double mean(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        return x.length == 0 ? 0 : sum / x.length;
    }

    private static double variance(double[] x) {
        if (x.length < 2) {
            return 0;
        }
        double m = mean(x);
        double sum = 0;
        for (double v : x) {
            sum += (v - m) * (v - m);
        }
        return sum / (x.length - 1);
    }

    /** Standard normal CDF (Abramowitz and Stegun 7.1.26; absolute error below 1.5e-7). */
    static double normalCdf(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double erf = 1
                - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592)
                        * t
                        * Math.exp(-x * x);
        return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }
}
