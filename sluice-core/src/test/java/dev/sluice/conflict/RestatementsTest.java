package dev.sluice.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A sentence copied into another document with one number changed is a conflict however long the sentence
 * is; numbers that name rather than count (labels, dates, pages, exhibit and footnote numbers) and lines
 * that are no sentences are not. The sentences are real: SciFact abstracts and SEC filings.
 */
class RestatementsTest {
    private static final String SURVEY = "METHODS AND FINDINGS Using consumption and price variations data from a"
            + " nationally representative survey of 100,855 Indian households, we first calculated how changes in SSB"
            + " price alter per capita consumption of SSBs and substitution with other beverages.";

    private static List<Conflict> find(String question, String a, String b) {
        return new SentenceConflicts()
                .find(
                        question,
                        List.of(
                                new Passage("c1", "file:/docs/a.md", null, a),
                                new Passage("c2", "file:/docs/b.md", null, b)));
    }

    @Test
    void should_find_a_long_sentence_restated_with_its_one_number_changed() {
        List<Conflict> found = find(
                "Taxation of sugar-sweetened beverages reduced the incidence rate of type II diabetes in India.",
                SURVEY,
                SURVEY.replace("100,855", "201,855"));
        assertThat(found).hasSize(1); // once, not again by the sentence-by-sentence comparison
        Conflict c = found.getFirst();
        assertThat(c.kind()).isEqualTo("number");
        assertThat(c.valueA()).isEqualTo("100,855 Indian");
        assertThat(c.valueB()).isEqualTo("201,855 Indian");
        assertThat(c.sentenceA()).isEqualTo(SURVEY);
        assertThat(c.subject()).isEqualTo("beverages"); // the word the question shares with it
    }

    @Test
    void should_find_a_restated_bound_and_money_with_its_sign() {
        String window = "Nonconscious processing of masked words was observed in multiple cortical areas, mostly within"
                + " an early time window (<300 ms), accompanied by induced gamma-band activity.";
        assertThat(find(
                        "When does nonconscious processing of masked words occur?",
                        window,
                        window.replace("300", "601")))
                .extracting(Conflict::valueA, Conflict::valueB)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("300 ms", "601 ms"));
        String receivables = "Receivables, net consist of approximately $1.2 billion from the U.S. Government.";
        assertThat(find("What are receivables from the government?", receivables, receivables.replace("1.2", "1.8")))
                .extracting(Conflict::valueA, Conflict::valueB)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("$1.2 billion", "$1.8 billion"));
    }

    @Test
    void should_count_a_part_of_a_hyphenated_word_and_a_point_in_time_as_asked() {
        String trials = "STUDIES REVIEWED Double blind randomised placebo controlled trials of approved anti-obesity"
                + " drugs used in adults (age over 18) for one year or longer.";
        assertThat(find("Medications to treat obesity are highly effective.", trials, trials.replace("18", "37")))
                .hasSize(1);
        String screening = "CONCLUSIONS In this cohort of extremely preterm infants, screening echocardiography before"
                + " day 3 of life was associated with lower in-hospital mortality.";
        assertThat(find(
                        "Early screening decreases in-hospital mortality.",
                        screening,
                        screening.replace("day 3", "day 7")))
                .extracting(Conflict::valueA, Conflict::valueB)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("3", "7"));
    }

    @Test
    void should_not_flag_a_restatement_that_does_not_bear_on_the_question() {
        assertThat(find("Which city hosts the headquarters?", SURVEY, SURVEY.replace("100,855", "201,855")))
                .isEmpty();
    }

    @Test
    void should_not_flag_numbers_that_name_rather_than_count() {
        List<String[]> pairs = List.of(
                new String[] { // table of contents: the page of an entry
                    "Security Ownership of Certain Beneficial Owners and Management and Related Stockholder Matters 121",
                    "Security Ownership of Certain Beneficial Owners and Management and Related Stockholder Matters 110"
                },
                new String[] { // an exhibit number
                    "McRae (Incorporated by reference to Exhibit 10.5 of Corning’s Form 10-Q filed May 4, 2004).",
                    "McRae (Incorporated by reference to Exhibit 10.4 of Corning’s Form 10-Q filed May 4, 2004)."
                },
                new String[] { // a range of exhibits
                    "Exhibits 10.2 through 10.37 constitute management contracts or compensatory plans or arrangements.",
                    "Exhibits 10.2 through 10.41 constitute management contracts or compensatory plans or arrangements."
                },
                new String[] { // a note
                    "Please see Note 2 to the Consolidated Financial Statements in Item 8 of this report.",
                    "Please see Note 3 to the Consolidated Financial Statements in Item 8 of this report."
                },
                new String[] { // the day of a date
                    "Corporation’s Current Report on Form 8-K filed with the SEC on April 23, 2020.",
                    "Corporation’s Current Report on Form 8-K filed with the SEC on April 9, 2020."
                },
                new String[] { // a year: two periods
                    "The following table presents our net sales by segment for fiscal 2018 and the prior year.",
                    "The following table presents our net sales by segment for fiscal 2019 and the prior year."
                },
                new String[] { // an isotope
                    "To evaluate the density of myocardial muscarinic receptors, PET with (11)C-MQNB was used.",
                    "To evaluate the density of myocardial muscarinic receptors, PET with (23)C-MQNB was used."
                },
                new String[] { // a box of a paper
                    "This assumption is potentially but by no means correct, as Box 1 shows for computer learning.",
                    "This assumption is potentially but by no means correct, as Box 3 shows for computer learning."
                },
                new String[] { // a leading exhibit number (no-break spaces before it)
                    "\u00a0\u00a031.1 Certification Pursuant to Rule 13a-15(e), As Adopted Pursuant to Section 302.",
                    "\u00a0\u00a031.2 Certification Pursuant to Rule 13a-15(e), As Adopted Pursuant to Section 302."
                },
                new String[] { // a fragment: the tail of a sentence cut at a page
                    "expected to be recognized over a weighted average period of 1.7 years.",
                    "expected to be recognized over a weighted average period of 3 years."
                },
                new String[] { // one number written two ways
                    "Here, we report the 2.8 A structure of DdrB, a single-stranded DNA binding protein.",
                    "Here, we report the 2.80 A structure of DdrB, a single-stranded DNA binding protein."
                });
        for (String[] pair : pairs) {
            assertThat(Restatements.differingNumber(pair[0], pair[1]))
                    .as("%s / %s", pair[0], pair[1])
                    .isNull();
        }
    }

    @Test
    void should_not_flag_sentences_that_differ_in_more_than_one_token() {
        assertThat(Restatements.differingNumber(
                        "As of December 31, 2021, we had approximately 114,000 employees in our operations.",
                        "As of December 31, 2022, we had approximately 116,000 employees in our operations."))
                .isNull();
    }
}
