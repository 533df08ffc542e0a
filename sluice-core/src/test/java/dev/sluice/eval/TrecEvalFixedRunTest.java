package dev.sluice.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A small fixed run whose expected figures follow trec_eval's definitions (usnistgov/trec_eval
 * 9.0.x: form_res_rels.c, m_ndcg_cut.c, m_P.c, m_recall.c, m_recip_rank.c, m_success.c, m_map.c).
 *
 * <p>The figures were first computed by a line-by-line transliteration of those C files and checked
 * by hand below; the real trec_eval 9.0.4 binary prints the same (run it on the files below with
 * {@code -c -q}), and {@link TrecEvalAgreementTest} runs that binary on this run and on random ones
 * in every build. As trec_eval input:
 *
 * <pre>
 * qrels                     run (qid Q0 docno rank score tag)
 * q1 0 d1 2                 q1 Q0 d1   1 2.0 t      q2 Q0 d10  1 3.0 t
 * q1 0 d2 1                 q1 Q0 d3   2 1.5 t      q2 Q0 d100 2 2.0 t
 * q1 0 d3 0                 q1 Q0 d5   3 1.5 t      q2 Q0 d7   3 2.0 t
 * q1 0 d4 1                 q1 Q0 d9   4 1.0 t      q2 Q0 d6   4 1.0 t
 * q1 0 d5 3                 q1 Q0 d2   5 0.5 t      q3 Q0 d8   1 1.0 t
 * q2 0 d6 1                 q1 Q0 d4   6 0.2 t      q3 Q0 d9   2 0.9 t
 * q2 0 d7 2
 * q3 0 d8 0                 (q4 is judged but absent from the run)
 * q3 0 d9 0
 * q4 0 d10 1
 * </pre>
 *
 * <p>Orders after trec_eval's sort (score desc, ties by docno desc with strcmp):
 *
 * <ul>
 *   <li>q1: d1(2) d5(3) d3(0) d9(unjudged) d2(1) d4(1): d5 beats d3 on the 1.5 tie. Relevant: d1,
 *       d2, d4, d5 = 4; ideal grades 3, 2, 1, 1.
 *   <li>q2: d10(unjudged) d7(2) d100(unjudged) d6(1): strcmp("d7", "d100") &gt; 0 because '7' &gt;
 *       '1', so d7 ranks above d100 on the 2.0 tie. Relevant: 2; ideal 2, 1.
 *   <li>q3: judged, but no relevant document: every metric is 0.
 *   <li>q4: judged, not in the run: not averaged by plain trec_eval, 0 under {@code -c}.
 * </ul>
 */
class TrecEvalFixedRunTest {
    private static final double LOG2_3 = Math.log(3) / Math.log(2);
    private static final double LOG2_5 = Math.log(5) / Math.log(2);
    private static final double LOG2_6 = Math.log(6) / Math.log(2);

    private static Qrels qrels() {
        Map<String, Map<String, Integer>> grades = new LinkedHashMap<>();
        grades.put("q1", ordered("d1", 2, "d2", 1, "d3", 0, "d4", 1, "d5", 3));
        grades.put("q2", ordered("d6", 1, "d7", 2));
        grades.put("q3", ordered("d8", 0, "d9", 0));
        grades.put("q4", ordered("d10", 1));
        return Qrels.fromGrades(grades);
    }

    private static Map<String, Ranking> run() {
        return Map.of(
                "q1",
                Ranking.byScore(List.of(
                        new ScoredDoc("d1", 2.0),
                        new ScoredDoc("d3", 1.5),
                        new ScoredDoc("d5", 1.5),
                        new ScoredDoc("d9", 1.0),
                        new ScoredDoc("d2", 0.5),
                        new ScoredDoc("d4", 0.2))),
                "q2",
                Ranking.byScore(List.of(
                        new ScoredDoc("d10", 3.0),
                        new ScoredDoc("d100", 2.0),
                        new ScoredDoc("d7", 2.0),
                        new ScoredDoc("d6", 1.0))),
                "q3",
                Ranking.byScore(List.of(new ScoredDoc("d8", 1.0), new ScoredDoc("d9", 0.9))));
    }

    private static final List<Metric> METRICS = List.of(
            new NdcgAtK(3),
            new NdcgAtK(5),
            new PrecisionAtK(5),
            new RecallAtK(5),
            new MrrAtK(1000),
            new HitAtK(1),
            new AveragePrecision());

    @Test
    void should_sort_the_fixed_run_as_trec_eval_does() {
        Map<String, Ranking> run = run();
        assertThat(run.get("q1").docIds()).containsExactly("d1", "d5", "d3", "d9", "d2", "d4");
        assertThat(run.get("q2").docIds()).containsExactly("d10", "d7", "d100", "d6");
    }

    @Test
    void should_match_trec_eval_per_query_on_the_fixed_run() {
        Evaluation eval = MetricsCalculator.evaluate(qrels(), run(), METRICS);
        Map<Metric, Double> q1 = eval.perQuery().get("q1");
        Map<Metric, Double> q2 = eval.perQuery().get("q2");

        // q1 grades by rank: 2 3 0 0 1 1. DCG@3 = 2/log2(2) + 3/log2(3); ideal@3 = 3 + 2/log2(3) + 1/2.
        double q1Ndcg3 = (2 + 3 / LOG2_3) / (3 + 2 / LOG2_3 + 0.5);
        // DCG@5 adds d2 at rank 5: 1/log2(6); ideal@5 adds the 4th grade 1 at rank 4: 1/log2(5).
        double q1Ndcg5 = (2 + 3 / LOG2_3 + 1 / LOG2_6) / (3 + 2 / LOG2_3 + 0.5 + 1 / LOG2_5);
        assertThat(q1.get(new NdcgAtK(3))).isCloseTo(q1Ndcg3, within(1e-12)).isCloseTo(0.8175, within(5e-5));
        assertThat(q1.get(new NdcgAtK(5))).isCloseTo(q1Ndcg5, within(1e-12)).isCloseTo(0.8242, within(5e-5));
        assertThat(q1.get(new PrecisionAtK(5))).isCloseTo(3 / 5.0, within(1e-12)); // d1 d5 d2
        assertThat(q1.get(new RecallAtK(5))).isCloseTo(3 / 4.0, within(1e-12)); // d4 is at rank 6
        assertThat(q1.get(new MrrAtK(1000))).isEqualTo(1.0);
        assertThat(q1.get(new HitAtK(1))).isEqualTo(1.0);
        // relevant at ranks 1, 2, 5, 6: (1/1 + 2/2 + 3/5 + 4/6) / 4
        assertThat(q1.get(new AveragePrecision())).isCloseTo((1 + 1 + 0.6 + 4 / 6.0) / 4, within(1e-12));

        // q2 grades by rank: 0 2 0 1. DCG = 2/log2(3) + 1/log2(5); ideal = 2/log2(2) + 1/log2(3).
        double q2Ndcg3 = (2 / LOG2_3) / (2 + 1 / LOG2_3);
        double q2Ndcg5 = (2 / LOG2_3 + 1 / LOG2_5) / (2 + 1 / LOG2_3);
        assertThat(q2.get(new NdcgAtK(3))).isCloseTo(q2Ndcg3, within(1e-12)).isCloseTo(0.4796, within(5e-5));
        assertThat(q2.get(new NdcgAtK(5))).isCloseTo(q2Ndcg5, within(1e-12)).isCloseTo(0.6433, within(5e-5));
        assertThat(q2.get(new PrecisionAtK(5))).isCloseTo(2 / 5.0, within(1e-12)); // 4 retrieved, still / 5
        assertThat(q2.get(new RecallAtK(5))).isEqualTo(1.0);
        assertThat(q2.get(new MrrAtK(1000))).isEqualTo(0.5);
        assertThat(q2.get(new HitAtK(1))).isEqualTo(0.0);
        assertThat(q2.get(new AveragePrecision())).isCloseTo((1 / 2.0 + 2 / 4.0) / 2, within(1e-12));

        assertThat(eval.perQuery().get("q3").values()).containsOnly(0.0);
        assertThat(eval.perQuery().get("q4").values()).containsOnly(0.0);
    }

    @Test
    void should_average_over_all_judged_queries_as_trec_eval_minus_c_does() {
        // trec_eval -c: sum over q1..q3 divided by 4 judged queries (q4 counts as 0).
        // Transliteration output (all -c): ndcg_cut_3 0.3243, ndcg_cut_5 0.3669, P_5 0.2500,
        // recall_5 0.4375, recip_rank 0.3750, success_1 0.2500, map 0.3292.
        Map<Metric, Double> means =
                MetricsCalculator.evaluate(qrels(), run(), METRICS).means();
        assertThat(means.get(new NdcgAtK(3))).isCloseTo(0.32427961173396985, within(1e-12));
        assertThat(means.get(new NdcgAtK(5))).isCloseTo(0.36687837980621235, within(1e-12));
        assertThat(means.get(new PrecisionAtK(5))).isCloseTo(0.25, within(1e-12));
        assertThat(means.get(new RecallAtK(5))).isCloseTo(0.4375, within(1e-12));
        assertThat(means.get(new MrrAtK(1000))).isCloseTo(0.375, within(1e-12));
        assertThat(means.get(new HitAtK(1))).isCloseTo(0.25, within(1e-12));
        assertThat(means.get(new AveragePrecision())).isCloseTo(0.32916666666666666, within(1e-12));
    }

    @Test
    void should_equal_plain_trec_eval_when_restricted_to_queries_the_run_answered() {
        // Plain trec_eval averages over q1..q3 only (q4 is not in the run): ndcg_cut_5 0.4892, map 0.4389.
        Qrels answered = qrels().restrictTo(run().keySet());
        Map<Metric, Double> means =
                MetricsCalculator.evaluate(answered, run(), METRICS).means();
        assertThat(means.get(new NdcgAtK(5))).isCloseTo(0.48917117307494978, within(1e-12));
        assertThat(means.get(new AveragePrecision())).isCloseTo(0.43888888888888888, within(1e-12));
        assertThat(means.get(new RecallAtK(5))).isCloseTo(0.58333333333333337, within(1e-12));
    }

    private static Map<String, Integer> ordered(Object... pairs) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Integer) pairs[i + 1]);
        }
        return map;
    }
}
