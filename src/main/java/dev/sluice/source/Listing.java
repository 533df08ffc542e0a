package dev.sluice.source;

import java.util.List;

/**
 * What a source listed: readable items, and items that failed before they could be read (a
 * symlink loop, a folder without permission). Both count as items seen. Entries left out on purpose
 * are counted, not listed: hidden files and folders (a hidden folder counts once), and files outside
 * the include globs or inside the exclude globs.
 *
 * @param sources names of the sources listed: a document of one of these that is no longer listed is gone
 */
public record Listing(
        List<String> sources,
        List<SourceItem> items,
        List<ListingFailure> failures,
        int skippedHidden,
        int skippedByGlobs) {
    public Listing {
        sources = List.copyOf(sources);
        items = List.copyOf(items);
        failures = List.copyOf(failures);
    }

    public int seen() {
        return items.size() + failures.size();
    }
}
