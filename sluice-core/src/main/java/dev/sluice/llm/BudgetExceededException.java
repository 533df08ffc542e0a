package dev.sluice.llm;

/** The call was not made: its reserved cost would have exceeded a daily or monthly budget. */
public final class BudgetExceededException extends LlmException {
    public BudgetExceededException(String message) {
        super(LlmOutcome.BUDGET_EXCEEDED, message);
    }
}
