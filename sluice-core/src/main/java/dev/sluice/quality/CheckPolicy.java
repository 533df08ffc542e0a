package dev.sluice.quality;

import java.util.EnumSet;
import java.util.Set;

/**
 * What the checks of one source do with what they find ({@code checks:} in sluice.yaml, at the top
 * for every source and under a source for that source).
 *
 * @param enabled whether the checks run at all (off: documents are indexed as extracted, nothing recorded)
 * @param garbledThreshold the garble score (0 clean .. 1 garbage) from which a document counts as garbled
 * @param garbled what a garbled document gets: {@link Action#FLAG} or {@link Action#QUARANTINE}
 * @param duplicateThreshold the estimated Jaccard similarity of word shingles from which two documents are near-duplicates
 * @param duplicates what a (near-)duplicate of an earlier document gets
 * @param pii what a document with personal data gets: flag, redact (in the index and so in every model's context) or quarantine
 * @param piiKinds the kinds of personal data looked for
 * @param injection what a document with prompt-injection text gets: flag (its passages are fenced as data in
 *     prompts) or quarantine
 */
public record CheckPolicy(
        boolean enabled,
        double garbledThreshold,
        Action garbled,
        double duplicateThreshold,
        DuplicateAction duplicates,
        Action pii,
        Set<PiiKind> piiKinds,
        Action injection) {

    public static final double DEFAULT_GARBLED_THRESHOLD = GarbleCheck.DEFAULT_THRESHOLD;
    public static final double DEFAULT_DUPLICATE_THRESHOLD = 0.8;

    /** Every check on; findings flagged, near-duplicates collapsed in results. */
    public static final CheckPolicy DEFAULTS = new CheckPolicy(
            true,
            DEFAULT_GARBLED_THRESHOLD,
            Action.FLAG,
            DEFAULT_DUPLICATE_THRESHOLD,
            DuplicateAction.COLLAPSE,
            Action.FLAG,
            EnumSet.allOf(PiiKind.class),
            Action.FLAG);

    public CheckPolicy {
        piiKinds = piiKinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(piiKinds));
        if (garbled == Action.REDACT || injection == Action.REDACT) {
            throw new IllegalArgumentException("only pii can be redacted");
        }
    }

    /**
     * What identifies this policy in a document's recorded checks: a document checked under another one is
     * processed again by the next sync.
     */
    public String fingerprint() {
        // Spelled out: a record's toString prints the kinds in the set's order, which differs between JVMs.
        String kinds = piiKinds.stream().map(PiiKind::label).sorted().collect(java.util.stream.Collectors.joining(","));
        String spelled = String.join(
                ";",
                "v1",
                Boolean.toString(enabled),
                Double.toString(garbledThreshold),
                garbled.name(),
                Double.toString(duplicateThreshold),
                duplicates.name(),
                pii.name(),
                kinds,
                injection.name());
        return dev.sluice.core.Hashing.sha256Hex(spelled).substring(0, 16);
    }

    /** What a check does with a document it flags. */
    public enum Action {
        /** Recorded with the document; the document is indexed as it is. */
        FLAG,
        /** The findings are replaced by a placeholder ("[email]") before chunking: never indexed, never sent to a model. */
        REDACT,
        /** The document is not indexed; it is recorded as quarantined with the reason. */
        QUARANTINE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What a duplicate of an earlier document gets. */
    public enum DuplicateAction {
        /** Indexed as any document; the link to its canonical document is recorded. */
        INDEX,
        /** Indexed, but a search shows one document per family of duplicates: the first that ranks. */
        COLLAPSE,
        /** Not indexed: recorded as quarantined (reason duplicate) with its canonical document. */
        SKIP;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
