package dev.sluice.ingest;

import dev.sluice.catalog.DocumentRecord;
import dev.sluice.core.AccessList;
import dev.sluice.source.KnownVersion;
import dev.sluice.source.Listing;
import dev.sluice.source.ListingFailure;
import dev.sluice.source.SourceItem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides, for one run, what the catalog and the listing say must happen: which index entries are
 * orphans, which files are unchanged, which documents are gone. Pure decisions over the catalog's
 * records, the index's document URIs and the listing; the run carries them out.
 */
final class ChangeDetection {
    private final Map<String, DocumentRecord> known;
    private final String chunkerVersion;
    private final String modelId;
    private final String modelVersion;
    private final RunOptions options;
    private final Set<String> orphans = new HashSet<>();
    private final Set<String> mustReprocess = new HashSet<>();

    /**
     * @param known the catalog's documents, by URI
     * @param inIndex URIs of the documents the index holds now
     */
    ChangeDetection(
            Map<String, DocumentRecord> known,
            Set<String> inIndex,
            String chunkerVersion,
            String modelId,
            String modelVersion,
            RunOptions options) {
        this.known = Map.copyOf(known);
        this.chunkerVersion = chunkerVersion;
        this.modelId = modelId;
        this.modelVersion = modelVersion;
        this.options = options;
        // Index entries the catalog does not record as indexed were left by a run that crashed after
        // its index commit; documents the catalog records but the index lacks must be processed again.
        for (String uri : inIndex) {
            DocumentRecord record = known.get(uri);
            if (record == null || !record.indexed()) {
                orphans.add(uri);
            }
        }
        for (DocumentRecord record : known.values()) {
            if (record.indexed() && !inIndex.contains(record.uri())) {
                mustReprocess.add(record.uri());
            }
        }
    }

    /** Index entries to remove before anything else. */
    Set<String> orphans() {
        return orphans;
    }

    /** What the catalog knew of a document before this run, or null. */
    DocumentRecord before(String uri) {
        return known.get(uri);
    }

    /**
     * Unchanged: same size, modification time and (when the source gives one) content version as
     * recorded, and indexed with this chunker, model and access list (or still quarantined, unless
     * quarantined files are to be retried).
     */
    boolean unchanged(SourceItem item) {
        DocumentRecord before = known.get(item.uri());
        if (before == null
                || before.sizeBytes() != item.sizeBytes()
                || before.modifiedMillis() != item.lastModifiedMillis()
                || item.version() != null && !SourceItem.sameContent(item.version(), before.sourceVersion())) {
            return false;
        }
        return current(before, options.accessOf(item));
    }

    /**
     * The recorded version of a document that needs no processing as long as its content is the same,
     * for sources that can ask "changed since?" (HTTP conditional requests); null when it must be read
     * in full whatever the source says.
     */
    KnownVersion knownVersion(String uri) {
        DocumentRecord before = known.get(uri);
        return before != null && current(before, options.accessOf(before.source()))
                ? new KnownVersion(before.sizeBytes(), before.modifiedMillis(), before.sourceVersion())
                : null;
    }

    /**
     * Whether a document's record is as this run would write it for the same content: indexed with
     * this chunker and model and present in the index (or quarantined, unless quarantined files are to
     * be retried).
     */
    private boolean current(DocumentRecord before, AccessList expected) {
        if (mustReprocess.contains(before.uri())) {
            return false;
        }
        if (!before.indexed()) {
            return !options.retryQuarantined();
        }
        String access = before.access() == null ? AccessList.PUBLIC.fingerprint() : before.access();
        return chunkerVersion.equals(before.chunkerVersion())
                && modelId.equals(before.modelId())
                && modelVersion.equals(before.modelVersion())
                && access.equals(expected.fingerprint());
    }

    /**
     * Documents that are gone: of a listed source but not listed (unless under a folder that could not
     * be listed), or, when pruning, of a source that was not listed at all and did not fail.
     */
    List<DocumentRecord> gone(Listing listing) {
        Set<String> listed = new HashSet<>();
        List<String> unlistedFolders = new ArrayList<>();
        listing.items().forEach(item -> listed.add(item.uri()));
        listed.addAll(listing.retained());
        for (ListingFailure failure : listing.failures()) {
            listed.add(failure.uri());
            unlistedFolders.add(failure.uri().endsWith("/") ? failure.uri() : failure.uri() + "/");
        }
        Set<String> sources = new HashSet<>(listing.sources());
        List<DocumentRecord> gone = new ArrayList<>();
        for (DocumentRecord record : known.values()) {
            boolean listedSource = sources.contains(record.source());
            boolean retiredSource = options.pruneUnlistedSources()
                    && !listedSource
                    && !listing.failedSources().containsKey(record.source());
            boolean underUnlistedFolder = unlistedFolders.stream().anyMatch(record.uri()::startsWith);
            if (listedSource && !listed.contains(record.uri()) && !underUnlistedFolder || retiredSource) {
                gone.add(record);
            }
        }
        return gone;
    }
}
