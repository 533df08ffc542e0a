package dev.sluice.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.review.Resolution;
import dev.sluice.review.ReviewItem;
import dev.sluice.review.ReviewScan;
import dev.sluice.review.ReviewStore;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ReviewStore} must do: one item per pair of sentences in either order, also through
 * two handles at once; a resolved pair stays resolved, but one resolved as source-changed opens again;
 * filters by status and source, newest first, with paging; one check recorded per run.
 */
@SuppressWarnings("try") // stores close without InterruptedException; the bound only needs AutoCloseable
public abstract class ReviewStoreContract<S extends AutoCloseable> extends StoreFixture<S> {
    /** The review store of an opened store. */
    protected abstract ReviewStore reviews(S store);

    private static ReviewItem.Side side(String source, String path, String sentence, String value) {
        return new ReviewItem.Side(
                "file:///" + source + "/" + path,
                source,
                path,
                "v1",
                "c-" + path,
                3,
                "Policy > Leave",
                sentence,
                value);
    }

    private static ReviewItem leave(String a, String b) {
        return ReviewItem.conflict(
                "parental leave",
                "number",
                side("hr", "handbook.md", "Leave lasts " + a + " weeks.", a + " weeks"),
                side("wiki", "faq.md", "Leave lasts " + b + " weeks.", b + " weeks"),
                7);
    }

    @Test
    void should_keep_one_item_per_pair_of_sentences_in_either_order_even_through_two_handles() {
        ReviewStore a = reviews(open());
        ReviewStore b = reviews(open());
        ReviewItem item = leave("16", "12");
        assertThat(a.add(item, 1_000)).isEqualTo(ReviewStore.Added.CREATED);
        ReviewItem swapped = ReviewItem.conflict(item.subject(), item.difference(), item.right(), item.left(), 8);
        assertThat(b.add(swapped, 2_000)).isEqualTo(ReviewStore.Added.KNOWN);
        assertThat(b.add(leave("16", "12"), 2_000)).isEqualTo(ReviewStore.Added.KNOWN);

        assertThat(a.items(null, null, 10, 0)).singleElement().satisfies(stored -> {
            assertThat(stored.id()).isPositive();
            assertThat(stored.open()).isTrue();
            assertThat(stored.runId()).isEqualTo(7);
            assertThat(stored.createdMillis()).isEqualTo(1_000);
            assertThat(stored.left()).isEqualTo(item.left());
            assertThat(stored.right()).isEqualTo(item.right());
            assertThat(stored.resolution()).isNull();
        });
    }

    @Test
    void should_keep_a_resolution_and_reopen_only_a_pair_resolved_as_source_changed() {
        ReviewStore store = reviews(open());
        store.add(leave("16", "12"), 1_000);
        store.add(leave("16", "14"), 1_000);
        long twelve = store.items(null, null, 10, 0).get(1).id();
        long fourteen = store.items(null, null, 10, 0).get(0).id();

        assertThat(store.resolve(twelve, Resolution.NOT_A_CONFLICT, "other leave", "cli:ana", 2_000))
                .isTrue();
        assertThat(store.resolve(twelve, Resolution.KEEP_LEFT, null, "cli:bo", 3_000))
                .as("already resolved")
                .isFalse();
        assertThat(store.resolve(99_999, Resolution.KEEP_LEFT, null, "cli:bo", 3_000))
                .isFalse();
        assertThat(store.resolve(fourteen, Resolution.SOURCE_CHANGED, "gone", "sluice", 2_000))
                .isTrue();
        assertThat(store.add(leave("16", "12"), 4_000)).isEqualTo(ReviewStore.Added.KNOWN);
        assertThat(store.add(leave("16", "14"), 4_000)).isEqualTo(ReviewStore.Added.REOPENED);

        ReviewItem kept = store.item(twelve).orElseThrow();
        assertThat(kept.status()).isEqualTo(ReviewItem.RESOLVED);
        assertThat(kept.resolution()).isEqualTo(Resolution.NOT_A_CONFLICT);
        assertThat(kept.note()).isEqualTo("other leave");
        assertThat(kept.resolvedBy()).isEqualTo("cli:ana");
        assertThat(kept.resolvedMillis()).isEqualTo(2_000);
        ReviewItem back = store.item(fourteen).orElseThrow();
        assertThat(back.open()).isTrue();
        assertThat(back.resolution()).isNull();
        assertThat(back.createdMillis()).isEqualTo(4_000);
        assertThat(store.openItems()).extracting(ReviewItem::id).containsExactly(fourteen);
    }

    @Test
    void should_filter_by_status_and_source_newest_first_with_paging() {
        ReviewStore store = reviews(open());
        for (int weeks = 1; weeks <= 5; weeks++) {
            store.add(leave("16", String.valueOf(weeks)), weeks);
        }
        ReviewItem other = ReviewItem.conflict(
                "hotel allowance",
                "number",
                side("finance", "travel.md", "The allowance is 180 euros.", "180 euros"),
                side("finance", "trips.md", "The allowance is 150 euros.", "150 euros"),
                9);
        store.add(other, 10);
        long first = store.items(null, "hr", 10, 4).getFirst().id();
        store.resolve(first, Resolution.BOTH_VALID, null, "cli:ana", 20);

        assertThat(store.items(null, null, 10, 0)).hasSize(6);
        assertThat(store.items(ReviewItem.OPEN, null, 10, 0)).hasSize(5);
        assertThat(store.items(ReviewItem.RESOLVED, null, 10, 0))
                .extracting(ReviewItem::id)
                .containsExactly(first);
        assertThat(store.items(null, "finance", 10, 0))
                .extracting(ReviewItem::subject)
                .containsExactly("hotel allowance");
        assertThat(store.items(null, "wiki", 10, 0)).hasSize(5);
        assertThat(store.items(null, "hr", 2, 1))
                .extracting(i -> i.right().value())
                .containsExactly("4 weeks", "3 weeks");
        assertThat(store.items(null, "nowhere", 10, 0)).isEmpty();
    }

    @Test
    void should_record_one_check_per_run_and_give_the_latest() {
        ReviewStore store = reviews(open());
        assertThat(store.lastScan()).isEmpty();
        store.recordScan(new ReviewScan(4, 2, 30, 150, 3, 2, 0, 1, 120, null));
        store.recordScan(ReviewScan.failed(5, 7, "no such table"));
        store.recordScan(new ReviewScan(4, 2, 30, 150, 3, 1, 0, 1, 99, null)); // the same run again: replaced

        assertThat(store.scan(4)).contains(new ReviewScan(4, 2, 30, 150, 3, 1, 0, 1, 99, null));
        assertThat(store.scan(6)).isEmpty();
        assertThat(store.lastScan()).contains(ReviewScan.failed(5, 7, "no such table"));
        assertThat(store.lastScan().orElseThrow().ok()).isFalse();
    }
}
