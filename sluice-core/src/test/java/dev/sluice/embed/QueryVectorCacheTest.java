package dev.sluice.embed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Query vectors from the cache are the model's own, and the least recently used go first. */
class QueryVectorCacheTest {
    private static OnnxEmbedder bge;

    @BeforeAll
    static void load() {
        bge = OnnxEmbedder.load(EmbeddingModelSpec.BGE_SMALL_EN_V15_Q, 1);
    }

    @AfterAll
    static void close() {
        bge.close();
    }

    /** A cache over the shared model that leaves the model open when the test is done with it. */
    private static QueryVectorCache cache(int capacity) {
        return new QueryVectorCache(bge, capacity);
    }

    @Test
    void should_answer_a_repeated_query_from_the_cache_with_the_models_vector() {
        QueryVectorCache cache = cache(10);
        float[] first = cache.embedQuery("how do tides work");
        float[] again = cache.embedQuery("how do tides work");

        assertThat(again).containsExactly(bge.embedQuery("how do tides work"));
        assertThat(again).containsExactly(first);
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(1);
    }

    @Test
    void should_hand_out_copies_so_a_caller_cannot_change_what_others_get() {
        QueryVectorCache cache = cache(10);
        float[] mine = cache.embedQuery("ocean currents");
        mine[0] = 42f;

        assertThat(cache.embedQuery("ocean currents")[0]).isNotEqualTo(42f);
    }

    @Test
    void should_forget_the_least_recently_used_query_first() {
        QueryVectorCache cache = cache(2);
        cache.embedQuery("a");
        cache.embedQuery("b");
        cache.embedQuery("a"); // a is now the most recent
        cache.embedQuery("c"); // b goes
        long missesBefore = cache.misses();

        cache.embedQuery("a");
        assertThat(cache.misses()).isEqualTo(missesBefore);
        cache.embedQuery("b");
        assertThat(cache.misses()).isEqualTo(missesBefore + 1);
    }

    @Test
    void should_not_cache_passages() {
        QueryVectorCache cache = cache(10);
        cache.embedPassage("a passage");
        cache.embedPassage("a passage");

        assertThat(cache.hits() + cache.misses()).isZero();
    }
}
