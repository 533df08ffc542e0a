package dev.sluice.answer;

import dev.sluice.retrieve.Retriever;
import dev.sluice.retrieve.SearchFilters;
import dev.sluice.retrieve.SearchHit;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.retrieve.SearchRequest;
import java.util.List;

/**
 * Answers a question from the knowledge base: retrieve (hybrid), check that something relevant
 * enough was found (the best dense similarity against a threshold), build the numbered context,
 * answer, and verify the citations before returning. Without a language model the answer is
 * extractive; it is checked all the same.
 */
public final class Asker {
    /**
     * @param k passages retrieved
     * @param maxContextTokens estimated tokens of passages in the context
     * @param minSimilarity the best chunk's cosine similarity to the question below which the answer
     *     is "not found" rather than a guess; null for the model's own floor
     * @param filters metadata filters, applied inside the index query
     */
    public record Options(int k, int maxContextTokens, Double minSimilarity, SearchFilters filters) {
        public static final Options DEFAULTS = new Options(8, 3000, null, SearchFilters.NONE);

        public Options {
            dev.sluice.core.Checks.inRange("answer.k", k, 1, 100);
            dev.sluice.core.Checks.positive("answer.maxContextTokens", maxContextTokens);
            if (minSimilarity != null && !(minSimilarity >= -1 && minSimilarity <= 1)) {
                throw new IllegalArgumentException("answer.minSimilarity must be from -1 to 1, got " + minSimilarity);
            }
            filters = filters == null ? SearchFilters.NONE : filters;
        }
    }

    public static final String NOT_FOUND =
            "The knowledge base has nothing relevant enough to answer this; no answer is better than a guess.";

    private final Retriever retriever;
    private final double defaultFloor;
    private final ExtractiveAnswerer extractive = new ExtractiveAnswerer();
    private final CitationVerifier verifier = new CitationVerifier();

    /**
     * @param retriever serves dense and hybrid searches (the index's model loaded)
     * @param defaultFloor the relevance floor when the options give none: the model's
     */
    public Asker(Retriever retriever, double defaultFloor) {
        this.retriever = retriever;
        this.defaultFloor = defaultFloor;
    }

    public Answer ask(String question, Options options) {
        List<SearchHit> best = retriever.search(new SearchRequest(question, SearchMode.DENSE, 1, options.filters()));
        double similarity = best.isEmpty() ? -1 : best.getFirst().score();
        double floor = options.minSimilarity() != null ? options.minSimilarity() : defaultFloor;
        if (similarity < floor) {
            return new Answer(
                    question,
                    NOT_FOUND,
                    Answer.Kind.NOT_FOUND,
                    List.of(),
                    true,
                    List.of(),
                    String.format(
                            java.util.Locale.ROOT,
                            "best passage similarity %.3f is below the threshold %.2f",
                            similarity,
                            floor),
                    similarity);
        }
        List<SearchHit> hits =
                retriever.search(new SearchRequest(question, SearchMode.HYBRID, options.k(), options.filters()));
        List<ContextChunk> context = new ContextBuilder(options.k(), options.maxContextTokens()).build(hits);
        String text = extractive.answer(question, context);
        return verified(
                question,
                text,
                Answer.Kind.EXTRACTIVE,
                context,
                "extractive: no language model configured",
                similarity);
    }

    /** Checks the citations of {@code text}; repairs or refuses as {@link CitationVerifier} decides. */
    Answer verified(
            String question,
            String text,
            Answer.Kind kind,
            List<ContextChunk> context,
            String note,
            double similarity) {
        CitationVerifier.Verdict verdict = verifier.verify(text, context);
        if (verdict.refused()) {
            return new Answer(
                    question,
                    NOT_FOUND,
                    Answer.Kind.NOT_FOUND,
                    List.of(),
                    false,
                    verdict.problems(),
                    "refused: the answer's citations did not hold",
                    similarity);
        }
        List<Citation> citations = context.stream()
                .filter(c -> verdict.cited().contains(c.number()))
                .map(Citation::of)
                .toList();
        return new Answer(
                question,
                verdict.text(),
                kind,
                citations,
                true,
                verdict.problems(),
                verdict.passedAsIs()
                        ? note
                        : note + "; repaired: " + verdict.problems().size() + " sentence(s) removed",
                similarity);
    }
}
