package dev.sluice.eval;

import java.util.List;
import java.util.Map;

/**
 * One evaluation run as the catalog records it.
 *
 * @param id run id (0 before it is saved)
 * @param setName the eval set's name
 * @param setFingerprint a hash of the set's queries and judgments: runs are comparable only when equal
 * @param startedMillis when it started
 * @param finishedMillis when it finished
 * @param modes retrieval modes evaluated, in order
 * @param metrics metric names, in order
 * @param queries queries evaluated
 * @param modelId the index's embedding model
 * @param settings retrieval settings and anything else that explains the figures
 * @param means mean of each metric per mode (mode to metric name to value)
 */
public record EvalRunRecord(
        long id,
        String setName,
        String setFingerprint,
        long startedMillis,
        long finishedMillis,
        List<String> modes,
        List<String> metrics,
        int queries,
        String modelId,
        Map<String, String> settings,
        Map<String, Map<String, Double>> means) {
    public EvalRunRecord {
        modes = List.copyOf(modes);
        metrics = List.copyOf(metrics);
        settings = Map.copyOf(settings);
        means = Map.copyOf(means);
    }
}
