package dev.sluice.llm;

/** Every LLM call of the ledger, summed: calls, tokens, answers from the cache, and the exact cost. */
public record LlmTotals(long calls, long inputTokens, long outputTokens, long cached, long picoUsd) {}
