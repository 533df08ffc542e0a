package dev.sluice.transform;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How one item ended in a run.
 *
 * @param item the item
 * @param state what became of it
 * @param output the valid output (VALID only)
 * @param reason why it failed (INVALID, FAILED)
 * @param fix what the user can do (INVALID, FAILED)
 */
record ItemResult(TransformItem item, State state, JsonNode output, String reason, String fix) {
    enum State {
        VALID,
        INVALID,
        FAILED,
        PENDING
    }

    static ItemResult valid(TransformItem item, JsonNode output) {
        return new ItemResult(item, State.VALID, output, null, null);
    }

    static ItemResult pending(TransformItem item) {
        return new ItemResult(item, State.PENDING, null, null, null);
    }

    static ItemResult failed(TransformItem item, State state, String reason, String fix) {
        return new ItemResult(item, state, null, reason, fix);
    }
}
