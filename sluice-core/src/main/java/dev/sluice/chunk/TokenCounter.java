package dev.sluice.chunk;

/**
 * Counts tokens exactly as the embedding model's own tokenizer does, without special tokens and
 * without truncation. Thread-safe.
 */
public interface TokenCounter {
    /** Number of model tokens in {@code text}, excluding [CLS]/[SEP]-style special tokens. */
    int count(String text);

    /**
     * Character end offsets of each token in {@code text}, in order (token i covers up to
     * {@code ends[i]}). Used to split a run of text that has no sentence or word boundary. The array
     * has one entry per token: its length equals {@code count(text)}, and chunkers may use it as the
     * count.
     */
    int[] tokenEndOffsets(String text);
}
