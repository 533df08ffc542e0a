package dev.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeedsTest {
    @Test
    void should_replay_the_seed_given_as_a_system_property_and_describe_how() {
        String before = System.getProperty(Seeds.PROPERTY);
        try {
            System.setProperty(Seeds.PROPERTY, " 42 ");
            assertThat(Seeds.seed("SeedsTest")).isEqualTo(42L);
            assertThat(Seeds.describe(42)).isEqualTo("seed 42 (replay with -Dsluice.test.seed=42)");
        } finally {
            if (before == null) {
                System.clearProperty(Seeds.PROPERTY);
            } else {
                System.setProperty(Seeds.PROPERTY, before);
            }
        }
    }

    @Test
    void should_give_fresh_seeds_without_the_property() {
        String before = System.getProperty(Seeds.PROPERTY);
        System.clearProperty(Seeds.PROPERTY);
        try {
            long a = Seeds.seed("SeedsTest");
            long b = Seeds.seed("SeedsTest");
            assertThat(a)
                    .as("two fresh seeds in a row (a 1 in 2^64 chance of a false failure)")
                    .isNotEqualTo(b);
        } finally {
            if (before != null) {
                System.setProperty(Seeds.PROPERTY, before);
            }
        }
    }

    @Test
    void should_copy_the_tiny_beir_fixture_into_a_folder_named_after_it() {
        assertThat(Fixtures.tinyBeir().getFileName().toString()).isEqualTo("tiny-beir");
        assertThat(Fixtures.tinyBeir().resolve("qrels").resolve("test.tsv")).isRegularFile();
        assertThat(Fixtures.tinyBeir().resolve("corpus.jsonl")).isRegularFile();
    }
}
