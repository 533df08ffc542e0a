package dev.sluice.llm;

import dev.sluice.core.SluiceException;

/**
 * A gateway call that produced no usable reply; {@link #outcome()} says why. Callers fall back (to
 * retrieval-only answers, to no judgement) on any of these; {@link BudgetExceededException} and
 * {@link CircuitOpenException} mean no request was made at all.
 */
public class LlmException extends SluiceException {
    private final LlmOutcome outcome;

    public LlmException(LlmOutcome outcome, String message) {
        super(message);
        this.outcome = outcome;
    }

    public LlmOutcome outcome() {
        return outcome;
    }
}
