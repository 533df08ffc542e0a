package dev.sluice.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.conflict.Conflict;
import dev.sluice.conflict.Passage;
import dev.sluice.conflict.SentenceConflicts;
import dev.sluice.enrich.DocumentAttributes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the ingestion check compares and keeps, on sentences from real 10-K filings of one company and two. */
class ConflictScopeTest {
    private static final DocumentAttributes CORNING_2020 =
            new DocumentAttributes("Corning Incorporated", "10-K", 2020, 0, List.of("corning"));
    private static final DocumentAttributes CORNING_2021 =
            new DocumentAttributes("Corning Incorporated", "10-K", 2021, 0, List.of("corning"));
    private static final DocumentAttributes BEST_BUY_2023 =
            new DocumentAttributes("Best Buy Co., Inc.", "10-K", 2023, 0, List.of("best buy"));
    private static final DocumentAttributes LOCKHEED_2022 =
            new DocumentAttributes("Lockheed Martin Corporation", "10-K", 2022, 0, List.of("lockheed martin"));

    /** The one conflict the answer path's detector finds between two sentences, with no question. */
    private static Conflict conflict(String a, String b) {
        List<Conflict> found = new SentenceConflicts()
                .find(
                        null,
                        List.of(new Passage("a", "file:///a.pdf", "1", a), new Passage("b", "file:///b.pdf", "1", b)));
        assertThat(found).as("the detector's finding").hasSize(1);
        return found.getFirst();
    }

    @Test
    void should_not_compare_two_issuers_whose_figures_are_two_facts() {
        assertThat(ConflictScope.sameIssuer(BEST_BUY_2023, LOCKHEED_2022)).isFalse();
        assertThat(ConflictScope.sameIssuer(CORNING_2020, CORNING_2021)).isTrue();
        assertThat(ConflictScope.sameIssuer(CORNING_2020, DocumentAttributes.NONE))
                .isTrue();
        assertThat(ConflictScope.sameIssuer(
                        CORNING_2020, new DocumentAttributes("CORNING INC", null, 0, 0, List.of("corning"))))
                .isTrue();
    }

    @Test
    void should_drop_a_figure_that_holds_for_each_filings_own_year() {
        Conflict c = conflict(
                "The cost is expected to be recognized over a weighted-average period of 2.4 years.",
                "The cost is expected to be recognized over a weighted-average period of 2.1 years.");
        assertThat(ConflictScope.keep(c, CORNING_2020, CORNING_2021)).isFalse();
        assertThat(ConflictScope.keep(c, CORNING_2020, CORNING_2020))
                .as("one period: a conflict")
                .isTrue();
        assertThat(ConflictScope.keep(c, DocumentAttributes.NONE, CORNING_2021))
                .as("period unknown")
                .isTrue();
    }

    @Test
    void should_keep_a_restated_figure_for_a_year_both_sentences_name_but_no_date_that_is_the_period() {
        Conflict restated = conflict(
                "Operating income in fiscal 2020 was $812 million.",
                "Operating income in fiscal 2020 was $798 million.");
        assertThat(ConflictScope.keep(restated, CORNING_2020, CORNING_2021)).isTrue();
        Conflict twoYears = conflict(
                "Approximately 12% of its 2020 operating profit was derived from its share of earnings from equity"
                        + " method investees.",
                "Approximately 6% of its 2021 operating profit was derived from its share of earnings from equity"
                        + " method investees.");
        assertThat(ConflictScope.keep(twoYears, CORNING_2020, CORNING_2021)).isFalse();
        Conflict period = conflict(
                "Amounts related to other liabilities represent the contractual obligations recorded as of December"
                        + " 31, 2020.",
                "Amounts related to other liabilities represent the contractual obligations recorded as of December"
                        + " 31, 2021.");
        assertThat(period.kind()).isEqualTo("date");
        assertThat(ConflictScope.keep(period, CORNING_2020, CORNING_2021)).isFalse();
    }
}
