package dev.sluice.transform;

import java.util.List;

/**
 * What a run of the transforms would do, before it runs: per transform and source, the items, those the
 * store already answers, the calls left, their tokens and cost. Input tokens are the gateway's estimate
 * (one token per three characters plus the chat overhead: {@link #INPUT_ESTIMATE_NOTE}); output tokens are
 * a typical figure per kind and a ceiling (the step's maxOutputTokens).
 *
 * @param rows per transform and source, in step order
 * @param documents documents read (extracted, normalized, chunked)
 * @param unreadable documents that could not be read (they would be quarantined)
 * @param perRunPicoUsd the per-run limit, 0 for none
 * @param dailyPicoUsd the daily limit, 0 for none
 * @param spentTodayPicoUsd what transforms already spent today (the ledger)
 */
public record TransformPlan(
        List<Row> rows,
        long documents,
        long unreadable,
        long perRunPicoUsd,
        long dailyPicoUsd,
        long spentTodayPicoUsd) {
    /** How far the input estimate is from what providers bill. */
    public static final String INPUT_ESTIMATE_NOTE = "input tokens are estimated at one per 3 characters plus 4 per"
            + " message, as the budget reserves them; BPE tokenizers count about one per 4 characters of English, so"
            + " providers bill up to about 25% fewer (more for other scripts); output is a typical figure per kind,"
            + " with the maxOutputTokens ceiling beside it";

    public TransformPlan {
        rows = List.copyOf(rows);
    }

    /**
     * One transform on one source.
     *
     * @param items documents (document steps) or chunks (chunk steps)
     * @param cached items the store answers without a call (a valid output, or an invalid one kept)
     * @param calls items that need the model
     * @param inputTokens estimated input tokens of those calls
     * @param outputTokens typical output tokens of those calls
     * @param maxOutputTokens the ceiling
     * @param costPicoUsd the cost of those calls on the cheap model with typical output (half in batch mode)
     * @param maxCostPicoUsd the cost at the output ceiling (repairs and escalations not included)
     */
    public record Row(
            String transform,
            String promptVersion,
            String model,
            String source,
            long items,
            long cached,
            long calls,
            long inputTokens,
            long outputTokens,
            long maxOutputTokens,
            long costPicoUsd,
            long maxCostPicoUsd) {}

    /** All rows summed (transform and source "*"). */
    public Row total() {
        long items = 0, cached = 0, calls = 0, in = 0, out = 0, maxOut = 0, cost = 0, maxCost = 0;
        for (Row r : rows) {
            items += r.items();
            cached += r.cached();
            calls += r.calls();
            in += r.inputTokens();
            out += r.outputTokens();
            maxOut += r.maxOutputTokens();
            cost += r.costPicoUsd();
            maxCost += r.maxCostPicoUsd();
        }
        return new Row("*", "*", "*", "*", items, cached, calls, in, out, maxOut, cost, maxCost);
    }
}
