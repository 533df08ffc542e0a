package dev.sluice.llm;

import dev.sluice.core.ProcessOwner;

/**
 * An open reservation in the ledger: the most a call in flight may cost, counted against every budget
 * until the call's ledger row is written and the reservation released. It stops counting when it
 * expires or when its owner process is gone ({@link ProcessOwner#gone()}): a process killed in the
 * middle of a call holds no budget.
 *
 * @param atMillis when the call started; the reservation counts in that day and month, as its row will
 * @param keyId the key the call is charged to
 * @param picoUsd the call's worst-case cost in picodollars
 * @param expiresMillis when it stops counting even if never released (the longest the call can take)
 * @param owner the process making the call
 */
public record LlmReservation(long atMillis, String keyId, long picoUsd, long expiresMillis, ProcessOwner owner) {
    public LlmReservation {
        if (picoUsd < 0) {
            throw new IllegalArgumentException("LlmReservation.picoUsd must be >= 0, got " + picoUsd);
        }
        dev.sluice.core.Checks.notNull("LlmReservation.keyId", keyId);
        dev.sluice.core.Checks.notNull("LlmReservation.owner", owner);
    }

    /** Whether it no longer counts at {@code nowMillis}: expired, or its owner is gone. */
    public boolean stale(long nowMillis) {
        return nowMillis >= expiresMillis || owner.gone();
    }
}
