package dev.sluice.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.retrieve.SearchHit;
import java.util.List;
import org.junit.jupiter.api.Test;

class CitationVerifierTest {
    private final CitationVerifier verifier = new CitationVerifier();

    static ContextChunk passage(int number, String text) {
        SearchHit hit = new SearchHit(
                number,
                1f,
                "c" + number,
                "file:///doc" + number + ".md",
                "docs",
                "doc" + number + ".md",
                "markdown",
                "Doc " + number,
                List.of(),
                0,
                0,
                0,
                0,
                text.length(),
                "heading-aware/3",
                "m",
                "1",
                text,
                text);
        return new ContextChunk(number, hit);
    }

    private static final List<ContextChunk> CONTEXT = List.of(
            passage(1, "Tides are caused by the gravitational pull of the moon on the oceans."),
            passage(2, "Spring tides happen when the sun and the moon line up."));

    @Test
    void should_pass_an_answer_whose_citations_and_quotes_hold() {
        String answer = "The moon causes tides [1]. When sun and moon line up, \"spring tides happen\" [2].";
        CitationVerifier.Verdict verdict = verifier.verify(answer, CONTEXT);
        assertThat(verdict.passedAsIs()).isTrue();
        assertThat(verdict.text()).isEqualTo(answer);
        assertThat(verdict.cited()).containsExactly(1, 2);
    }

    @Test
    void should_remove_a_sentence_that_cites_a_passage_outside_the_context() {
        CitationVerifier.Verdict verdict = verifier.verify("The moon causes tides [1]. Tides never stop [3].", CONTEXT);
        assertThat(verdict.refused()).isFalse();
        assertThat(verdict.text()).isEqualTo("The moon causes tides [1].");
        assertThat(verdict.problems()).singleElement().asString().contains("cites [3], which is not in the context");
    }

    @Test
    void should_remove_a_sentence_quoting_text_its_passage_does_not_hold() {
        CitationVerifier.Verdict verdict = verifier.verify(
                "The moon causes tides [1]. The source says \"the sun alone drives every tide\" [2].", CONTEXT);
        assertThat(verdict.text()).isEqualTo("The moon causes tides [1].");
        assertThat(verdict.problems()).singleElement().asString().contains("which is not in passage(s) [2]");
    }

    @Test
    void should_match_quotes_ignoring_case_whitespace_and_typographic_quotes() {
        CitationVerifier.Verdict verdict = verifier.verify("It is “the  gravitational PULL of the moon” [1].", CONTEXT);
        assertThat(verdict.passedAsIs()).isTrue();
    }

    @Test
    void should_refuse_an_answer_left_without_any_valid_citation() {
        assertThat(verifier.verify("Tides are caused by whales [5].", CONTEXT).refused())
                .isTrue();
        CitationVerifier.Verdict uncited = verifier.verify("Tides are caused by the moon.", CONTEXT);
        assertThat(uncited.refused()).isTrue();
        assertThat(uncited.problems()).containsExactly("the answer cites no passage of its context");
    }

    @Test
    void should_keep_a_citation_written_after_the_full_stop_with_its_sentence() {
        CitationVerifier.Verdict verdict =
                verifier.verify("The moon causes tides. [1] Spring tides exist. [2]", CONTEXT);
        assertThat(verdict.passedAsIs()).isTrue();
        assertThat(verdict.cited()).containsExactly(1, 2);
    }

    @Test
    void should_not_end_a_sentence_inside_a_quotation_that_closes_a_few_sentences_later() {
        assertThat(CitationVerifier.sentences("He said \"Stop. Wait here.\" and left. Then it rained."))
                .containsExactly("He said \"Stop. Wait here.\" and left. ", "Then it rained.");
        assertThat(CitationVerifier.sentences("See {\"id\": \"file:///...\n/faq.md\", \"grade\": 2}. Done."))
                .as("a break at an ellipsis inside a quoted value")
                .hasSize(2);
        assertThat(CitationVerifier.sentences("A 15\" screen. It is bright. Very. Quite. So. Yes. Done."))
                .as("a lone mark that no later one closes splits as before")
                .hasSize(7);
    }

    @Test
    void should_pair_quotation_marks_in_order_and_never_check_the_text_between_two_quotations() {
        List<ContextChunk> context = List.of(passage(
                1, "Asked whether boats may pass, the keeper said \"yes\". Then: \"the gates close at night\"."));
        // The words between the two quotations are the answer's own: they are no quotation.
        assertThat(verifier.verify(
                                "The keeper said \"yes\" and, in other words, \"the gates close at night\" [1].",
                                context)
                        .problems())
                .isEmpty();
        assertThat(verifier.verify(
                                "The keeper said \"yes\" and, in other words, \"the gates never close at all\" [1].",
                                context)
                        .refused())
                .as("the second quotation is checked, not skipped")
                .isTrue();
        assertThat(CitationVerifier.quotations("a \"b\" c \"d e\" f \"g"))
                .as("1 with 2, 3 with 4; the fifth mark opens nothing")
                .containsExactly("b", "d e");
    }

    @Test
    void should_check_exactly_the_given_sentences_when_an_answer_is_made_of_known_spans() {
        List<ContextChunk> context = List.of(passage(1, "He said \"Stop now. Wait here for me.\" and left."));
        // Joined, a lone mark would pair with the next sentence's; checked as the spans they are, each holds.
        List<String> spans = List.of("He said \"Stop now [1].", "Wait here for me.\" and left [1].");
        assertThat(verifier.verify(spans, context).passedAsIs()).isTrue();
        assertThat(verifier.verify(spans, context).text())
                .isEqualTo("He said \"Stop now [1]. Wait here for me.\" and left [1].");
        assertThat(verifier.verify(List.of("He says \"the boats never stop here\" [1]."), context)
                        .refused())
                .as("a quotation its passage does not hold still fails")
                .isTrue();
    }
}
