package dev.sluice.source;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * What a run tells its sources before they list.
 *
 * @param known the recorded version of a document by URI, or null when the document must be read in
 *     full (new, changed settings, quarantined and retried); a source may skip reading a document
 *     whose version it can prove unchanged
 * @param scratch a folder the run deletes when it ends, for content a source must download first
 */
public record ListContext(Function<String, KnownVersion> known, Path scratch) {
    /** Nothing known, no scratch folder: for sources that read local files only. */
    public static final ListContext NONE = new ListContext(uri -> null, null);
}
