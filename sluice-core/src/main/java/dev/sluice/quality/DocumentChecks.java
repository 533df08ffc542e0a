package dev.sluice.quality;

import java.util.List;
import java.util.Map;

/**
 * What the checks found in one document, recorded with it in the catalog (and shown by
 * {@code sluice lineage} and {@code --json}).
 *
 * @param uri the document
 * @param source its source
 * @param runId the run that checked it
 * @param language ISO 639-1 code, or "und" when the text is too short or unclear
 * @param languageConfidence from 0 to 1
 * @param garbleScore 0 (clean) to 1 (garbage)
 * @param garbled whether the score reached the source's threshold
 * @param garbleSignals what made the score, human-readable
 * @param pii hits per kind of personal data ({@code email -> 2}), before any redaction
 * @param piiSamples the first few hits, masked so they are safe to show
 * @param injections prompt-injection hits addressed to a reader (not quoted or discussed)
 * @param injectionMentions injection phrases that are quoted or discussed (an article about attacks)
 * @param injectionPatterns the patterns of the hits, without repeats
 * @param duplicateOf the earlier document this one duplicates, or null
 * @param duplicateSimilarity estimated Jaccard similarity to it (1 for an exact copy), 0 without one
 * @param fields the document fields it has (title, type, issuer, ...), for contracts' required metadata
 * @param outcome what the checks did: indexed, redacted, or quarantined (with the check that decided)
 * @param policy the fingerprint of the policy it was checked under ({@link CheckPolicy#fingerprint})
 */
public record DocumentChecks(
        String uri,
        String source,
        long runId,
        String language,
        double languageConfidence,
        double garbleScore,
        boolean garbled,
        List<String> garbleSignals,
        Map<String, Integer> pii,
        List<String> piiSamples,
        int injections,
        int injectionMentions,
        List<String> injectionPatterns,
        String duplicateOf,
        double duplicateSimilarity,
        List<String> fields,
        String outcome,
        String policy) {

    public static final String INDEXED = "indexed";
    public static final String REDACTED = "redacted";
    public static final String QUARANTINED = "quarantined";

    public DocumentChecks {
        garbleSignals = List.copyOf(garbleSignals);
        pii = Map.copyOf(pii);
        piiSamples = List.copyOf(piiSamples);
        injectionPatterns = List.copyOf(injectionPatterns);
        fields = List.copyOf(fields);
    }

    /** Hits of personal data of every kind. */
    public int piiHits() {
        return pii.values().stream().mapToInt(Integer::intValue).sum();
    }

    public boolean duplicate() {
        return duplicateOf != null;
    }

    /** These checks with the fields the indexed document has. */
    public DocumentChecks withFields(List<String> present) {
        return with(present, outcome);
    }

    /** These checks with what was done with the document. */
    public DocumentChecks withOutcome(String what) {
        return with(fields, what);
    }

    private DocumentChecks with(List<String> present, String what) {
        return new DocumentChecks(
                uri,
                source,
                runId,
                language,
                languageConfidence,
                garbleScore,
                garbled,
                garbleSignals,
                pii,
                piiSamples,
                injections,
                injectionMentions,
                injectionPatterns,
                duplicateOf,
                duplicateSimilarity,
                present,
                what,
                policy);
    }
}
