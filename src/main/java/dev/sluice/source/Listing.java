package dev.sluice.source;

import java.util.List;
import java.util.Map;

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
 * @param failedSources sources that could not be listed at all (name to reason): their documents are
 *     left as they are
 */
public record Listing(
        List<String> sources,
        List<SourceItem> items,
        List<ListingFailure> failures,
        int skippedHidden,
        int skippedByGlobs,
        Map<String, String> failedSources) {
    public Listing {
        sources = List.copyOf(sources);
        items = List.copyOf(items);
        failures = List.copyOf(failures);
        failedSources = Map.copyOf(failedSources);
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
