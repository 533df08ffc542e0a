package dev.sluice.answer;

import static dev.sluice.answer.CitationVerifierTest.passage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExtractiveAnswererTest {
    private final ExtractiveAnswerer answerer = new ExtractiveAnswerer();

    @Test
    void should_pick_the_sentences_sharing_most_terms_with_the_question_and_cite_them() {
        List<ContextChunk> context = List.of(
                passage(1, "Bakers love flour. Bread rises because yeast ferments sugars into gas."),
                passage(2, "Sourdough rises slowly with wild yeast. It keeps for days."));

        String answer = answerer.answer("why does bread rise", context);

        assertThat(answer).startsWith("Bread rises because yeast ferments sugars into gas [1].");
        assertThat(answer).contains("Sourdough rises slowly with wild yeast [2].");
        assertThat(answer).doesNotContain("Bakers love flour").doesNotContain("keeps for days");
        assertThat(new CitationVerifier().verify(answer, context).passedAsIs())
                .as("an extractive answer always passes its own citation check")
                .isTrue();
    }

    @Test
    void should_not_take_a_heading_line_for_part_of_a_sentence() {
        ContextChunk chunk = passage(1, "Doc 1\nTides follow the moon across the oceans.");
        assertThat(answerer.answer("what do tides follow", List.of(chunk)))
                .isEqualTo("Tides follow the moon across the oceans [1].");
    }

    @Test
    void should_answer_with_the_best_passage_opening_when_no_sentence_shares_a_term() {
        List<ContextChunk> context = List.of(passage(1, "Glaciers carve valleys. They move slowly."));
        assertThat(answerer.answer("ice sculpting landscapes", context)).isEqualTo("Glaciers carve valleys [1].");
    }

    /** Markdown as the extractor renders it: quotations across full stops, code words opening sentences. */
    static final String QUOTED_MARKDOWN = String.join(
            "\n",
            "Answers",
            "The extractive answer contains the sentences that share the most terms with the question, quoted as"
                    + " \"Tides follow the moon. Each one cites its passage\" and nothing else.",
            "sluice ask prints the extractive answer with the note \"extractive: no language model configured."
                    + " Checked all the same\" below it.",
            "Each line of an eval set is {\"id\": \"q1\", \"question\": \"...\", \"relevant\": [\"file:///...",
            "/faq.md\"]} and the extractive answer contains none of it.");

    @Test
    void should_take_a_quotation_with_a_full_stop_inside_as_one_sentence() {
        ContextChunk chunk = passage(1, "He said \"Stop. Wait here.\" and left the station.");
        assertThat(answerer.answer("what did he say", List.of(chunk)))
                .isEqualTo("He said \"Stop. Wait here.\" and left the station [1].");
    }

    @Test
    void should_pass_its_own_citation_check_when_quotations_span_sentences() {
        List<ContextChunk> context = List.of(passage(1, QUOTED_MARKDOWN));
        String question = "What does the extractive answer contain?";

        String answer = answerer.answer(question, context);

        assertThat(answer)
                .contains("\"Tides follow the moon. Each one cites its passage\" and nothing else [1].")
                .doesNotContain("file:///...");
        assertThat(new CitationVerifier().verify(answer, context).problems())
                .as("the answer's text, split again")
                .isEmpty();
        assertThat(new CitationVerifier()
                        .verify(answerer.sentences(question, context), context)
                        .passedAsIs())
                .as("the spans it took")
                .isTrue();
    }

    /**
     * Random passages of a few words, sentence ends ({@code . ? ! ...}, a new line) and quotations; with
     * {@code stray} also lone quotation marks, typographic and straight, anywhere.
     */
    private static List<ContextChunk> randomPassages(Random random, boolean stray) {
        String[] vocabulary = {"tides", "moon", "gates", "locks", "boats", "water", "rise", "fall", "keeper", "canal"};
        String[] stops = {". ", "? ", "! ", "... ", ".\n"};
        String[][] pairs = {{"\"", "\""}, {"“", "”"}};
        String[] marks = {"\"", "“", "”"};
        List<ContextChunk> context = new ArrayList<>();
        for (int p = 1; p <= 1 + random.nextInt(3); p++) {
            StringBuilder text = new StringBuilder();
            String[] open = null;
            int words = 10 + random.nextInt(60);
            for (int w = 0; w < words; w++) {
                if (open == null && w < words - 2 && random.nextInt(6) == 0) {
                    open = pairs[random.nextInt(pairs.length)];
                    text.append(open[0]);
                }
                String word = vocabulary[random.nextInt(vocabulary.length)];
                text.append(random.nextInt(4) == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
                if (stray && random.nextInt(12) == 0) {
                    text.append(marks[random.nextInt(marks.length)]);
                }
                boolean stop = random.nextInt(5) == 0;
                if (open != null && (random.nextInt(3) == 0 || w == words - 1)) {
                    text.append(stop && random.nextBoolean() ? stops[random.nextInt(3)].strip() : "")
                            .append(open[1]);
                    open = null;
                    stop = stop && random.nextBoolean();
                }
                text.append(stop ? stops[random.nextInt(stops.length)] : " ");
            }
            context.add(passage(p, text.toString().strip() + "."));
        }
        return context;
    }

    @Test
    void should_always_pass_its_own_citation_check_over_random_passages_with_quotations() {
        long seed = Seeds.seed("ExtractiveAnswererTest");
        Random random = new Random(seed);
        CitationVerifier verifier = new CitationVerifier();
        for (int round = 0; round < 1_000; round++) {
            boolean stray = round % 2 == 1;
            List<ContextChunk> context = randomPassages(random, stray);
            String question = "why do the tides and " + (stray ? "locks" : "gates") + " rise";

            List<String> spans = answerer.sentences(question, context);
            String answer = answerer.answer(question, context);

            assertThat(verifier.verify(spans, context).passedAsIs())
                    .as("%s: the spans of %s", Seeds.describe(seed), answer)
                    .isTrue();
            if (!stray) {
                // Split again, the text holds too when its quotations are whole; a lone mark in a passage
                // (an inch sign, a quotation cut by the chunk) can pair with another when the text is split
                // anew, which is why answers are checked by their spans.
                assertThat(verifier.verify(answer, context).passedAsIs())
                        .as(
                                "%s: %s, split as %s, over %s",
                                Seeds.describe(seed),
                                answer,
                                CitationVerifier.sentences(answer),
                                context.stream().map(ContextChunk::text).toList())
                        .isTrue();
            }
        }
    }
}
