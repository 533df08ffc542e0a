package dev.sluice.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.SluiceException;
import dev.sluice.retrieve.SearchHit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The page metrics on hand-built chunk hits: which chunk covers which evidence item, and page hit,
 * page recall and page MRR worked out by hand.
 */
class PageMetricsTest {
    private static final String FILING = "filings/3M_2018_10K.pdf";

    /** A chunk hit at a 1-based rank, scored 1 / rank so the document ranking keeps the same order. */
    private static SearchHit chunk(int rank, String path, int pageStart, int pageEnd, String text) {
        return new SearchHit(
                rank,
                1f / rank,
                path + "#" + pageStart,
                "file:///kb/" + path,
                "docs",
                path,
                "pdf",
                path,
                List.of(),
                pageStart,
                pageEnd,
                0,
                0,
                text.length(),
                "heading-aware/1",
                "m",
                "1",
                text,
                text);
    }

    private static Map<Metric, Double> scores(List<SearchHit> hits, List<Evidence> evidence, String... metrics) {
        Ranking ranking = EvalRunner.ranking(hits, Set.of(FILING, "other.pdf"), evidence);
        List<Metric> parsed = new ArrayList<>();
        for (String m : metrics) {
            parsed.add(Metric.parse(m));
        }
        return MetricsCalculator.perQuery(ranking, Map.of(FILING, 1), parsed);
    }

    @Test
    void should_cover_page_60_with_a_chunk_spanning_pages_59_to_61_and_not_with_one_ending_at_59() {
        Evidence page60 = Evidence.page(FILING, 60);
        assertThat(page60.coveredBy(FILING, "file:///kb/" + FILING, 59, 61, "")).isTrue();
        assertThat(page60.coveredBy(FILING, "file:///kb/" + FILING, 60, 60, "")).isTrue();
        assertThat(page60.coveredBy(FILING, "file:///kb/" + FILING, 58, 59, "")).isFalse();
        assertThat(page60.coveredBy(FILING, "file:///kb/" + FILING, 61, 62, "")).isFalse();
        assertThat(page60.coveredBy(FILING, "file:///kb/" + FILING, 0, 0, ""))
                .as("an unpaged chunk")
                .isFalse();
        assertThat(page60.coveredBy("other.pdf", "file:///kb/other.pdf", 59, 61, ""))
                .as("the same page of another document")
                .isFalse();
        assertThat(Evidence.page("file:///kb/" + FILING, 60).coveredBy(FILING, "file:///kb/" + FILING, 59, 61, ""))
                .as("a document named by its URI")
                .isTrue();
    }

    @Test
    void should_find_a_passage_whatever_the_case_whitespace_hyphenation_and_compatibility_forms() {
        String chunkText = "Purchases of prop-\nerty, plant and equipment (PP&E)  \u00a0(1,577) ﬁnancial ＄";
        String normalized = Evidence.normalize(chunkText);
        assertThat(normalized).isEqualTo("purchasesofpropertyplantandequipmentppe1577financial");
        assertThat(Evidence.passage(FILING, "property, plant and EQUIPMENT (PP&E) (1,577)")
                        .coveredBy(FILING, "u", 0, 0, normalized))
                .isTrue();
        assertThat(Evidence.passage(FILING, "financial").coveredBy(FILING, "u", 0, 0, normalized))
                .as("the fi ligature reads as f and i under NFKC")
                .isTrue();
        assertThat(Evidence.passage(FILING, "plant and machinery").coveredBy(FILING, "u", 0, 0, normalized))
                .isFalse();
        assertThat(Evidence.passage(FILING, "property").coveredBy("other.pdf", "u", 0, 0, normalized))
                .as("the right words in another document")
                .isFalse();
    }

    @Test
    void should_score_a_hit_at_rank_2_as_page_hit_1_and_page_mrr_one_half() {
        List<SearchHit> hits = List.of(
                chunk(1, FILING, 12, 12, "risk factors"),
                chunk(2, FILING, 59, 61, "cash flow statement"),
                chunk(3, "other.pdf", 60, 60, "another filing's page 60"));
        Map<Metric, Double> values = scores(
                hits,
                List.of(Evidence.page(FILING, 60)),
                "page_hit@1",
                "page_hit@2",
                "page_mrr@1",
                "page_mrr@10",
                "page_recall@10",
                "hit@1");
        assertThat(values)
                .containsEntry(Metric.parse("page_hit@1"), 0.0)
                .containsEntry(Metric.parse("page_hit@2"), 1.0)
                .containsEntry(Metric.parse("page_mrr@1"), 0.0)
                .containsEntry(Metric.parse("page_mrr@10"), 0.5)
                .containsEntry(Metric.parse("page_recall@10"), 1.0)
                .as("the document was found at rank 1 even though its page was not")
                .containsEntry(Metric.parse("hit@1"), 1.0);
    }

    @Test
    void should_count_each_of_two_evidence_pages_once_for_page_recall() {
        List<SearchHit> hits = List.of(
                chunk(1, FILING, 58, 58, "the page before"),
                chunk(2, FILING, 70, 70, "second evidence page"),
                chunk(3, FILING, 70, 71, "second evidence page again"),
                chunk(4, FILING, 1, 1, "cover"),
                chunk(5, FILING, 69, 69, "first evidence page"));
        List<Evidence> evidence = List.of(Evidence.page(FILING, 69), Evidence.page(FILING, 70));
        assertThat(EvalRunner.evidenceRanks(hits, evidence)).containsExactly(5, 2);
        Map<Metric, Double> values = scores(
                hits, evidence, "page_recall@1", "page_recall@2", "page_recall@4", "page_recall@5", "page_mrr@5");
        assertThat(values)
                .containsEntry(Metric.parse("page_recall@1"), 0.0)
                .containsEntry(Metric.parse("page_recall@2"), 0.5)
                .containsEntry(Metric.parse("page_recall@4"), 0.5)
                .containsEntry(Metric.parse("page_recall@5"), 1.0)
                .containsEntry(Metric.parse("page_mrr@5"), 0.5);
    }

    @Test
    void should_match_pages_and_passages_of_one_query_independently() {
        List<SearchHit> hits = List.of(
                chunk(1, FILING, 3, 3, "Net income including noncontrolling interest 5,363"),
                chunk(2, FILING, 60, 60, "Purchases of property, plant and equipment"));
        List<Evidence> evidence =
                List.of(Evidence.page(FILING, 60), Evidence.passage(FILING, "net income including NONCONTROLLING"));
        assertThat(EvalRunner.evidenceRanks(hits, evidence)).containsExactly(2, 1);
        assertThat(scores(hits, evidence, "page_recall@1", "page_mrr@10"))
                .containsEntry(Metric.parse("page_recall@1"), 0.5)
                .containsEntry(Metric.parse("page_mrr@10"), 1.0);
    }

    @Test
    void should_score_0_when_nothing_was_retrieved() {
        JudgedRanking none = JudgedRanking.of(Ranking.empty(), Map.of(FILING, 1), 2);
        assertThat(none.evidenceCount()).isEqualTo(2);
        assertThat(new PageHitAtK(10).score(none)).isZero();
        assertThat(new PageRecallAtK(10).score(none)).isZero();
        assertThat(new PageMrrAtK(10).score(none)).isZero();
    }

    @Test
    void should_average_page_metrics_over_the_set_and_refuse_queries_without_evidence() {
        Qrels qrels = Qrels.fromGrades(Map.of("q1", Map.of(FILING, 1), "q2", Map.of(FILING, 1)));
        List<EvalQuery> queries = List.of(new EvalQuery("q1", "capex", null), new EvalQuery("q2", "revenue", null));
        EvalSet set = new EvalSet(
                "fb",
                queries,
                qrels,
                Map.of("q1", List.of(Evidence.page(FILING, 60)), "q2", List.of(Evidence.page(FILING, 61))));
        Map<String, Ranking> run = Map.of(
                "q1", Ranking.inOrder(List.of(FILING)).withEvidenceRanks(3),
                "q2", Ranking.inOrder(List.of(FILING)).withEvidenceRanks(0));
        Evaluation evaluation = MetricsCalculator.evaluate(
                set, run, List.of(Metric.parse("page_mrr@10"), Metric.parse("page_hit@10"), Metric.parse("hit@10")));
        assertThat(evaluation.mean(Metric.parse("page_mrr@10"))).isEqualTo((1.0 / 3 + 0) / 2);
        assertThat(evaluation.mean(Metric.parse("page_hit@10"))).isEqualTo(0.5);
        assertThat(evaluation.mean(Metric.parse("hit@10"))).isEqualTo(1.0);

        EvalSet partly = new EvalSet("fb", queries, qrels, Map.of("q1", List.of(Evidence.page(FILING, 60))));
        Map<String, Ranking> partlyRun = Map.of(
                "q1", Ranking.inOrder(List.of(FILING)).withEvidenceRanks(3), "q2", Ranking.inOrder(List.of(FILING)));
        assertThatThrownBy(() -> MetricsCalculator.evaluate(partly, partlyRun, List.of(Metric.parse("page_hit@10"))))
                .isInstanceOf(SluiceException.class)
                .hasMessageStartingWith(
                        "page_hit@10 need page or passage evidence for every query, but 1 of 2 queries of 'fb' have"
                                + " none: q2;");
        assertThat(MetricsCalculator.evaluate(partly, partlyRun, List.of(Metric.parse("hit@10")))
                        .mean(Metric.parse("hit@10")))
                .as("document metrics need no evidence")
                .isEqualTo(1.0);
    }

    @Test
    void should_refuse_evidence_in_a_document_the_qrels_do_not_judge_relevant() {
        Qrels qrels = Qrels.fromGrades(Map.of("q1", Map.of(FILING, 0)));
        assertThatThrownBy(() -> new EvalSet(
                        "fb",
                        List.of(new EvalQuery("q1", "capex", null)),
                        qrels,
                        Map.of("q1", List.of(Evidence.page(FILING, 60)))))
                .hasMessageContaining("evidence '" + FILING + "' page 60 of query 'q1' is in a document the qrels do"
                        + " not judge relevant");
    }

    @Test
    void should_change_the_fingerprint_with_the_evidence_and_keep_it_for_sets_without_any() {
        Qrels qrels = Qrels.fromGrades(Map.of("q1", Map.of(FILING, 1)));
        List<EvalQuery> queries = List.of(new EvalQuery("q1", "capex", null));
        EvalSet documents = new EvalSet("fb", queries, qrels);
        EvalSet page60 = new EvalSet("fb", queries, qrels, Map.of("q1", List.of(Evidence.page(FILING, 60))));
        EvalSet page61 = new EvalSet("fb", queries, qrels, Map.of("q1", List.of(Evidence.page(FILING, 61))));
        assertThat(EvalRunner.fingerprint(documents))
                .as("unchanged from before evidence existed: sha256 of the query and judgment lines")
                .isEqualTo(EvalRunner.fingerprint(new EvalSet("other name", queries, qrels, Map.of())))
                .isNotEqualTo(EvalRunner.fingerprint(page60));
        assertThat(EvalRunner.fingerprint(page60)).isNotEqualTo(EvalRunner.fingerprint(page61));
    }

    @Test
    void should_name_the_line_of_a_page_the_document_does_not_have() {
        Qrels qrels = Qrels.fromGrades(Map.of("q1", Map.of(FILING, 1, "notes.md", 1)));
        EvalSet set = new EvalSet(
                "fb",
                List.of(new EvalQuery("q1", "capex", null)),
                qrels,
                Map.of(
                        "q1",
                        List.of(
                                new Evidence(FILING, 60, null, "evals/fb.jsonl", 3),
                                new Evidence(FILING, 161, null, "evals/fb.jsonl", 3),
                                new Evidence("notes.md", 2, null, "evals/fb.jsonl", 3))));
        set.checkPages(Map.of(FILING, 161, "notes.md", 2));
        assertThatThrownBy(() -> set.checkPages(Map.of(FILING, 160, "notes.md", 0)))
                .isInstanceOf(SluiceException.class)
                .hasMessage("evals/fb.jsonl line 3: page 161 of '" + FILING + "' (query 'q1') does not exist: the"
                        + " document's last page in the index is 160. Pages count from 1, as PDF viewers count"
                        + " them (2 pages do not exist)");
        assertThatThrownBy(() -> set.checkPages(Map.of("notes.md", 0)))
                .hasMessage("evals/fb.jsonl line 3: page 2 of 'notes.md' (query 'q1') does not exist: the document"
                        + " has no pages in the index (its format has none); judge it by a passage instead");
    }
}
