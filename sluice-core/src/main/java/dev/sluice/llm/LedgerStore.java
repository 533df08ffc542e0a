package dev.sluice.llm;

import java.util.List;

/**
 * The LLM ledger seam: one row per call through the {@link LlmGateway}, with tokens and cost exact
 * to the token, so budgets hold across processes and {@code sluice costs} can be trusted. The
 * embedded implementation is the SQLite catalog; implementations are thread-safe and a row is
 * durable when {@link #recordLlmCall} returns.
 */
public interface LedgerStore {
    /** Records one call (its key id is never null: an API key's id, else the provider key's variable or "none"); returns its row id. */
    long recordLlmCall(LlmCallRecord call);

    /** Spend in picodollars since {@code sinceMillis}, for one key or (keyId null) for all. */
    long llmSpendPicoUsd(long sinceMillis, String keyId);

    /** The calls since {@code sinceMillis}, oldest first. */
    List<LlmCallRecord> llmCalls(long sinceMillis);

    /** Spend by UTC day, model, purpose and outcome since {@code sinceMillis}, oldest day first. */
    List<LlmSpendRow> llmSpendByDay(long sinceMillis);

    /** Every call, summed. */
    LlmTotals llmTotals();
}
