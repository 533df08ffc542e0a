package dev.sluice.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testkit.Seeds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NearDuplicateIndexTest {
    private static final int HASHES = MinHasher.DEFAULT_HASHES;

    private final MinHasher hasher = new MinHasher();

    @Test
    void should_use_21_bands_of_6_rows_when_the_threshold_is_0_8_with_128_hashes() {
        NearDuplicateIndex index = new NearDuplicateIndex(0.8, HASHES);

        assertThat(index.bands()).isEqualTo(21);
        assertThat(index.rows()).isEqualTo(6);
        assertThat(index.candidateProbability(0.8)).isGreaterThanOrEqualTo(0.99);
        assertThat(index.candidateProbability(0.5)).isLessThan(0.3);
        NearDuplicateIndex exact = new NearDuplicateIndex(1.0, HASHES);
        assertThat(exact.bands()).isEqualTo(1);
        assertThat(exact.rows()).isEqualTo(HASHES);
    }

    @Test
    void should_find_an_edited_copy_and_nothing_for_an_unrelated_text() {
        NearDuplicateIndex index = new NearDuplicateIndex(0.8, HASHES);
        String filing = "Our backlog at the end of the year was a record, reflecting orders for the F-35 program,"
                + " hypersonic development contracts and classified programs in Aeronautics; we expect"
                + " approximately 37% of the backlog to be recognized as sales over the next twelve months and"
                + " approximately 60% over the next twenty-four months, with the remainder thereafter.";
        index.add(1, hasher.signature(filing));
        index.add(
                2,
                hasher.signature("Participants were randomized to receive either the vaccine or placebo,"
                        + " and the primary outcome was laboratory-confirmed infection within six months."));

        Optional<DuplicateMatch> copy =
                index.find(hasher.signature("Table of Contents\n" + filing.replace(", ", ",\n")));
        Optional<DuplicateMatch> unrelated = index.find(hasher.signature(
                "Deferred tax assets are reduced by a valuation allowance when it is more likely than not that"
                        + " some portion of them will not be realized."));

        assertThat(copy).map(DuplicateMatch::id).contains(1L);
        assertThat(copy.orElseThrow().similarity()).isBetween(0.8, 1.0);
        assertThat(unrelated).isEmpty();
    }

    @Test
    void should_return_the_most_similar_entry_and_the_lowest_id_among_equals() {
        NearDuplicateIndex index = new NearDuplicateIndex(0.8, HASHES);
        Random random = new Random(16);
        int[] base = randomSignature(random);
        index.add(5, mutate(base, 10, random));
        index.add(3, mutate(base, 20, random));

        assertThat(index.find(base)).contains(new DuplicateMatch(5, (HASHES - 10) / (double) HASHES));

        index.add(9, base.clone());
        index.add(4, base.clone());
        assertThat(index.find(base)).contains(new DuplicateMatch(4, 1.0));
    }

    @Test
    void should_forget_removed_entries_and_reuse_their_room() {
        NearDuplicateIndex index = new NearDuplicateIndex(0.8, HASHES);
        Random random = new Random(7);
        List<int[]> signatures = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            signatures.add(randomSignature(random));
            index.add(i, signatures.get(i));
        }
        long bytes = index.approximateBytes();

        for (int i = 0; i < 2000; i += 2) {
            assertThat(index.remove(i)).isTrue();
        }
        assertThat(index.remove(0)).isFalse();
        assertThat(index.size()).isEqualTo(1000);
        for (int i = 0; i < 2000; i++) {
            assertThat(index.find(signatures.get(i)).map(DuplicateMatch::id))
                    .isEqualTo(i % 2 == 0 ? Optional.empty() : Optional.of((long) i));
        }
        for (int i = 0; i < 1000; i++) {
            index.add(10_000 + i, randomSignature(random));
        }
        assertThat(index.size()).isEqualTo(2000);
        // No new page (a page of 512 entries is about 300 KB): the removed entries' slots were taken again.
        assertThat(index.approximateBytes()).isLessThan(bytes + 100_000);
    }

    @Test
    void should_replace_the_entry_when_an_id_is_added_again() {
        NearDuplicateIndex index = new NearDuplicateIndex(0.8, HASHES);
        Random random = new Random(3);
        int[] first = randomSignature(random);
        int[] second = randomSignature(random);
        index.add(42, first);

        index.add(42, second);

        assertThat(index.size()).isEqualTo(1);
        assertThat(index.find(first)).isEmpty();
        assertThat(index.find(second)).contains(new DuplicateMatch(42, 1.0));
    }

    @Test
    void should_answer_like_a_brute_force_search_of_entries_sharing_a_band_when_adds_and_removes_interleave() {
        long seed = Seeds.seed("NearDuplicateIndexTest");
        Random random = new Random(seed);
        for (double threshold : new double[] {0.5, 0.8, 0.95}) {
            NearDuplicateIndex index = new NearDuplicateIndex(threshold, 32);
            int minMatches = (int) Math.ceil(threshold * 32 - 1e-9);
            Map<Long, int[]> reference = new HashMap<>();
            List<int[]> families = new ArrayList<>();
            for (int f = 0; f < 20; f++) {
                families.add(randomSignature(random, 32));
            }
            for (int step = 0; step < 4000; step++) {
                int[] signature = mutate(families.get(random.nextInt(families.size())), random.nextInt(12), random);
                long id = random.nextInt(300);
                int operation = random.nextInt(10);
                if (operation < 5) {
                    index.add(id, signature);
                    reference.put(id, signature);
                } else if (operation < 7) {
                    assertThat(index.remove(id)).isEqualTo(reference.remove(id) != null);
                } else {
                    assertThat(index.find(signature))
                            .as("threshold %s, step %d; %s", threshold, step, Seeds.describe(seed))
                            .isEqualTo(bruteForce(reference, signature, index, minMatches));
                }
                assertThat(index.size()).isEqualTo(reference.size());
            }
        }
    }

    @Test
    void should_answer_finds_while_other_threads_add() throws Exception {
        NearDuplicateIndex index = new NearDuplicateIndex(0.8, HASHES);
        Random random = new Random(11);
        List<int[]> signatures = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            signatures.add(randomSignature(random));
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool =
                Executors.newFixedThreadPool(4, r -> new Thread(r, "near-duplicate-test-" + threads.incrementAndGet()));
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int writer = 0; writer < 2; writer++) {
                int first = writer;
                work.add(pool.submit(() -> {
                    for (int i = first; i < signatures.size(); i += 2) {
                        index.add(i, signatures.get(i));
                    }
                }));
            }
            for (int reader = 0; reader < 2; reader++) {
                work.add(pool.submit(() -> {
                    for (int i = 0; i < signatures.size(); i++) {
                        index.find(signatures.get(i))
                                .ifPresent(m -> assertThat(m.similarity()).isGreaterThanOrEqualTo(0.8));
                    }
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(index.size()).isEqualTo(signatures.size());
        for (int i = 0; i < signatures.size(); i++) {
            assertThat(index.find(signatures.get(i))).contains(new DuplicateMatch(i, 1.0));
        }
    }

    @Test
    void should_cost_under_a_kilobyte_an_entry_with_128_hashes() {
        NearDuplicateIndex index = new NearDuplicateIndex(0.8, HASHES);
        Random random = new Random(5);
        for (int i = 0; i < 50_000; i++) {
            index.add(i, randomSignature(random));
        }

        assertThat(index.approximateBytes() / index.size()).isBetween(512L, 1000L);
    }

    @Test
    void should_name_the_argument_and_the_fix_when_arguments_are_wrong() {
        assertThatThrownBy(() -> new NearDuplicateIndex(0.3, HASHES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threshold must be between 0.5 and 1.0 (an estimated Jaccard similarity; 0.8 is the"
                        + " default), got 0.3");
        assertThatThrownBy(() -> new NearDuplicateIndex(Double.NaN, HASHES)).hasMessageEndingWith("got NaN");
        assertThatThrownBy(() -> new NearDuplicateIndex(0.8, 8))
                .hasMessage("hashes must be between 16 and 1024, got 8");
        NearDuplicateIndex index = new NearDuplicateIndex(0.8, HASHES);
        assertThatThrownBy(() -> index.add(1, new int[64]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("signature has 64 hashes, this index takes 128; make signatures with a MinHasher of 128"
                        + " hashes");
        assertThatThrownBy(() -> index.find(null)).hasMessage("signature must not be null");
    }

    private static Optional<DuplicateMatch> bruteForce(
            Map<Long, int[]> entries, int[] query, NearDuplicateIndex index, int minMatches) {
        long bestId = 0;
        int bestMatches = -1;
        for (Map.Entry<Long, int[]> entry : entries.entrySet()) {
            int[] candidate = entry.getValue();
            boolean sharesBand = false;
            for (int b = 0; b < index.bands() && !sharesBand; b++) {
                boolean equal = true;
                for (int r = b * index.rows(); r < (b + 1) * index.rows(); r++) {
                    equal &= candidate[r] == query[r];
                }
                sharesBand = equal;
            }
            int matches = MinHasher.matches(candidate, query);
            if (sharesBand
                    && matches >= minMatches
                    && (matches > bestMatches || (matches == bestMatches && entry.getKey() < bestId))) {
                bestMatches = matches;
                bestId = entry.getKey();
            }
        }
        return bestMatches < 0
                ? Optional.empty()
                : Optional.of(new DuplicateMatch(bestId, (double) bestMatches / query.length));
    }

    private static int[] randomSignature(Random random) {
        return randomSignature(random, HASHES);
    }

    private static int[] randomSignature(Random random, int hashes) {
        int[] signature = new int[hashes];
        for (int i = 0; i < hashes; i++) {
            signature[i] = random.nextInt();
        }
        return signature;
    }

    /** A copy of {@code base} with exactly {@code changes} positions changed. */
    private static int[] mutate(int[] base, int changes, Random random) {
        int[] copy = base.clone();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < base.length; i++) {
            positions.add(i);
        }
        java.util.Collections.shuffle(positions, random);
        for (int c = 0; c < changes; c++) {
            copy[positions.get(c)] = base[positions.get(c)] ^ (1 + random.nextInt(Integer.MAX_VALUE));
        }
        return copy;
    }
}
