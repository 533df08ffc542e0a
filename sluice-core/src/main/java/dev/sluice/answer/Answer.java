package dev.sluice.answer;

import dev.sluice.conflict.Conflict;
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
 * @param conflicts passages of its context that disagree on what was asked, most relevant first; the
 *     text warns about them and cites both sides (see {@link dev.sluice.conflict.SentenceConflicts});
 *     empty when they agree, and for a "not found" answer
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
        List<ContextChunk> context,
        List<Conflict> conflicts) {
    public Answer {
        context = List.copyOf(context);
        citations = List.copyOf(citations);
        problems = List.copyOf(problems);
        conflicts = List.copyOf(conflicts);
    }

    /** An answer whose passages do not disagree (no conflicts). */
    public Answer(
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
        this(
                question,
                text,
                kind,
                citations,
                grounded,
                problems,
                note,
                topSimilarity,
                model,
                promptVersion,
                context,
                List.of());
    }

    /** The citation number of a passage of the context, by chunk id; 0 when it is not in the context. */
    public int numberOf(String chunkId) {
        for (ContextChunk c : context) {
            if (c.hit().chunkId().equals(chunkId)) {
                return c.number();
            }
        }
        return 0;
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
