package dev.sluice.transform;

/**
 * One stored output of a transform: the cache entry that makes runs replayable. Its key is (transform,
 * promptVersion, model, inputHash); an unchanged input under the same key never calls the model again.
 *
 * @param transform the step's name
 * @param promptVersion the prompt's version (the step's {@code version}, else the prompt's content version)
 * @param model the model that wrote it
 * @param inputHash SHA-256 of what the model was given to work on (the item's text and the output schema)
 * @param item the document URI or chunk id it was made for (for status and diff; not part of the key)
 * @param valid whether it satisfied the schema; an invalid output is kept only to skip repeating it
 * @param outputJson the output as JSON (null when the reply was not JSON)
 * @param error why it is invalid, or null
 * @param inputTokens prompt tokens billed for it, repair included
 * @param outputTokens completion tokens billed
 * @param costPicoUsd what it cost (1e-12 USD)
 * @param createdMillis when it was written
 * @param runId the run that wrote it
 */
public record TransformOutput(
        String transform,
        String promptVersion,
        String model,
        String inputHash,
        String item,
        boolean valid,
        String outputJson,
        String error,
        long inputTokens,
        long outputTokens,
        long costPicoUsd,
        long createdMillis,
        String runId) {}
