package dev.sluice.source;

/**
 * Where documents come from: a local folder or file ({@link DirectorySource}), or web pages and
 * sitemaps ({@link dev.sluice.source.http.UrlSource}).
 *
 * <p>Contract: {@link #list} offers every document the source holds now, each once, as a {@link
 * SourceItem} whose file can be read until the run ends, or as a {@link ListingFailure} with its
 * reason. A source that cannot be listed at all throws {@link dev.sluice.core.SluiceException}; the
 * run records it as failed and leaves its documents as they are. Implementations are used by one
 * thread at a time.
 */
public interface Source {
    /** The source's name, for filters, status and citations; unique in a run. */
    String name();

    /** Lists what the source holds now. */
    Listing list(ListContext context);

    /** Who may read this source's documents; open to every caller unless configured. */
    default dev.sluice.core.AccessList access() {
        return dev.sluice.core.AccessList.PUBLIC;
    }
}
