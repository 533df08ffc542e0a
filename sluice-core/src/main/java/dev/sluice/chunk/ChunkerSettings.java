package dev.sluice.chunk;

import dev.sluice.core.Checks;
import java.util.Locale;

/**
 * How big chunks are, in the embedding model's tokens. Validated when built; immutable.
 *
 * <p>Chunk sizes are meaningful only against a model: check them with {@link
 * #requireWithinModelLimit(String, int)} once the model is known (the model's {@code
 * maxChunkTokens()}, which is its sequence limit less the special tokens). This class takes the
 * limit as a number so that {@code chunk} does not depend on {@code embed}, which sits below it in
 * the flow.
 *
 * @param maxTokens most model tokens in one chunk (default 256); {@code chunking.maxTokens}
 * @param overlapTokens most model tokens a chunk repeats from the end of the previous chunk of the
 *     same section (default 32), less than half of {@code maxTokens}; {@code chunking.overlapTokens}
 */
public record ChunkerSettings(int maxTokens, int overlapTokens) {
    public static final int DEFAULT_MAX_TOKENS = 256;
    public static final int DEFAULT_OVERLAP_TOKENS = 32;

    public ChunkerSettings {
        Checks.positive("chunking.maxTokens", maxTokens);
        String overlapProblem =
                overlapProblem(maxTokens, overlapTokens, "chunking.maxTokens", "chunking.overlapTokens");
        if (overlapProblem != null) {
            throw new IllegalArgumentException(overlapProblem);
        }
    }

    /**
     * Why this overlap cannot go with this chunk size, or null when it can; {@code maxName} and
     * {@code overlapName} are the names the user gave them (a sluice.yaml key or a flag).
     */
    public static String overlapProblem(int maxTokens, int overlapTokens, String maxName, String overlapName) {
        int most = (maxTokens - 1) / 2;
        if (overlapTokens < 0 || overlapTokens > most) {
            return String.format(
                    Locale.ROOT,
                    "%s must be between 0 and %d (less than half of %s=%d), got %d; lower %s or raise %s",
                    overlapName,
                    most,
                    maxName,
                    maxTokens,
                    overlapTokens,
                    overlapName,
                    maxName);
        }
        return null;
    }

    /**
     * Why chunks of {@code maxTokens} are too long for the model, or null when they fit; {@code
     * maxName} is the name the user gave the size (a sluice.yaml key or a flag).
     */
    public static String modelLimitProblem(int maxTokens, String maxName, String modelId, int modelMaxChunkTokens) {
        if (maxTokens <= modelMaxChunkTokens) {
            return null;
        }
        return String.format(
                Locale.ROOT,
                "%s is %d but embedding model %s takes at most %d tokens per chunk"
                        + " (its sequence limit less [CLS] and [SEP]); set %s <= %d,"
                        + " or the model silently cuts the end of every longer chunk",
                maxName,
                maxTokens,
                modelId,
                modelMaxChunkTokens,
                maxName,
                modelMaxChunkTokens);
    }

    /** 256 tokens, 32 of overlap. */
    public static ChunkerSettings defaults() {
        return new ChunkerSettings(DEFAULT_MAX_TOKENS, DEFAULT_OVERLAP_TOKENS);
    }

    /**
     * The defaults, lowered to fit a model that takes fewer than 256 tokens per chunk (all-MiniLM:
     * 126 tokens, 32 of overlap). An explicit choice for "no setting given", never a silent reset of
     * a value the user set: for that, use {@link #requireWithinModelLimit(String, int)}.
     */
    public static ChunkerSettings defaultsWithin(int modelMaxChunkTokens) {
        Checks.positive("modelMaxChunkTokens", modelMaxChunkTokens);
        int max = Math.min(DEFAULT_MAX_TOKENS, modelMaxChunkTokens);
        return new ChunkerSettings(max, Math.min(DEFAULT_OVERLAP_TOKENS, (max - 1) / 2));
    }

    /**
     * Fails when a chunk could be longer than the model embeds: the model would silently drop the end
     * of such a chunk, and that text would never be found by dense search.
     *
     * @param modelId the model's id, for the message ({@code EmbeddingModelSpec.id()})
     * @param modelMaxChunkTokens the model's {@code EmbeddingModelSpec.maxChunkTokens()}
     * @return this, for chaining
     */
    public ChunkerSettings requireWithinModelLimit(String modelId, int modelMaxChunkTokens) {
        Checks.notNull("modelId", modelId);
        Checks.positive("modelMaxChunkTokens", modelMaxChunkTokens);
        String problem = modelLimitProblem(maxTokens, "chunking.maxTokens", modelId, modelMaxChunkTokens);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return this;
    }
}
