package dev.sluice.review;

import java.util.List;
import java.util.Optional;

/**
 * The review seam: items found at ingestion and how people resolved them, and the record of each
 * run's check. At most one item per {@linkplain ReviewItem#pairKey() pair of sentences} exists, ever,
 * even with two processes adding at once. The embedded implementation is the SQLite catalog;
 * implementations are thread-safe.
 */
public interface ReviewStore {
    /** What {@link #add} did with a candidate. */
    enum Added {
        /** A new open item. */
        CREATED,
        /** The pair was resolved as source-changed and is back: open again. */
        REOPENED,
        /** The pair is known (open, or resolved by a person): nothing changed. */
        KNOWN
    }

    /** Stores {@code item} as a new open item unless its pair is known; see {@link Added}. */
    Added add(ReviewItem item, long nowMillis);

    Optional<ReviewItem> item(long id);

    /**
     * Items newest first.
     *
     * @param status {@code open}, {@code resolved}, or null for both
     * @param source only items with a side in this source, or null for all
     * @param limit at most this many
     * @param offset after skipping this many
     */
    List<ReviewItem> items(String status, String source, int limit, int offset);

    /** Every open item (the check of sides whose sentence is gone reads them all). */
    List<ReviewItem> openItems();

    /** Resolves an open item; false when it is unknown or already resolved. */
    boolean resolve(long id, Resolution resolution, String note, String by, long nowMillis);

    void recordScan(ReviewScan scan);

    /** The check of one run, if it ran. */
    Optional<ReviewScan> scan(long runId);

    /** The latest check, if any ran. */
    Optional<ReviewScan> lastScan();
}
