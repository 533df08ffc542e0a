package dev.sluice.answer;

import static dev.sluice.answer.CitationVerifierTest.passage;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
}
