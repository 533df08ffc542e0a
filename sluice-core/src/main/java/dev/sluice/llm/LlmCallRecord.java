package dev.sluice.llm;

/**
 * One row of the LLM ledger: a call through the gateway, made or refused.
 *
 * @param id row id (0 before it is saved)
 * @param atMillis when the call started (epoch milliseconds)
 * @param purpose what the call was for (answer, judge, enrich, ...)
 * @param model the model asked
 * @param promptVersion the prompt's version, or null
 * @param keyId the API key's id for per-key budgets (never the key itself)
 * @param inputTokens prompt tokens the provider reported (0 when none were reported)
 * @param outputTokens completion tokens the provider reported
 * @param costPicoUsd the exact cost in picodollars (1e-12 USD); budgets sum this
 * @param latencyMillis wall time of the whole call, retries and waits included
 * @param outcome the gateway's outcome name in lower case (ok, cached, failed, ...)
 * @param attempts HTTP requests made (0 for cached or refused calls)
 * @param error what went wrong, or null
 */
public record LlmCallRecord(
        long id,
        long atMillis,
        String purpose,
        String model,
        String promptVersion,
        String keyId,
        long inputTokens,
        long outputTokens,
        long costPicoUsd,
        long latencyMillis,
        String outcome,
        int attempts,
        String error) {
    /** The cost in US dollars (for people and reports; sums of this are not exact). */
    public double costUsd() {
        return costPicoUsd / 1e12;
    }
}
