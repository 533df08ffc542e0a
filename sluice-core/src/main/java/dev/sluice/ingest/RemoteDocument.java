package dev.sluice.ingest;

import dev.sluice.chunk.Chunk;
import dev.sluice.core.QuarantineReason;
import dev.sluice.index.DocumentInfo;
import dev.sluice.quality.DocumentChecker;
import dev.sluice.source.SourceItem;
import java.util.List;

/**
 * One document prepared elsewhere ({@link RemotePreparation}): quarantined ({@code reason} non-null, with
 * its message), or ready to index with its description, chunks and one vector per chunk.
 *
 * @param item the listed item, as the run gave it
 * @param reason why it was quarantined, or null
 * @param message what happened, for a quarantined document
 * @param checked the quality checks' findings (their text may be null: only findings and signature travel)
 * @param info the document as indexed; null when quarantined
 * @param chunks its chunks, in order; empty when quarantined
 * @param vectors one vector per chunk
 * @param computed per chunk, whether the model computed its vector (false: taken from the vector cache)
 * @param written whether the document is in the index already (an executor wrote it to a shared index)
 */
public record RemoteDocument(
        SourceItem item,
        QuarantineReason reason,
        String message,
        DocumentChecker.Checked checked,
        DocumentInfo info,
        List<Chunk> chunks,
        List<float[]> vectors,
        List<Boolean> computed,
        boolean written) {
    public RemoteDocument {
        chunks = chunks == null ? List.of() : List.copyOf(chunks);
        vectors = vectors == null ? List.of() : List.copyOf(vectors);
        computed = computed == null ? List.of() : List.copyOf(computed);
        if (reason == null && (info == null || chunks.isEmpty() || vectors.size() != chunks.size())) {
            throw new IllegalArgumentException(
                    "a prepared document needs its description and one vector per chunk: " + item.uri());
        }
    }

    /** A document quarantined where it was prepared. */
    public static RemoteDocument quarantined(
            SourceItem item, QuarantineReason reason, String message, DocumentChecker.Checked checked) {
        return new RemoteDocument(item, reason, message, checked, null, null, null, null, false);
    }
}
