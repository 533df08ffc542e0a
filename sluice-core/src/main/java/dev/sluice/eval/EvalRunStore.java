package dev.sluice.eval;

import java.util.List;

/**
 * The evaluation-run seam: each finished {@code sluice eval run} with its per-query results, so runs
 * can be listed, compared and gated on regressions. The embedded implementation is the SQLite
 * catalog; implementations are thread-safe.
 */
public interface EvalRunStore {
    /** Records a finished run and its per-query results atomically; returns the run's id (increasing). */
    long saveEvalRun(EvalRunRecord run, List<EvalQueryResult> results);

    /** Every stored run, newest first. */
    List<EvalRunRecord> evalRuns();

    /** One run by id, or null. */
    EvalRunRecord evalRun(long id);

    /** The per-query results of a run (empty for an unknown run). */
    List<EvalQueryResult> evalResults(long runId);
}
