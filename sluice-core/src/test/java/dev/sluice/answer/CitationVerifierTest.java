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
}
