package dev.sluice.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.embed.EmbeddingModelSpec;
import org.junit.jupiter.api.Test;

/** The bench build carries the full-precision bge beside the int8 one (checked without loading its 133 MB). */
class FullPrecisionModelTest {
    @Test
    void should_have_the_full_precision_bge_files_on_the_bench_class_path() {
        assertThat(EmbeddingModelSpec.BGE_SMALL_EN_V15.isOnClassPath()).isTrue();
        assertThat(EmbeddingModelSpec.BGE_SMALL_EN_V15_Q.isOnClassPath()).isTrue();
    }
}
