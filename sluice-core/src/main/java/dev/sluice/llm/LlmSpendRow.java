package dev.sluice.llm;

/**
 * LLM spend for one UTC day, model, purpose and outcome.
 *
 * @param day the UTC day as yyyy-MM-dd
 * @param costPicoUsd the exact cost in picodollars
 */
public record LlmSpendRow(
        String day,
        String model,
        String purpose,
        String outcome,
        long calls,
        long inputTokens,
        long outputTokens,
        long costPicoUsd) {
    public double costUsd() {
        return costPicoUsd / 1e12;
    }
}
