package dev.sluice;

import dev.sluice.answer.AnswerStore;
import dev.sluice.catalog.Catalog;
import dev.sluice.eval.EvalRunStore;
import dev.sluice.incident.IncidentSignals;
import dev.sluice.incident.IncidentStore;
import dev.sluice.llm.Budget;
import dev.sluice.llm.LedgerStore;
import dev.sluice.observe.TraceStore;
import java.util.List;

/** What the incident detectors read, from one knowledge base and its configuration. */
final class KnowledgeBaseSignals implements IncidentSignals {
    /** The drop the eval detector tolerates when {@code eval.regression.maxDrop} is not set. */
    static final double DEFAULT_EVAL_MAX_DROP = 0.01;

    private final KnowledgeBase kb;

    KnowledgeBaseSignals(KnowledgeBase kb) {
        this.kb = kb;
    }

    @Override
    public Catalog catalog() {
        return kb.catalog();
    }

    @Override
    public EvalRunStore evalRuns() {
        return kb.evalRuns();
    }

    @Override
    public LedgerStore ledger() {
        return kb.ledger();
    }

    @Override
    public AnswerStore answers() {
        return kb.answers();
    }

    @Override
    public TraceStore traces() {
        return kb.traces();
    }

    @Override
    public IncidentStore incidents() {
        return kb.incidentStore();
    }

    @Override
    public Budget.Limits budget() {
        return kb.config().llm().map(l -> l.budget()).orElse(Budget.Limits.none());
    }

    @Override
    public double evalMaxDrop() {
        Double configured = kb.config().eval().maxDrop();
        return configured != null ? configured : DEFAULT_EVAL_MAX_DROP;
    }

    @Override
    public double evalAlpha() {
        return kb.config().eval().alpha();
    }

    @Override
    public List<SourceHealth> sources(long nowMillis) {
        return kb.status(nowMillis).stream()
                .filter(SourceStatus::configured)
                .map(s -> new SourceHealth(s.name(), s.lastOkMillis(), s.freshness(), s.lastError()))
                .toList();
    }
}
