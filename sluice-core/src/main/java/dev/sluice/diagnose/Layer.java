package dev.sluice.diagnose;

import java.util.Locale;

/** Where a bad answer's failure lives, in the order a diagnosis walks them; {@link #NONE} when nothing failed. */
public enum Layer {
    /** The expected document is not in the index for the asker: never seen, excluded, quarantined, deleted, hidden. */
    DATA,
    /** It is indexed, but not as it is now or not as configured: changed at the source, other model or chunker, sync failed, freshness breached. */
    STALENESS,
    /** It is indexed and current, but no chunk of it reached the top k. */
    RETRIEVAL,
    /** It was retrieved but did not reach the model: relevance floor, context budget, de-duplication, cut. */
    CONTEXT,
    /** The context held passages of different documents that disagree on what was asked. */
    CONTRADICTION,
    /** The context held the answer, but the answer did not use it. */
    MODEL,
    /** The answer rests on the expected document. */
    NONE;

    /** The lower-case name used in JSON and on the command line ({@code data}, {@code none}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
