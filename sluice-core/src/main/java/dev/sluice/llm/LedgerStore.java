package dev.sluice.llm;

import java.util.List;
import java.util.function.Consumer;

/**
 * The LLM ledger seam: one row per call through the {@link LlmGateway}, with tokens and cost exact
 * to the token, so budgets hold across processes and {@code sluice costs} can be trusted. The
 * embedded implementation is the SQLite catalog; implementations are thread-safe and a row is
 * durable when {@link #recordLlmCall} returns.
 *
 * <p>Budgets are held by the ledger itself, not by a copy in each process: {@link #reserveLlmSpend}
 * reads the spend and the open reservations and adds a reservation in one step that no other
 * process sharing the store can interleave with (the embedded store: one {@code BEGIN IMMEDIATE}
 * transaction of SQLite).
 */
public interface LedgerStore {
    /**
     * Spend of one period and scope in picodollars.
     *
     * @param settledPicoUsd the ledger's rows
     * @param reservedPicoUsd open reservations of calls in flight (stale ones left out)
     */
    record Spend(long settledPicoUsd, long reservedPicoUsd) {
        public long total() {
            return settledPicoUsd + reservedPicoUsd;
        }
    }

    /** Where the budgets stand for one call: today and this month, over all keys and for the call's key. */
    record Standing(Spend day, Spend month, Spend keyDay, Spend keyMonth) {}

    /**
     * Atomically with respect to every other process and thread sharing this store: drops stale
     * reservations ({@link LlmReservation#stale}), sums the spend and open reservations since
     * {@code dayStartMillis} and {@code monthStartMillis} (all keys, and the reservation's key), hands
     * them to {@code check}, and records the reservation unless {@code check} throws, in which case
     * nothing is recorded and the exception reaches the caller.
     *
     * @return the reservation's id, for {@link #releaseLlmReservation}
     */
    long reserveLlmSpend(
            LlmReservation reservation, long dayStartMillis, long monthStartMillis, Consumer<Standing> check);

    /** Removes a reservation (after its call's row is written); an unknown id is ignored. */
    void releaseLlmReservation(long id);

    /** The open reservations, oldest first, stale ones included. */
    List<LlmReservation> llmReservations();

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
