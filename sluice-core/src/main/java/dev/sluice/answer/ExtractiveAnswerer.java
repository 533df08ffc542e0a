package dev.sluice.answer;

import dev.sluice.retrieve.QueryTerms;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Answers without a language model: the sentences of the best passages that share the most terms
 * with the question (after the index's analysis, so "rises" matches "rising"), a passage's rank
 * breaking ties, each followed by its citation. Nothing is reworded, so every sentence is exactly
 * in the passage it cites.
 *
 * <p>Sentences are split as the {@link CitationVerifier} splits them (a quotation is never cut at a
 * full stop inside it), and a sentence whose quotation marks do not pair up (a quotation cut by a
 * line or a chunk boundary) is not taken: joined to the next sentence, its lone mark would pair with
 * the next quotation's. So the answer passes its own citation check, whether the check reads the
 * spans it took ({@link #sentences}) or its text.
 */
public final class ExtractiveAnswerer {
    private static final int MAX_SENTENCES = 3;
    private static final int MAX_WORDS = 90;
    private static final int MIN_SENTENCE_CHARS = 12;

    private record Candidate(String sentence, int passage, double score, int order) {}

    private final dev.sluice.index.IndexLanguage language;

    /** Terms compared after English analysis, the default index language. */
    public ExtractiveAnswerer() {
        this(dev.sluice.index.IndexLanguage.DEFAULT);
    }

    /** Terms compared after the analysis of {@code language}: the language the searched index records. */
    public ExtractiveAnswerer(dev.sluice.index.IndexLanguage language) {
        this.language = java.util.Objects.requireNonNull(language, "language");
    }

    /** The answer text with {@code [n]} citations, from {@code context} (best passage first); never empty. */
    public String answer(String question, List<ContextChunk> context) {
        return String.join(" ", sentences(question, context));
    }

    /**
     * The answer's sentences, each with its {@code [n]} citation, in answer order; never empty. These are
     * the spans {@link CitationVerifier#verify(List, List)} checks.
     */
    public List<String> sentences(String question, List<ContextChunk> context) {
        if (context.isEmpty()) {
            throw new IllegalArgumentException("an extractive answer needs at least one passage");
        }
        Set<String> terms = QueryTerms.of(question, language);
        List<Candidate> candidates = new ArrayList<>();
        int order = 0;
        for (ContextChunk chunk : context) {
            for (String sentence : sentences(chunk)) {
                String flat = sentence.strip().replaceAll("\\s+", " ");
                if (flat.length() < MIN_SENTENCE_CHARS
                        || flat.startsWith("#")
                        || CitationVerifier.quoteMarks(flat) % 2 != 0) {
                    continue;
                }
                Set<String> words = QueryTerms.of(flat, language);
                long overlap = words.stream().filter(terms::contains).count();
                double score = terms.isEmpty() ? 0 : (double) overlap / terms.size() + 0.1 / chunk.number();
                candidates.add(new Candidate(flat, chunk.number(), overlap == 0 ? 0 : score, order++));
            }
        }
        candidates.sort(Comparator.comparingDouble(Candidate::score).reversed().thenComparingInt(Candidate::order));
        List<Candidate> chosen = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int words = 0;
        for (Candidate c : candidates) {
            if (chosen.size() == MAX_SENTENCES || c.score() == 0 && !chosen.isEmpty()) {
                break;
            }
            int length = c.sentence().split("\\s+").length;
            if (!chosen.isEmpty() && words + length > MAX_WORDS || !seen.add(c.sentence())) {
                continue;
            }
            chosen.add(c);
            words += length;
        }
        if (chosen.isEmpty()) {
            // No sentence shares a term with the question (a paraphrase found by meaning): the best passage's
            // opening, a whole one when there is one.
            List<String> first = sentences(context.getFirst());
            String opening = first.stream()
                    .filter(sentence -> CitationVerifier.quoteMarks(sentence) % 2 == 0)
                    .findFirst()
                    .orElse(first.isEmpty() ? context.getFirst().text() : first.getFirst());
            return List.of(withCitation(opening.strip().replaceAll("\\s+", " "), 1));
        }
        return chosen.stream().map(c -> withCitation(c.sentence(), c.passage())).toList();
    }

    /**
     * The sentences of a passage, line by line: a heading on a line of its own (the chunk repeats its
     * headings) is not a sentence, and never runs into the first sentence after it.
     */
    private static List<String> sentences(ContextChunk chunk) {
        Set<String> headings = new HashSet<>(chunk.hit().headingPath());
        if (chunk.hit().title() != null) {
            headings.add(chunk.hit().title());
        }
        List<String> out = new ArrayList<>();
        for (String line : chunk.text().split("\\n+")) {
            String flat = line.strip();
            if (flat.isEmpty() || headings.contains(flat)) {
                continue;
            }
            out.addAll(CitationVerifier.sentences(flat));
        }
        return out;
    }

    /** "Tides follow the moon. [2]" becomes "Tides follow the moon [2]." so the marker stays in the sentence. */
    private static String withCitation(String sentence, int passage) {
        String marker = " [" + passage + "]";
        char last = sentence.charAt(sentence.length() - 1);
        if (last == '.' || last == '!' || last == '?') {
            return sentence.substring(0, sentence.length() - 1) + marker + last;
        }
        return sentence + marker;
    }
}
