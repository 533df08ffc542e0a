package dev.sluice.llm;

import java.util.Locale;

/** How a gateway call ended; its lower-case name is the ledger's {@code outcome} column. */
public enum LlmOutcome {
    /** The model answered. */
    OK,
    /** Served from the response cache: no request, no tokens, no cost. */
    CACHED,
    /** Not made: it would have exceeded a budget. */
    BUDGET_EXCEEDED,
    /** Not made: the circuit breaker is open after consecutive failures. */
    CIRCUIT_OPEN,
    /** The model answered, but not in the required schema. */
    INVALID_OUTPUT,
    /** Every attempt failed, or the provider refused the request (4xx other than 429). */
    FAILED;

    public String ledgerName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
