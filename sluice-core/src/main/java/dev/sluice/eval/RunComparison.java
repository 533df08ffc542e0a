package dev.sluice.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two stored evaluation runs side by side: per mode and metric, the delta of the means with its 95%
 * bootstrap interval and sign-flip p-value ({@link PairedComparison}) over the queries both ran, and
 * the queries that moved most, with the ranks of their relevant documents before and after.
 */
public final class RunComparison {
    /** One metric of one mode. */
    public record MetricDelta(String mode, String metric, PairedComparison comparison) {}

    /**
     * One query that moved.
     *
     * @param ranksBefore relevant document to its rank in the baseline (0: not retrieved)
     * @param ranksAfter the same in the candidate
     */
    public record QueryMove(
            String mode,
            String queryId,
            double before,
            double after,
            Map<String, Integer> ranksBefore,
            Map<String, Integer> ranksAfter) {
        public double delta() {
            return after - before;
        }
    }

    /**
     * @param baseline run A
     * @param candidate run B
     * @param metric the metric queries are ranked by for {@link #improved} and {@link #regressed}
     */
    public record Report(
            EvalRunRecord baseline,
            EvalRunRecord candidate,
            String metric,
            List<MetricDelta> deltas,
            List<QueryMove> improved,
            List<QueryMove> regressed) {}

    private RunComparison() {}

    /**
     * Compares run B (candidate) with run A (baseline); refuses runs on different eval sets.
     *
     * @param metric the metric to rank moved queries by; null for the first metric of run A
     * @param top how many improved and regressed queries to list per mode
     */
    public static Report compare(
            EvalRunRecord a,
            List<EvalQueryResult> aResults,
            EvalRunRecord b,
            List<EvalQueryResult> bResults,
            String metric,
            int top,
            long seed) {
        if (!a.setFingerprint().equals(b.setFingerprint())) {
            throw new IllegalArgumentException("eval runs " + a.id() + " (" + a.setName() + ") and " + b.id() + " ("
                    + b.setName() + ") measured different eval sets (queries or judgments differ); compare runs of"
                    + " one set");
        }
        String moveMetric =
                metric != null ? Metric.parse(metric).name() : a.metrics().getFirst();
        if (!a.metrics().contains(moveMetric) || !b.metrics().contains(moveMetric)) {
            throw new IllegalArgumentException("metric " + moveMetric + " is not in both runs; they share "
                    + a.metrics().stream().filter(b.metrics()::contains).toList());
        }
        Map<String, Map<String, EvalQueryResult>> before = byModeAndQuery(aResults);
        Map<String, Map<String, EvalQueryResult>> after = byModeAndQuery(bResults);
        List<MetricDelta> deltas = new ArrayList<>();
        List<QueryMove> improved = new ArrayList<>();
        List<QueryMove> regressed = new ArrayList<>();
        for (String mode : a.modes()) {
            if (!b.modes().contains(mode)) {
                continue;
            }
            List<String> queries = before.get(mode).keySet().stream()
                    .filter(after.get(mode)::containsKey)
                    .toList();
            for (String m : a.metrics()) {
                if (!b.metrics().contains(m)) {
                    continue;
                }
                double[] x = new double[queries.size()];
                double[] y = new double[queries.size()];
                for (int i = 0; i < queries.size(); i++) {
                    x[i] = before.get(mode).get(queries.get(i)).values().getOrDefault(m, 0.0);
                    y[i] = after.get(mode).get(queries.get(i)).values().getOrDefault(m, 0.0);
                }
                deltas.add(
                        new MetricDelta(mode, m, PairedComparison.of(x, y, PairedComparison.DEFAULT_RESAMPLES, seed)));
            }
            List<QueryMove> moves = new ArrayList<>();
            for (String q : queries) {
                EvalQueryResult r0 = before.get(mode).get(q);
                EvalQueryResult r1 = after.get(mode).get(q);
                moves.add(new QueryMove(
                        mode,
                        q,
                        r0.values().getOrDefault(moveMetric, 0.0),
                        r1.values().getOrDefault(moveMetric, 0.0),
                        r0.relevantRanks(),
                        r1.relevantRanks()));
            }
            moves.stream()
                    .filter(mv -> mv.delta() > 0)
                    .sorted(Comparator.comparingDouble(QueryMove::delta)
                            .reversed()
                            .thenComparing(QueryMove::queryId))
                    .limit(top)
                    .forEach(improved::add);
            moves.stream()
                    .filter(mv -> mv.delta() < 0)
                    .sorted(Comparator.comparingDouble(QueryMove::delta).thenComparing(QueryMove::queryId))
                    .limit(top)
                    .forEach(regressed::add);
        }
        if (deltas.isEmpty()) {
            throw new IllegalArgumentException("eval runs " + a.id() + " and " + b.id()
                    + " share no mode and metric to compare: " + a.modes() + " vs " + b.modes());
        }
        return new Report(a, b, moveMetric, deltas, improved, regressed);
    }

    /**
     * Regressions that fail a gate: a drop larger than {@code maxDrop} that the paired test finds
     * significant at {@code alpha}. Messages name mode, metric, delta, interval and p-value.
     */
    public static List<String> regressions(Report report, double maxDrop, double alpha) {
        List<String> failures = new ArrayList<>();
        for (MetricDelta d : report.deltas()) {
            PairedComparison c = d.comparison();
            if (-c.meanDelta() > maxDrop && c.pValue() < alpha) {
                failures.add(String.format(
                        java.util.Locale.ROOT,
                        "%s %s dropped by %.4f against run %d (95%% CI %.4f..%.4f, p = %.4f); at most %.4f allowed",
                        d.mode(),
                        d.metric(),
                        -c.meanDelta(),
                        report.baseline().id(),
                        c.ciLow(),
                        c.ciHigh(),
                        c.pValue(),
                        maxDrop));
            }
        }
        return failures;
    }

    private static Map<String, Map<String, EvalQueryResult>> byModeAndQuery(List<EvalQueryResult> results) {
        Map<String, Map<String, EvalQueryResult>> out = new LinkedHashMap<>();
        for (EvalQueryResult r : results) {
            out.computeIfAbsent(r.mode(), m -> new LinkedHashMap<>()).put(r.queryId(), r);
        }
        return out;
    }
}
