package dev.sluice.quality;

import java.util.List;
import java.util.Map;

/**
 * One source's quality as a run leaves it (or would have left it, when its contract stopped the run):
 * the documents it would publish and what the checks found in them, and the contract's results. One
 * row per source and run in the catalog, for {@code sluice quality report}.
 *
 * @param runId the run
 * @param source the source
 * @param atMillis when the run measured it
 * @param documents documents the source has after the run (indexed now or unchanged)
 * @param seen items the run saw in the source
 * @param quarantined items quarantined in the source (duplicates skipped by policy are counted in {@code duplicates} only)
 * @param piiHits hits of personal data in the source's documents
 * @param piiDocuments documents with at least one hit
 * @param duplicates documents that duplicate an earlier one (indexed, collapsed or skipped)
 * @param duplicatesSkipped of those, the ones not indexed because the source's policy skips duplicates
 * @param garbled documents whose text is garbled
 * @param injections documents with prompt-injection text addressed to a reader
 * @param languages documents per language
 * @param missingFields per field, documents without it
 * @param results the source's contract, expectation by expectation; empty without a contract
 * @param published whether the run published (false when a contract failed it)
 */
public record SourceQuality(
        long runId,
        String source,
        long atMillis,
        int documents,
        int seen,
        int quarantined,
        int piiHits,
        int piiDocuments,
        int duplicates,
        int duplicatesSkipped,
        int garbled,
        int injections,
        Map<String, Integer> languages,
        Map<String, Integer> missingFields,
        List<ExpectationResult> results,
        boolean published) {

    public SourceQuality {
        languages = Map.copyOf(languages);
        missingFields = Map.copyOf(missingFields);
        results = List.copyOf(results);
    }

    /** Quarantined items over items seen; 0 for a source with none. */
    public double quarantineShare() {
        return seen == 0 ? 0 : (double) quarantined / seen;
    }

    /** Duplicates over the source's documents and the duplicates it skipped. */
    public double duplicateShare() {
        int base = documents + duplicatesSkipped;
        return base == 0 ? 0 : (double) duplicates / base;
    }

    public double garbledShare() {
        return documents == 0 ? 0 : (double) garbled / documents;
    }

    /** Whether any expectation failed (error or warning). */
    public boolean violated() {
        return results.stream().anyMatch(r -> !r.passed());
    }

    /** These figures with the contract's results and whether the run published. */
    public SourceQuality withResults(List<ExpectationResult> contract, boolean didPublish) {
        return new SourceQuality(
                runId,
                source,
                atMillis,
                documents,
                seen,
                quarantined,
                piiHits,
                piiDocuments,
                duplicates,
                duplicatesSkipped,
                garbled,
                injections,
                languages,
                missingFields,
                contract,
                didPublish);
    }
}
