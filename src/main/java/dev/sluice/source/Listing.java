package dev.sluice.source;

import java.util.List;

/**
 * What a source listed: readable items, and items that failed before they could be read (a
 * symlink loop, a folder without permission). Both count as items seen.
 */
public record Listing(List<SourceItem> items, List<ListingFailure> failures) {
    public Listing {
        items = List.copyOf(items);
        failures = List.copyOf(failures);
    }

    public int seen() {
        return items.size() + failures.size();
    }
}
