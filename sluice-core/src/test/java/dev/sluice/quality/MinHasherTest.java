package dev.sluice.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testkit.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class MinHasherTest {
    private static final String PASSAGE = "Net sales increased 7% in 2021 compared with 2020, driven by higher"
            + " volume in Aeronautics and Missiles and Fire Control; operating profit rose to $9.1 billion.";

    private final MinHasher hasher = new MinHasher();

    @Test
    void should_give_the_same_signature_when_only_case_whitespace_and_punctuation_differ() {
        String reextracted = "NET SALES increased 7 %\nin 2021 -- compared with 2020,\tdriven by higher volume in"
                + " Aeronautics and Missiles and Fire Control. Operating profit rose to $9.1 billion!";

        assertThat(hasher.signature(reextracted)).isEqualTo(hasher.signature(PASSAGE));
        assertThat(MinHasher.similarity(hasher.signature(reextracted), hasher.signature(PASSAGE)))
                .isEqualTo(1.0);
    }

    @Test
    void should_lower_case_capital_i_to_i_when_the_default_locale_is_turkish() {
        // Under a Turkish default locale, "TITLE".toLowerCase() gives a dotless i; Locale.ROOT gives "title".
        java.util.Locale saved = java.util.Locale.getDefault();
        java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr-TR"));
        try {
            assertThat(hasher.signature("INTRODUCTION TO THE TITLE OF THIS FILING"))
                    .isEqualTo(hasher.signature("introduction to the title of this filing"));
        } finally {
            java.util.Locale.setDefault(saved);
        }
    }

    @Test
    void should_lower_case_accented_letters_and_split_on_typographic_punctuation() {
        assertThat(hasher.signature("Société Générale’s “RÉSULTATS ANNUELS” — 2021\u00a0: ΟΔΟΣ"))
                .isEqualTo(hasher.signature("société générale s résultats annuels 2021 οδοσ"));
    }

    @Test
    void should_give_the_same_signature_from_every_instance_and_thread() throws Exception {
        int[] expected = hasher.signature(PASSAGE);
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> new Thread(r, "minhasher-test"));
        try {
            List<Future<int[]>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> new MinHasher().signature(PASSAGE)));
            }
            for (Future<int[]> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void should_sign_texts_shorter_than_a_shingle_and_texts_without_words() {
        int[] twoWords = hasher.signature("Revenue recognition");

        assertThat(twoWords).hasSize(MinHasher.DEFAULT_HASHES);
        assertThat(hasher.signature("revenue, RECOGNITION.")).isEqualTo(twoWords);
        assertThat(MinHasher.similarity(twoWords, hasher.signature("Revenue"))).isLessThan(0.1);
        assertThat(hasher.signature("")).isEqualTo(hasher.signature(" -- ... "));
        assertThat(MinHasher.similarity(hasher.signature(""), twoWords)).isLessThan(0.1);
    }

    @Test
    void should_estimate_the_exact_jaccard_similarity_within_five_standard_errors_on_random_edits() {
        long seed = Seeds.seed("MinHasherTest");
        Random random = new Random(seed);
        String[] vocabulary = PASSAGE.toLowerCase(java.util.Locale.ROOT).split("\\W+");
        double sumError = 0;
        int pairs = 200;
        for (int p = 0; p < pairs; p++) {
            List<String> words = new ArrayList<>();
            for (int i = 0; i < 150 + random.nextInt(300); i++) {
                words.add(vocabulary[random.nextInt(vocabulary.length)] + random.nextInt(40));
            }
            List<String> edited = new ArrayList<>(words);
            for (int e = random.nextInt(words.size() / 8); e >= 0; e--) {
                edited.set(random.nextInt(edited.size()), "edit" + random.nextInt(1000));
            }
            String a = String.join(" ", words);
            String b = String.join(" ", edited);
            double exact = NearDuplicatePrecisionRecallTest.exactJaccard(hasher, a, b);
            double estimate = MinHasher.similarity(hasher.signature(a), hasher.signature(b));
            double standardError = Math.sqrt(exact * (1 - exact) / MinHasher.DEFAULT_HASHES);

            assertThat(Math.abs(estimate - exact))
                    .as("exact %.3f, estimate %.3f; %s", exact, estimate, Seeds.describe(seed))
                    .isLessThanOrEqualTo(5 * standardError + 1.0 / MinHasher.DEFAULT_HASHES);
            sumError += estimate - exact;
        }
        assertThat(Math.abs(sumError / pairs))
                .as("bias; %s", Seeds.describe(seed))
                .isLessThan(0.01);
    }

    @Test
    void should_make_incomparable_signatures_when_the_seed_differs() {
        MinHasher other = new MinHasher(MinHasher.DEFAULT_HASHES, MinHasher.DEFAULT_SHINGLE_WORDS, 42);

        assertThat(MinHasher.similarity(hasher.signature(PASSAGE), other.signature(PASSAGE)))
                .isLessThan(0.1);
        assertThat(other.scheme()).isNotEqualTo(hasher.scheme());
        assertThat(hasher.scheme()).isEqualTo("minhash-v1 hashes=128 shingleWords=5 seed=51c3d0c55eed0001");
    }

    @Test
    void should_keep_signatures_as_they_were_because_the_catalog_stores_them() {
        // A change here makes stored signatures incomparable: it needs a new scheme() name and a rebuild.
        assertThat(Arrays.copyOf(hasher.signature(PASSAGE), 4))
                .containsExactly(-1963081487, -2085573954, -2134802259, -1767172468);
    }

    @Test
    void should_give_back_the_signature_when_read_from_its_bytes() {
        int[] signature = hasher.signature(PASSAGE);

        byte[] bytes = MinHasher.toBytes(signature);

        assertThat(bytes).hasSize(4 * MinHasher.DEFAULT_HASHES);
        assertThat(MinHasher.fromBytes(bytes)).isEqualTo(signature);
    }

    @Test
    void should_name_the_problem_when_bytes_or_signatures_do_not_fit() {
        assertThatThrownBy(() -> MinHasher.fromBytes(new byte[7]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bytes must hold a whole, non-zero number of 4-byte hashes, got 7 bytes;"
                        + " were they written by MinHasher.toBytes?");
        assertThatThrownBy(() -> MinHasher.similarity(new int[128], new int[64]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("signatures must be non-empty and of the same length (made by the same MinHasher"
                        + " settings), got 128 and 64");
        assertThatThrownBy(() -> new MinHasher(8, 5, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hashes must be between 16 and 1024, got 8");
        assertThatThrownBy(() -> new MinHasher(128, 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shingleWords must be between 1 and 32, got 0");
        assertThatThrownBy(() -> hasher.signature(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("text must not be null");
    }
}
