package dev.sluice.source;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What sources listed: readable items, and items that failed before they could be read (a symlink
 * loop, a folder without permission). Both count as items seen. Entries left out on purpose are
 * counted, not listed: hidden files and folders (a hidden folder counts once), and files outside the
 * include globs or inside the exclude globs.
 *
 * @param sources names of the sources listed: a document of one of these that is no longer listed is gone
 * @param items readable files
 * @param failures entries that could not be offered for reading
 * @param skippedHidden hidden files and folders left out
 * @param skippedByGlobs files left out by the globs
 * @param failedSources sources that failed (name to reason): a source that could not be listed at all,
 *     or one whose documents could not all be read this time
 * @param retained documents that could not be read this time for a passing reason (a web server's 5xx,
 *     a time-out): they are left as they are, neither re-read nor removed
 */
public record Listing(
        List<String> sources,
        List<SourceItem> items,
        List<ListingFailure> failures,
        int skippedHidden,
        int skippedByGlobs,
        Map<String, String> failedSources,
        Set<String> retained) {
    public Listing {
        sources = List.copyOf(sources);
        items = List.copyOf(items);
        failures = List.copyOf(failures);
        failedSources = Map.copyOf(failedSources);
        retained = Set.copyOf(retained);
    }

    /** A listing where every document that was listed could be offered. */
    public Listing(
            List<String> sources,
            List<SourceItem> items,
            List<ListingFailure> failures,
            int skippedHidden,
            int skippedByGlobs,
            Map<String, String> failedSources) {
        this(sources, items, failures, skippedHidden, skippedByGlobs, failedSources, Set.of());
    }

    /** A listing of sources that all listed. */
    public Listing(
            List<String> sources,
            List<SourceItem> items,
            List<ListingFailure> failures,
            int skippedHidden,
            int skippedByGlobs) {
        this(sources, items, failures, skippedHidden, skippedByGlobs, Map.of());
    }

    public int seen() {
        return items.size() + failures.size();
    }
}
