package dev.sluice.review;

import java.util.Objects;

/**
 * Something a person should look at: today two passages of different documents that state different
 * values for the same thing (kind {@code conflict}), found when one of them was indexed.
 *
 * @param id the item's number (0 before it is stored)
 * @param kind {@code conflict}
 * @param status {@link #OPEN} or {@link #RESOLVED}
 * @param subject what both sides speak of, in a few words ("revenue 2023", "parental leave")
 * @param difference what differs, as the detector says: {@code number}, {@code date}, {@code name} or
 *     {@code negation}
 * @param left the side from the document the run that found the item indexed
 * @param right the side already in the index
 * @param runId the ingestion run that found it
 * @param createdMillis when it was stored
 * @param resolution how it was resolved, or null while open
 * @param note the resolver's note, or null
 * @param resolvedBy who resolved it ({@code cli:USER}, an API key id, or {@code sluice} for
 *     {@link Resolution#SOURCE_CHANGED}), or null
 * @param resolvedMillis when, or 0 while open
 */
public record ReviewItem(
        long id,
        String kind,
        String status,
        String subject,
        String difference,
        Side left,
        Side right,
        long runId,
        long createdMillis,
        Resolution resolution,
        String note,
        String resolvedBy,
        long resolvedMillis) {
    public static final String CONFLICT = "conflict";
    public static final String OPEN = "open";
    public static final String RESOLVED = "resolved";

    public ReviewItem {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
    }

    /**
     * One side of an item, with its lineage.
     *
     * @param documentUri the document
     * @param source its source's name
     * @param path its source-relative path
     * @param documentVersion the document's content hash when the item was found (a changed document is
     *     checked for the sentence again)
     * @param chunkId the chunk holding the sentence
     * @param page the chunk's first page (0 when the format has no pages)
     * @param headingPath the chunk's headings, outermost first, joined by " > " ("" when none)
     * @param sentence the sentence as the document writes it
     * @param value the value it states ("$1.2 billion"), or the sentence for a negation
     */
    public record Side(
            String documentUri,
            String source,
            String path,
            String documentVersion,
            String chunkId,
            int page,
            String headingPath,
            String sentence,
            String value) {
        public Side {
            Objects.requireNonNull(documentUri, "documentUri");
            Objects.requireNonNull(sentence, "sentence");
        }
    }

    /** A new open conflict, not yet stored. */
    public static ReviewItem conflict(String subject, String difference, Side left, Side right, long runId) {
        return new ReviewItem(0, CONFLICT, OPEN, subject, difference, left, right, runId, 0, null, null, null, 0);
    }

    /**
     * The status a filter names ({@code --status}, {@code ?status=}): {@code open} or {@code resolved},
     * or null for {@code all}.
     *
     * @throws dev.sluice.core.UsageException naming {@code field} when it is none of these
     */
    public static String statusFilter(String value, String field) {
        String wanted = value == null ? "" : value.strip().toLowerCase(java.util.Locale.ROOT);
        return switch (wanted) {
            case OPEN, RESOLVED -> wanted;
            case "all" -> null;
            default ->
                throw new dev.sluice.core.UsageException(
                        field + " must be open, resolved or all, got '" + (value == null ? "" : value) + "'");
        };
    }

    public boolean open() {
        return OPEN.equals(status);
    }

    /** The pair's identity: its two sentences' content, in either order ({@link ReviewKeys#pairKey}). */
    public String pairKey() {
        return ReviewKeys.pairKey(left.sentence(), right.sentence());
    }

    /** Whether a document is one of its two sides. */
    public boolean touches(String documentUri) {
        return left.documentUri().equals(documentUri) || right.documentUri().equals(documentUri);
    }
}
