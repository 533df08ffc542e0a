package dev.sluice.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsCalculatorTest {
    private static final double LOG2_3 = Math.log(3) / Math.log(2);
    private static final double LOG2_4 = 2;

    private static double score(Metric metric, List<String> ranked, Map<String, Integer> judgments) {
        return MetricsCalculator.perQuery(Ranking.inOrder(ranked), judgments, List.of(metric))
                .get(metric);
    }

    @Test
    void should_use_grades_as_gains_and_log2_rank_plus_one_discounts_for_ndcg() {
        // ranked grades 1, 0, 2; DCG@3 = 1/log2(2) + 0 + 2/log2(4) = 2
        // ideal grades 2, 1:    IDCG@3 = 2/log2(2) + 1/log2(3)
        Map<String, Integer> judgments = Map.of("a", 1, "c", 2);
        assertThat(score(new NdcgAtK(3), List.of("a", "b", "c"), judgments))
                .isCloseTo((1 + 2 / LOG2_4) / (2 + 1 / LOG2_3), within(1e-12));
    }

    @Test
    void should_cut_both_the_ranking_and_the_ideal_ranking_at_k_for_ndcg() {
        // top 1 holds grade 1, ideal top 1 holds grade 2: 1/2
        Map<String, Integer> judgments = Map.of("a", 1, "c", 2);
        assertThat(score(new NdcgAtK(1), List.of("a", "b", "c"), judgments)).isCloseTo(0.5, within(1e-12));
        assertThat(score(new NdcgAtK(10), List.of("c", "a"), judgments)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void should_give_no_gain_for_grades_of_zero_or_below() {
        Map<String, Integer> judgments = Map.of("a", 0, "b", -1, "c", 1);
        // c at rank 3: 1/log2(4) = 0.5, ideal 1
        assertThat(score(new NdcgAtK(3), List.of("a", "b", "c"), judgments)).isCloseTo(0.5, within(1e-12));
        assertThat(score(new PrecisionAtK(2), List.of("a", "b", "c"), judgments))
                .isZero();
        assertThat(score(new RecallAtK(3), List.of("a", "b", "c"), judgments)).isEqualTo(1.0);
    }

    @Test
    void should_divide_precision_by_k_even_when_fewer_documents_were_retrieved() {
        assertThat(score(new PrecisionAtK(10), List.of("a", "b"), Map.of("a", 1, "b", 1)))
                .isCloseTo(0.2, within(1e-12));
    }

    @Test
    void should_divide_recall_by_all_relevant_documents_retrieved_or_not() {
        Map<String, Integer> judgments = Map.of("a", 1, "b", 1, "c", 1, "d", 0);
        assertThat(score(new RecallAtK(2), List.of("d", "a", "b"), judgments)).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(score(new RecallAtK(3), List.of("d", "a", "b"), judgments)).isCloseTo(2 / 3.0, within(1e-12));
    }

    @Test
    void should_give_the_reciprocal_rank_only_within_the_cutoff_for_mrr() {
        Map<String, Integer> judgments = Map.of("c", 1, "d", 1);
        assertThat(score(new MrrAtK(10), List.of("a", "b", "c", "d"), judgments))
                .isCloseTo(1 / 3.0, within(1e-12));
        assertThat(score(new MrrAtK(2), List.of("a", "b", "c", "d"), judgments)).isZero();
    }

    @Test
    void should_score_hit_as_one_when_any_relevant_document_is_in_the_top_k() {
        Map<String, Integer> judgments = Map.of("c", 1);
        assertThat(score(new HitAtK(3), List.of("a", "b", "c"), judgments)).isEqualTo(1.0);
        assertThat(score(new HitAtK(2), List.of("a", "b", "c"), judgments)).isZero();
    }

    @Test
    void should_average_precision_at_each_relevant_rank_over_all_relevant_for_map() {
        // relevant at ranks 2 and 4 of 3 relevant: (1/2 + 2/4) / 3
        Map<String, Integer> judgments = Map.of("b", 1, "d", 2, "z", 1);
        assertThat(score(new AveragePrecision(), List.of("a", "b", "c", "d"), judgments))
                .isCloseTo((0.5 + 0.5) / 3, within(1e-12));
    }

    @Test
    void should_score_zero_on_every_metric_for_an_empty_ranking() {
        List<Metric> all = List.of(
                new NdcgAtK(10),
                new RecallAtK(10),
                new PrecisionAtK(10),
                new MrrAtK(10),
                new HitAtK(10),
                new AveragePrecision());
        assertThat(MetricsCalculator.perQuery(Ranking.empty(), Map.of("a", 2), all)
                        .values())
                .hasSize(6)
                .containsOnly(0.0);
    }

    @Test
    void should_score_zero_for_a_query_whose_judgments_are_all_non_relevant() {
        List<Metric> all = List.of(
                new NdcgAtK(10),
                new RecallAtK(10),
                new PrecisionAtK(10),
                new MrrAtK(10),
                new HitAtK(10),
                new AveragePrecision());
        assertThat(MetricsCalculator.perQuery(Ranking.inOrder(List.of("a", "b")), Map.of("a", 0, "b", 0), all)
                        .values())
                .containsOnly(0.0);
    }

    @Test
    void should_count_a_duplicated_document_once_at_its_best_place() {
        Ranking ranking = Ranking.byScore(List.of(new ScoredDoc("a", 3), new ScoredDoc("a", 2), new ScoredDoc("b", 1)));
        assertThat(ranking.docIds()).containsExactly("a", "b");
        assertThat(MetricsCalculator.perQuery(ranking, Map.of("b", 1), List.of(new MrrAtK(10))))
                .containsEntry(new MrrAtK(10), 0.5);
    }

    @Test
    void should_average_over_every_query_of_the_set_counting_unanswered_ones_as_zero() {
        Qrels qrels = Qrels.fromGrades(Map.of("q1", Map.of("a", 1)));
        EvalSet set = new EvalSet("s", List.of(new EvalQuery("q1", "question", null)), qrels);
        Evaluation eval =
                MetricsCalculator.evaluate(set, Map.of("other", Ranking.inOrder(List.of("a"))), List.of(new HitAtK(1)));
        assertThat(eval.queryIds()).containsExactly("q1");
        assertThat(eval.mean(new HitAtK(1))).isZero();
    }

    @Test
    void should_refuse_an_evaluation_without_metrics() {
        Qrels qrels = Qrels.fromGrades(Map.of("q1", Map.of("a", 1)));
        assertThatThrownBy(() -> MetricsCalculator.evaluate(qrels, Map.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("known: ndcg@k");
    }
}
