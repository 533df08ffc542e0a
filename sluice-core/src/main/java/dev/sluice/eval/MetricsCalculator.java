package dev.sluice.eval;

import dev.sluice.core.Checks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes metrics for one query and for a whole run. Stateless and thread-safe.
 *
 * <p>Averages run over every query of the set (or every query of the qrels): a query with no
 * ranking, or an empty one, scores 0. This is trec_eval with {@code -c}; plain trec_eval would
 * instead skip queries that the run lacks. Rankings for queries outside the set are ignored, as
 * trec_eval ignores run lines for unjudged queries.
 */
public final class MetricsCalculator {
    private MetricsCalculator() {}

    /** Each metric's value for one query, in the order of {@code metrics}. */
    public static Map<Metric, Double> perQuery(Ranking ranking, Map<String, Integer> judgments, List<Metric> metrics) {
        Checks.notNull("metrics", metrics);
        JudgedRanking judged = JudgedRanking.of(ranking, judgments);
        Map<Metric, Double> values = new LinkedHashMap<>();
        for (Metric m : metrics) {
            values.put(m, m.score(judged));
        }
        return values;
    }

    /**
     * Evaluates a run over every query of the set, in set order.
     *
     * @param run query id to ranking; missing queries count as empty rankings
     */
    public static Evaluation evaluate(EvalSet set, Map<String, Ranking> run, List<Metric> metrics) {
        Checks.notNull("set", set);
        return evaluate(set.qrels(), set.queryIds(), run, metrics);
    }

    /**
     * Evaluates a run over every judged query of the qrels, in qrels order: trec_eval {@code -c}.
     *
     * @param run query id to ranking; missing queries count as empty rankings
     */
    public static Evaluation evaluate(Qrels qrels, Map<String, Ranking> run, List<Metric> metrics) {
        Checks.notNull("qrels", qrels);
        return evaluate(qrels, List.copyOf(qrels.queryIds()), run, metrics);
    }

    private static Evaluation evaluate(
            Qrels qrels, List<String> queryIds, Map<String, Ranking> run, List<Metric> metrics) {
        Checks.notNull("run", run);
        Checks.notNull("metrics", metrics);
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("metrics must not be empty; known: " + Metric.KNOWN);
        }
        Map<String, Map<Metric, Double>> perQuery = new LinkedHashMap<>();
        for (String id : queryIds) {
            perQuery.put(id, perQuery(run.getOrDefault(id, Ranking.empty()), qrels.judgments(id), metrics));
        }
        return new Evaluation(metrics, perQuery);
    }
}
