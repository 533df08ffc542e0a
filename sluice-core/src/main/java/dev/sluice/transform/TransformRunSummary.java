package dev.sluice.transform;

/**
 * What one run of the transforms did (one {@link Transforms} from open to close).
 *
 * @param calls requests made to the model (repairs and escalations included)
 * @param cacheHits items answered from the store without a call
 * @param valid items with a valid output (from the store or new)
 * @param invalid items whose output stayed invalid (recorded, not used)
 * @param escalations items sent to the strong model after the cheap one failed validation
 * @param failed items that failed for another reason (provider errors); retried by the next run
 * @param pending items not done because a budget was reached
 * @param inputTokens prompt tokens billed in this run
 * @param outputTokens completion tokens billed
 * @param costPicoUsd what this run spent (1e-12 USD), batch results it collected included
 * @param batched items this run submitted to the provider's batch API (batch mode)
 * @param collected batch results this run collected into the store
 */
public record TransformRunSummary(
        long calls,
        long cacheHits,
        long valid,
        long invalid,
        long escalations,
        long failed,
        long pending,
        long inputTokens,
        long outputTokens,
        long costPicoUsd,
        long batched,
        long collected) {
    public static final TransformRunSummary EMPTY = new TransformRunSummary(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public double costUsd() {
        return costPicoUsd / 1e12;
    }
}
