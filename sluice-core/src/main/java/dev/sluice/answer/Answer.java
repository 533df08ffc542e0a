package dev.sluice.answer;

import java.util.List;

/**
 * An answer with the passages it cites.
 *
 * @param question the question
 * @param text the answer, with citations as {@code [n]}
 * @param kind how it was made
 * @param citations the passages the text cites, by number
 * @param grounded whether every citation and quotation was checked against the context and holds
 * @param problems what the citation check found (and repaired), empty when nothing
 * @param note one line for people on how the answer came about (fallback reasons included), or null
 * @param topSimilarity the best cosine similarity between the question and a chunk, the relevance gate's input
 * @param model the language model that wrote it, or null
 * @param promptVersion the prompt version it was written with, or null
 * @param context the numbered passages it was answered from (empty when nothing relevant was found)
 */
public record Answer(
        String question,
        String text,
        Kind kind,
        List<Citation> citations,
        boolean grounded,
        List<String> problems,
        String note,
        double topSimilarity,
        String model,
        String promptVersion,
        List<ContextChunk> context) {
    public Answer {
        context = List.copyOf(context);
        citations = List.copyOf(citations);
        problems = List.copyOf(problems);
    }

    /** How an answer was made. */
    public enum Kind {
        /** Sentences taken from the best passages, as they are. */
        EXTRACTIVE,
        /** Written by a language model from the passages. */
        MODEL,
        /** Nothing relevant enough was found; the text says so. */
        NOT_FOUND
    }
}
