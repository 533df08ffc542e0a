package dev.sluice.embed;

import dev.sluice.chunk.TokenCounter;

/**
 * Turns text into a unit-length vector. Contract: the same text always gives the same vector; a
 * passage longer than {@link #maxInputTokens()} is rejected, never truncated (a truncated vector
 * would silently leave text out); {@link #embedQuery} applies the model's query instruction, if any.
 * Implementations are thread-safe: callers run one call per thread to keep every core busy.
 */
public interface Embedder extends AutoCloseable {
    /** Model id recorded with every vector, for example {@code bge-small-en-v1.5-q}. */
    String modelId();

    /** Model version recorded with every vector (artifact and version). */
    String modelVersion();

    int dimensions();

    /** Longest passage text in model tokens, special tokens excluded. */
    int maxInputTokens();

    /** Counts tokens the way this model does; chunkers size chunks with it. */
    TokenCounter tokenCounter();

    /** Embeds a passage (a chunk). Throws IllegalArgumentException when it is over the token limit. */
    float[] embedPassage(String text);

    /**
     * Passages per call that suit this model: 1 for a local model (one chunk per call per thread is
     * fastest on CPU), more for an endpoint (one request per batch).
     */
    default int batchSize() {
        return 1;
    }

    /** Embeds several passages, in order; an endpoint sends them in one request. */
    default java.util.List<float[]> embedPassages(java.util.List<String> texts) {
        return texts.stream().map(this::embedPassage).toList();
    }

    /** Embeds a search query, with the model's query instruction prefix. Long queries are cut to fit. */
    float[] embedQuery(String query);

    @Override
    void close();
}
