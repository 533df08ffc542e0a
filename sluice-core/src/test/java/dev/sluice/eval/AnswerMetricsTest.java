package dev.sluice.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AnswerMetricsTest {
    @Test
    void should_normalize_as_the_squad_script_does_and_drop_citation_markers() {
        assertThat(AnswerMetrics.normalize("The  Moon, mostly! [1, 2]")).isEqualTo("moon mostly");
        assertThat(AnswerMetrics.exactMatch("The moon [3].", "moon")).isEqualTo(1.0);
        assertThat(AnswerMetrics.exactMatch("the sun", "moon")).isZero();
    }

    @Test
    void should_compute_token_f1_over_token_multisets() {
        // answer tokens: gravity of moon (3); reference: moon s gravity pulls oceans (5); common: gravity, moon.
        double f1 = AnswerMetrics.tokenF1("The gravity of the moon [1].", "The moon's gravity pulls the oceans.");
        double precision = 2 / 3.0;
        double recall = 2 / 5.0;
        assertThat(f1).isCloseTo(2 * precision * recall / (precision + recall), within(1e-12));
        assertThat(AnswerMetrics.tokenF1("moon moon", "moon"))
                .as("a repeated token counts once per reference token")
                .isCloseTo(2 * 0.5 * 1.0 / 1.5, within(1e-12));
        assertThat(AnswerMetrics.tokenF1("", "")).isEqualTo(1.0);
        assertThat(AnswerMetrics.tokenF1("the", "moon")).isZero();
    }
}
