package dev.sluice.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.UsageException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReviewItemTest {
    private static IngestionConflicts.StoredChunk chunk(String version, String text) {
        return new IngestionConflicts.StoredChunk(
                0, "c1", "file:///a.md", version, "s", "a.md", "", 1, text, dev.sluice.enrich.DocumentAttributes.NONE);
    }

    private static ReviewItem.Side side(String sentence) {
        return new ReviewItem.Side("file:///a.md", "s", "a.md", "v1", "c1", 1, "", sentence, "16 weeks");
    }

    @Test
    void should_identify_a_pair_by_its_sentences_in_either_order_whatever_their_case_and_spacing() {
        String key = ReviewKeys.pairKey("Leave lasts 16 weeks.", "Leave lasts 12 weeks.");
        assertThat(ReviewKeys.pairKey("Leave lasts 12 weeks.", "Leave lasts 16 weeks."))
                .isEqualTo(key);
        assertThat(ReviewKeys.pairKey("leave  lasts\n16 WEEKS.", "Leave lasts 12 weeks."))
                .isEqualTo(key);
        assertThat(ReviewKeys.pairKey("Leave lasts 16 weeks.", "Leave lasts 14 weeks."))
                .isNotEqualTo(key);
    }

    @Test
    void should_accept_the_four_choices_of_a_person_and_name_them_when_given_another() {
        assertThat(Resolution.parseChoice(" Keep-Left ", "--as")).isEqualTo(Resolution.KEEP_LEFT);
        assertThat(Resolution.parseChoice("not-a-conflict", "--as")).isEqualTo(Resolution.NOT_A_CONFLICT);
        assertThatThrownBy(() -> Resolution.parseChoice("keep-both", "--as"))
                .isInstanceOf(UsageException.class)
                .hasMessage("--as must be one of keep-left, keep-right, both-valid, not-a-conflict, got 'keep-both'");
        assertThatThrownBy(() -> Resolution.parseChoice("source-changed", "resolution"))
                .hasMessageContaining("source-changed is set by Sluice");
        assertThat(Resolution.ofLabel("source-changed")).isEqualTo(Resolution.SOURCE_CHANGED);
        assertThat(Resolution.ofLabel("from-the-future")).isNull();
    }

    @Test
    void should_read_a_status_filter_with_all_as_no_filter() {
        assertThat(ReviewItem.statusFilter("OPEN", "--status")).isEqualTo("open");
        assertThat(ReviewItem.statusFilter("resolved", "--status")).isEqualTo("resolved");
        assertThat(ReviewItem.statusFilter("all", "--status")).isNull();
        assertThatThrownBy(() -> ReviewItem.statusFilter("closed", "status"))
                .hasMessage("status must be open, resolved or all, got 'closed'");
    }

    @Test
    void should_read_only_lines_that_close_a_sentence_and_are_no_heading() {
        String text = "# Acme annual report 2022\nResults of operations\nRevenue in 2022 was $5.2 billion.\n"
                + "Net sales growth 6 pts\nWas it \"final?\"\n";
        assertThat(ConflictScope.statements(text, "Acme annual report 2022 > Results of operations"))
                .isEqualTo("Revenue in 2022 was $5.2 billion.\nWas it \"final?\"\n");
    }

    @Test
    void should_hold_a_side_while_its_document_still_says_the_sentence_and_not_once_it_is_gone() {
        ReviewItem.Side side = side("Leave lasts 16 weeks.");
        assertThat(IngestionConflicts.gone(side, List.of(chunk("v1", "anything"))))
                .as("same version")
                .isNull();
        assertThat(IngestionConflicts.gone(side, List.of(chunk("v2", "Intro. Leave  lasts\n16 weeks. More."))))
                .as("changed elsewhere")
                .isNull();
        assertThat(IngestionConflicts.gone(side, List.of(chunk("v2", "Leave lasts 12 weeks."))))
                .isEqualTo("file:///a.md changed and no longer says: Leave lasts 16 weeks.");
        assertThat(IngestionConflicts.gone(side, List.of())).isEqualTo("file:///a.md is no longer in the index");
    }
}
