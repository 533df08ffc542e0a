package dev.sluice.eval;

import dev.sluice.core.Checks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metric values of one run over an evaluation set: one value per query and metric, and their
 * means. Built by {@link MetricsCalculator#evaluate}.
 *
 * @param metrics the metrics, in the order asked for
 * @param perQuery query id to (metric to value), in query order; every query has every metric
 */
public record Evaluation(List<Metric> metrics, Map<String, Map<Metric, Double>> perQuery) {
    public Evaluation {
        metrics = List.copyOf(Checks.notNull("metrics", metrics));
        Map<String, Map<Metric, Double>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Map<Metric, Double>> e :
                Checks.notNull("perQuery", perQuery).entrySet()) {
            if (!e.getValue().keySet().containsAll(metrics)) {
                throw new IllegalArgumentException("query '" + e.getKey() + "' lacks a value for some of " + metrics);
            }
            copy.put(e.getKey(), Collections.unmodifiableMap(new LinkedHashMap<>(e.getValue())));
        }
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("an evaluation needs at least one query");
        }
        perQuery = Collections.unmodifiableMap(copy);
    }

    /** The evaluated query ids, in order. */
    public List<String> queryIds() {
        return List.copyOf(perQuery.keySet());
    }

    /** The values of one metric, one per query in {@link #queryIds()} order. */
    public double[] values(Metric metric) {
        requireMetric(metric);
        return perQuery.values().stream().mapToDouble(m -> m.get(metric)).toArray();
    }

    /** The mean of one metric over all evaluated queries. */
    public double mean(Metric metric) {
        double[] values = values(metric);
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** Metric to mean, in metric order. */
    public Map<Metric, Double> means() {
        Map<Metric, Double> means = new LinkedHashMap<>();
        for (Metric m : metrics) {
            means.put(m, mean(m));
        }
        return Collections.unmodifiableMap(means);
    }

    private void requireMetric(Metric metric) {
        if (!metrics.contains(metric)) {
            throw new IllegalArgumentException("metric " + metric + " was not evaluated; evaluated: " + metrics);
        }
    }
}
