package dev.sluice.retrieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RrfFusionTest {
    private final RrfFusion fusion = new RrfFusion(60);

    @Test
    void should_rank_an_item_found_by_both_lists_above_items_found_by_one() {
        List<RrfFusion.Fused<String>> fused = fusion.fuse(10, List.of("a", "b", "c"), List.of("d", "c", "e"));
        assertThat(fused.get(0).key()).isEqualTo("c");
        assertThat(fused.get(0).score()).isCloseTo(1.0 / 63 + 1.0 / 62, within(1e-12));
    }

    @Test
    void should_break_ties_by_first_appearance_so_results_are_deterministic() {
        List<RrfFusion.Fused<String>> fused = fusion.fuse(10, List.of("a", "b"), List.of("x", "y"));
        assertThat(fused).extracting(RrfFusion.Fused::key).containsExactly("a", "x", "b", "y");
    }

    @Test
    void should_return_at_most_k_items() {
        assertThat(fusion.fuse(2, List.of("a", "b", "c"), List.of("d"))).hasSize(2);
    }

    @Test
    void should_weigh_each_list_when_fusing_with_weights() {
        List<RrfFusion.Fused<String>> fused =
                fusion.fuse(10, new double[] {1.0, 2.0}, List.of(List.of("a", "b"), List.of("b", "x")));
        assertThat(fused).extracting(RrfFusion.Fused::key).containsExactly("b", "x", "a");
        assertThat(fused.get(1).score()).as("x: second in the doubled list").isCloseTo(2.0 / 62, within(1e-12));
        assertThat(fused.get(2).score()).isCloseTo(1.0 / 61, within(1e-12));
    }

    @Test
    void should_refuse_a_weight_count_that_does_not_match_the_lists() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> fusion.fuse(10, new double[] {1.0}, List.of(List.of("a"), List.of("b"))))
                .hasMessageContaining("one weight per ranking");
    }
}
