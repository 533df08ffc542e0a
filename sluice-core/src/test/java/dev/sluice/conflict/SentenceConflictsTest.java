package dev.sluice.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The deterministic detector on real pairs of passages: what must be flagged (numbers, dates, names,
 * negations) and, as carefully, what must not (one quantity written two ways, different years, places,
 * cases or times, one document saying a thing twice).
 */
class SentenceConflictsTest {
    private final SentenceConflicts detector = new SentenceConflicts();

    private List<Conflict> find(String question, String... texts) {
        List<Passage> passages = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            passages.add(new Passage("chunk-" + (i + 1), "file:/docs/doc-" + (i + 1) + ".md", null, texts[i]));
        }
        return detector.find(question, passages);
    }

    @Test
    void should_find_two_handbooks_giving_different_weeks_of_parental_leave() {
        List<Conflict> found = find(
                "How long is parental leave?",
                "# Benefits\nAcme employees receive 16 weeks of paid parental leave. The leave can be split into two"
                        + " blocks.",
                "## Parental leave\nParental leave lasts 12 weeks. Tell your manager 30 days before it starts.");
        assertThat(found).hasSize(1);
        Conflict c = found.getFirst();
        assertThat(c.kind()).isEqualTo("number");
        assertThat(c.subject()).isEqualTo("parental leave");
        assertThat(c.a().id()).isEqualTo("chunk-1");
        assertThat(c.sentenceA()).isEqualTo("Acme employees receive 16 weeks of paid parental leave.");
        assertThat(c.valueA()).isEqualTo("16 weeks");
        assertThat(c.b().id()).isEqualTo("chunk-2");
        assertThat(c.sentenceB()).isEqualTo("Parental leave lasts 12 weeks.");
        assertThat(c.valueB()).isEqualTo("12 weeks");
    }

    @Test
    void should_find_amounts_of_money_that_differ_for_the_same_year() {
        assertThat(find(
                        "What was revenue in 2023?",
                        "Revenue in 2023 was $1.2 billion.",
                        "In 2023, revenue reached $1.5 billion."))
                .extracting(Conflict::kind, Conflict::valueA, Conflict::valueB)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("number", "$1.2 billion", "$1.5 billion"));
    }

    @Test
    void should_find_percentages_spelled_numbers_and_counts_that_differ() {
        assertThat(find(
                        "What was the revenue growth?",
                        "Revenue grew 15% in 2023.",
                        "Revenue grew 12 percent in 2023."))
                .extracting(Conflict::valueA, Conflict::valueB)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("15%", "12 percent"));
        assertThat(find(
                        "How long is parental leave?",
                        "Parental leave is sixteen weeks.",
                        "Parental leave is 12 weeks."))
                .hasSize(1);
        assertThat(find("How many employees does Acme have?", "Acme has 2000 employees.", "Acme has 2,400 employees."))
                .extracting(Conflict::valueA, Conflict::valueB)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("2000 employees", "2,400 employees"));
    }

    @Test
    void should_find_dates_that_differ_whatever_their_format() {
        assertThat(find(
                        "When does the travel policy take effect?",
                        "The travel policy takes effect on March 5, 2024.",
                        "The travel policy takes effect on 2024-04-01."))
                .extracting(Conflict::kind, Conflict::valueA, Conflict::valueB)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("date", "March 5, 2024", "2024-04-01"));
        assertThat(find(
                        "When was the company founded?",
                        "The company was founded in 2019.",
                        "The company was founded in 2021."))
                .extracting(Conflict::kind)
                .containsExactly("date");
    }

    @Test
    void should_find_a_statement_and_its_negation() {
        List<Conflict> found = find(
                "Is manager approval required for remote work?",
                "Manager approval is required for remote work.",
                "Manager approval is no longer required for remote work.");
        assertThat(found).extracting(Conflict::kind).containsExactly("negation");
        assertThat(found.getFirst().valueB()).isEqualTo("Manager approval is no longer required for remote work.");
        assertThat(find("Is remote work allowed?", "Remote work is prohibited.", "Remote work is allowed."))
                .extracting(Conflict::kind)
                .containsExactly("negation");
        assertThat(find("Is parental leave paid?", "Parental leave is paid.", "Parental leave is not paid."))
                .hasSize(1);
    }

    @Test
    void should_find_two_names_for_one_role() {
        assertThat(find("Who is the CEO?", "The CEO is Jane Smith.", "Our CEO is John Doe."))
                .extracting(Conflict::kind, Conflict::valueA, Conflict::valueB)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("name", "Jane Smith", "John Doe"));
        assertThat(find("Who is the CEO?", "The CEO is Jane Smith.", "Jane Smith is our CEO."))
                .isEmpty();
    }

    @Test
    void should_find_the_one_number_that_differs_between_parallel_sentences() {
        assertThat(find(
                        "Who are Aeronautics' customers?",
                        "Government customers accounted for 65% and international customers accounted for 35% of"
                                + " Aeronautics' net sales.",
                        "Government customers accounted for 90% and international customers accounted for 35% of"
                                + " Aeronautics' net sales."))
                .extracting(Conflict::valueA, Conflict::valueB)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("65%", "90%"));
    }

    @Test
    void should_find_two_versions_of_one_document_that_disagree_but_never_one_version_with_itself() {
        Passage old = new Passage("c1", "file:/hr/leave.md", "v1", "Parental leave is 12 weeks.");
        Passage current = new Passage("c2", "file:/hr/leave.md", "v2", "Parental leave is 16 weeks.");
        Passage again = new Passage("c3", "file:/hr/leave.md", "v2", "Parental leave is 12 weeks.");
        assertThat(detector.find("How long is parental leave?", List.of(old, current)))
                .hasSize(1);
        assertThat(detector.find("How long is parental leave?", List.of(current, again)))
                .isEmpty();
    }

    @Test
    void should_not_flag_one_quantity_written_with_another_scale_or_rounding() {
        assertThat(find(
                        "What was revenue in 2023?",
                        "Revenue in 2023 was $1.2 billion.",
                        "Revenue in 2023 was 1,200 million dollars."))
                .isEmpty();
        assertThat(find(
                        "What was revenue in 2023?",
                        "Revenue in 2023 was $1.2 billion.",
                        "In 2023, revenue reached 1200000000 USD."))
                .isEmpty();
        assertThat(find(
                        "What was revenue in 2023?",
                        "Revenue in 2023 was $1.2 billion.",
                        "Revenue in 2023 was $1,234 million."))
                .as("1,234 million rounds to 1.2 billion")
                .isEmpty();
        assertThat(find(
                        "What was revenue in 2023?",
                        "Revenue in 2023 was $1.2 billion.",
                        "Revenue in 2023 was $1.2bn."))
                .isEmpty();
    }

    @Test
    void should_not_flag_one_duration_or_share_written_in_other_units() {
        assertThat(find("How long is parental leave?", "Parental leave is 16 weeks.", "Parental leave is 112 days."))
                .isEmpty();
        assertThat(find("How long is the trial?", "The trial lasts 1 year.", "The trial lasts 12 months."))
                .isEmpty();
        assertThat(find(
                        "What was the growth?",
                        "Revenue growth was 15% in 2023.",
                        "Revenue growth was 15 percent in 2023."))
                .isEmpty();
        assertThat(find(
                        "How much storage?",
                        "Each account gets 1 GB of storage.",
                        "Each account gets 1000 MB of storage."))
                .isEmpty();
    }

    @Test
    void should_not_flag_the_same_date_written_two_ways() {
        assertThat(find(
                        "When does the policy take effect?",
                        "The policy takes effect on March 5, 2024.",
                        "The policy takes effect on 5 March 2024."))
                .isEmpty();
        assertThat(find(
                        "When does the policy take effect?",
                        "The policy takes effect in March 2024.",
                        "The policy takes effect on 2024-03-05."))
                .isEmpty();
    }

    @Test
    void should_not_flag_figures_of_different_years() {
        assertThat(find("What was revenue?", "Revenue in 2022 was $5M.", "Revenue in 2023 was $6M."))
                .isEmpty();
        assertThat(find("What was revenue?", "Revenue was $5M in fiscal 2022.", "Revenue was $6M in fiscal 2023."))
                .isEmpty();
        assertThat(find("What was revenue?", "Q3 revenue was $5M.", "Q4 revenue was $6M."))
                .isEmpty();
    }

    @Test
    void should_not_flag_passages_of_one_document() {
        Passage a = new Passage("c1", "file:/hr/leave.md", null, "Parental leave is 12 weeks.");
        Passage b = new Passage("c2", "file:/hr/leave.md", null, "Parental leave is 16 weeks.");
        assertThat(detector.find("How long is parental leave?", List.of(a, b))).isEmpty();
    }

    @Test
    void should_not_flag_different_places_products_or_groups() {
        assertThat(find(
                        "How long is parental leave?",
                        "In Germany, parental leave is 14 weeks.",
                        "In France, parental leave is 16 weeks."))
                .isEmpty();
        assertThat(find(
                        "How long is parental leave?",
                        "Germany offers 14 weeks of parental leave.",
                        "France offers 16 weeks of parental leave."))
                .isEmpty();
        assertThat(find(
                        "How much does the plan cost?",
                        "The Pro plan costs $20 per month.",
                        "The Basic plan costs $10 per month."))
                .isEmpty();
        assertThat(find("How long is leave?", "Paid parental leave is 16 weeks.", "Unpaid parental leave is 12 weeks."))
                .isEmpty();
        assertThat(find("How long is parental leave?", "Parental leave is 16 weeks.", "Sick leave is 12 weeks."))
                .isEmpty();
    }

    @Test
    void should_not_flag_a_value_narrowed_to_another_case_or_condition() {
        assertThat(find(
                        "How long is parental leave?",
                        "Parental leave is 16 weeks for birth parents.",
                        "Parental leave is 12 weeks for adoptive parents."))
                .isEmpty();
        assertThat(find(
                        "How many days of vacation?",
                        "Employees get 25 days of vacation per year.",
                        "Employees get 30 days of vacation per year after 5 years of service."))
                .isEmpty();
        assertThat(find(
                        "How long is parental leave?",
                        "Parental leave is 16 weeks if you have worked here for a year.",
                        "Parental leave is 12 weeks."))
                .isEmpty();
        assertThat(find(
                        "How much does the plan cost?",
                        "The plan costs $20 per month.",
                        "The plan costs $200 per year."))
                .isEmpty();
    }

    @Test
    void should_not_flag_a_change_over_time_or_a_bound() {
        assertThat(find("How long is parental leave?", "Parental leave was 12 weeks.", "Parental leave is 16 weeks."))
                .isEmpty();
        assertThat(find(
                        "How long is parental leave?",
                        "Parental leave was formerly 12 weeks.",
                        "Parental leave lasts 16 weeks."))
                .isEmpty();
        assertThat(find("Who is the CEO?", "The CEO is Jane Smith.", "The CEO was John Doe."))
                .isEmpty();
        assertThat(find(
                        "How long is parental leave?",
                        "Parental leave is at least 12 weeks.",
                        "Parental leave is 16 weeks."))
                .isEmpty();
        assertThat(find(
                        "How long is parental leave?",
                        "Parental leave is 12 to 16 weeks.",
                        "Parental leave is 16 weeks."))
                .isEmpty();
    }

    @Test
    void should_not_flag_sentences_that_do_not_bear_on_the_question() {
        assertThat(find(
                        "What is the rate limit?",
                        "The API allows 100 requests per minute.",
                        "The API allows 60 requests per minute."))
                .isEmpty();
        assertThat(find(
                        "How many requests per minute does the API allow?",
                        "The API allows 100 requests per minute.",
                        "The API allows 60 requests per minute."))
                .hasSize(1);
    }

    @Test
    void should_not_read_identifiers_or_table_rows_as_values() {
        assertThat(find(
                        "Where are the leave rules?",
                        "The leave rules are in section 3 of the handbook.",
                        "The leave rules are in section 4 of the handbook."))
                .isEmpty();
        assertThat(find(
                        "What did the company file?",
                        "The company filed its annual report on Form 10-K for fiscal 2022.",
                        "The company filed its annual report on Form 10-Q for fiscal 2022."))
                .isEmpty();
        assertThat(find(
                        "What was net income attributable to Corning?",
                        "Net income attributable to Corning Incorporated $ 1,906 $ 512 $ 960",
                        "Net income attributable to Corning Incorporated $ 1,906 $ 702 $ 960"))
                .as("a row of a table without its header may hold other years")
                .isEmpty();
    }

    @Test
    void should_put_the_conflicts_that_bear_most_on_the_question_first_and_keep_at_most_ten() {
        List<Conflict> found = find(
                "How long is parental leave for employees?",
                "The office opens 5 days a week. Employees receive 16 weeks of parental leave.",
                "The office opens 6 days a week. Employees receive 12 weeks of parental leave.");
        assertThat(found).extracting(Conflict::valueA).containsExactly("16 weeks");
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 15; i++) {
            a.append("Team ")
                    .append((char) ('A' + i))
                    .append(" holds ")
                    .append(10 + i)
                    .append(" parental leave days.\n");
            b.append("Team ")
                    .append((char) ('A' + i))
                    .append(" holds ")
                    .append(30 + i)
                    .append(" parental leave days.\n");
        }
        assertThat(find("parental leave days", a.toString(), b.toString())).hasSize(SentenceConflicts.MAX_CONFLICTS);
    }
}
