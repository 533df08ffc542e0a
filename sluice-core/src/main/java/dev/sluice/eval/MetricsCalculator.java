package dev.sluice.eval;

import dev.sluice.core.Checks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

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

    /**
     * Each metric's value for one query, in the order of {@code metrics}; the query's evidence count is
     * the number of evidence ranks the ranking carries.
     */
    public static Map<Metric, Double> perQuery(Ranking ranking, Map<String, Integer> judgments, List<Metric> metrics) {
        return perQuery(JudgedRanking.of(ranking, judgments), metrics);
    }

    private static Map<Metric, Double> perQuery(JudgedRanking judged, List<Metric> metrics) {
        Checks.notNull("metrics", metrics);
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
     * @throws dev.sluice.core.SluiceException when a page metric is asked for and some queries have no
     *     evidence ({@link EvalSet#requireEvidenceFor})
     */
    public static Evaluation evaluate(EvalSet set, Map<String, Ranking> run, List<Metric> metrics) {
        Checks.notNull("set", set);
        Checks.notNull("metrics", metrics);
        set.requireEvidenceFor(metrics);
        return evaluate(set.qrels(), set.queryIds(), q -> set.evidence(q).size(), run, metrics);
    }

    /**
     * Evaluates a run over every judged query of the qrels, in qrels order: trec_eval {@code -c}. Qrels
     * hold no evidence, so the page metrics need {@link #evaluate(EvalSet, Map, List)}.
     *
     * @param run query id to ranking; missing queries count as empty rankings
     */
    public static Evaluation evaluate(Qrels qrels, Map<String, Ranking> run, List<Metric> metrics) {
        Checks.notNull("qrels", qrels);
        Checks.notNull("metrics", metrics);
        for (Metric m : metrics) {
            if (m.needsEvidence()) {
                throw new IllegalArgumentException(
                        m.name() + " needs the evidence of an eval set; qrels judge documents only");
            }
        }
        Checks.notNull("run", run);
        return evaluate(
                qrels,
                List.copyOf(qrels.queryIds()),
                q -> run.getOrDefault(q, Ranking.empty()).evidenceRanks().length,
                run,
                metrics);
    }

    private static Evaluation evaluate(
            Qrels qrels,
            List<String> queryIds,
            ToIntFunction<String> evidenceCount,
            Map<String, Ranking> run,
            List<Metric> metrics) {
        Checks.notNull("run", run);
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("metrics must not be empty; known: " + Metric.KNOWN);
        }
        Map<String, Map<Metric, Double>> perQuery = new LinkedHashMap<>();
        for (String id : queryIds) {
            JudgedRanking judged = JudgedRanking.of(
                    run.getOrDefault(id, Ranking.empty()), qrels.judgments(id), evidenceCount.applyAsInt(id));
            perQuery.put(id, perQuery(judged, metrics));
        }
        return new Evaluation(metrics, perQuery);
    }
}
