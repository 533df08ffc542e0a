package dev.sluice.incident;

import dev.sluice.answer.AnswerStore;
import dev.sluice.catalog.Catalog;
import dev.sluice.eval.EvalRunStore;
import dev.sluice.llm.Budget;
import dev.sluice.llm.LedgerStore;
import dev.sluice.observe.TraceStore;
import java.time.Duration;
import java.util.List;

/**
 * What the detectors read: the knowledge base's stores and where its sources stand. The front door
 * ({@code KnowledgeBase}) provides it; detectors never write anything but incidents.
 */
public interface IncidentSignals {
    Catalog catalog();

    EvalRunStore evalRuns();

    LedgerStore ledger();

    AnswerStore answers();

    TraceStore traces();

    IncidentStore incidents();

    /** The configured spend limits ({@link Budget.Limits#none()} without an llm section). */
    Budget.Limits budget();

    /** The largest drop of an eval metric allowed before the paired test is asked, and its significance level. */
    double evalMaxDrop();

    double evalAlpha();

    /** Where each configured source stands now. */
    List<SourceHealth> sources(long nowMillis);

    /**
     * One source's freshness.
     *
     * @param lastOkMillis start of its last successful sync, 0 when never
     * @param freshness its target, or null
     * @param lastError why its last sync failed, when it failed after the last success; else null
     */
    record SourceHealth(String name, long lastOkMillis, Duration freshness, String lastError) {
        public boolean breached(long nowMillis) {
            return freshness != null && (lastOkMillis == 0 || nowMillis - lastOkMillis > freshness.toMillis());
        }
    }
}
