package dev.sluice.incident;

import dev.sluice.answer.AnswerStore;
import dev.sluice.catalog.Catalog;
import dev.sluice.eval.EvalRunStore;
import dev.sluice.llm.Budget;
import dev.sluice.llm.LedgerStore;
import dev.sluice.observe.TraceStore;
import java.util.List;

/** Real signals, passed through; a test overrides one read to make a detector fail. */
class ForwardingSignals implements IncidentSignals {
    private final IncidentSignals real;

    ForwardingSignals(IncidentSignals real) {
        this.real = real;
    }

    @Override
    public Catalog catalog() {
        return real.catalog();
    }

    @Override
    public EvalRunStore evalRuns() {
        return real.evalRuns();
    }

    @Override
    public LedgerStore ledger() {
        return real.ledger();
    }

    @Override
    public AnswerStore answers() {
        return real.answers();
    }

    @Override
    public TraceStore traces() {
        return real.traces();
    }

    @Override
    public IncidentStore incidents() {
        return real.incidents();
    }

    @Override
    public Budget.Limits budget() {
        return real.budget();
    }

    @Override
    public double evalMaxDrop() {
        return real.evalMaxDrop();
    }

    @Override
    public double evalAlpha() {
        return real.evalAlpha();
    }

    @Override
    public List<SourceHealth> sources(long nowMillis) {
        return real.sources(nowMillis);
    }
}
