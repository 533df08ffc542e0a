package dev.sluice.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PairedComparisonTest {
    private static final long SEED = 20260131L;

    @Test
    void should_report_zero_delta_and_p_of_one_for_identical_runs() {
        double[] values = {0.1, 0.5, 0.9, 0.0, 1.0};
        PairedComparison c = PairedComparison.of(values, values.clone(), 10_000, SEED);
        assertThat(c.meanDelta()).isZero();
        assertThat(c.ciLow()).isZero();
        assertThat(c.ciHigh()).isZero();
        assertThat(c.pValue()).isEqualTo(1.0);
        assertThat(c.significant()).isFalse();
    }

    @Test
    void should_give_a_small_p_and_an_interval_above_zero_for_a_large_consistent_improvement() {
        SplittableRandom random = new SplittableRandom(SEED); // seed printed by the assertion message below
        double[] baseline = new double[30];
        double[] candidate = new double[30];
        for (int i = 0; i < 30; i++) {
            baseline[i] = random.nextDouble(0, 0.5);
            candidate[i] = baseline[i] + 0.3 + random.nextDouble(0, 0.1);
        }
        PairedComparison c = PairedComparison.of(baseline, candidate, 10_000, SEED);
        assertThat(c.meanDelta()).as("seed %d", SEED).isBetween(0.3, 0.4);
        assertThat(c.pValue()).as("seed %d", SEED).isLessThan(0.001);
        assertThat(c.ciLow()).as("seed %d", SEED).isPositive();
        assertThat(c.significant()).isTrue();
    }

    @Test
    void should_contain_the_observed_delta_in_the_confidence_interval() {
        double[] baseline = {0.2, 0.4, 0.6, 0.1, 0.9, 0.3, 0.5, 0.7};
        double[] candidate = {0.3, 0.3, 0.8, 0.1, 0.7, 0.5, 0.6, 0.6};
        PairedComparison c = PairedComparison.of(baseline, candidate, 10_000, SEED);
        // deltas +.1 -.1 +.2 0 -.2 +.2 +.1 -.1: sum 0.2 over 8 queries
        assertThat(c.meanDelta()).isCloseTo(0.025, within(1e-12));
        assertThat(c.meanDelta()).isBetween(c.ciLow(), c.ciHigh());
        assertThat(c.ciLow()).isNegative();
        assertThat(c.ciHigh()).isPositive();
        assertThat(c.pValue()).isGreaterThan(0.2);
    }

    @Test
    void should_match_the_exact_sign_flip_p_value_on_a_tiny_case() {
        // deltas +1, +1, +1: of the 8 equally likely sign patterns, only +++ and --- reach |mean| = 1,
        // so the exact two-sided p is 2/8 = 0.25; the Monte Carlo estimate must be close.
        PairedComparison c = PairedComparison.of(new double[] {0, 0, 0}, new double[] {1, 1, 1}, 20_000, SEED);
        assertThat(c.pValue()).isCloseTo(0.25, within(0.015));
    }

    @Test
    void should_give_the_same_result_for_the_same_seed_and_may_differ_for_another() {
        double[] a = {0.2, 0.4, 0.6, 0.1, 0.9};
        double[] b = {0.3, 0.3, 0.8, 0.2, 0.7};
        assertThat(PairedComparison.of(a, b, 2_000, 7L)).isEqualTo(PairedComparison.of(a, b, 2_000, 7L));
        assertThat(PairedComparison.of(a, b, 2_000, 8L).seed()).isEqualTo(8L);
    }

    @Test
    void should_compare_two_evaluations_metric_by_metric() {
        Map<String, Map<Metric, Double>> base = new LinkedHashMap<>();
        Map<String, Map<Metric, Double>> cand = new LinkedHashMap<>();
        Metric hit = new HitAtK(1);
        for (int i = 0; i < 10; i++) {
            base.put("q" + i, Map.of(hit, 0.0));
            cand.put("q" + i, Map.of(hit, 1.0));
        }
        Map<Metric, PairedComparison> result = PairedComparison.perMetric(
                new Evaluation(List.of(hit), base), new Evaluation(List.of(hit), cand), 1_000, SEED);
        assertThat(result.get(hit).meanDelta()).isEqualTo(1.0);
        assertThat(result.get(hit).queries()).isEqualTo(10);
    }

    @Test
    void should_refuse_runs_over_different_queries() {
        Metric hit = new HitAtK(1);
        Evaluation a = new Evaluation(List.of(hit), Map.of("q1", Map.of(hit, 1.0)));
        Evaluation b = new Evaluation(List.of(hit), Map.of("q2", Map.of(hit, 1.0)));
        assertThatThrownBy(() -> PairedComparison.perMetric(a, b, 100, SEED)).hasMessageContaining("different queries");
        assertThatThrownBy(() -> PairedComparison.of(new double[2], new double[3], 100, SEED))
                .hasMessageContaining("got 2 and 3");
    }
}
