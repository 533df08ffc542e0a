package dev.sluice.quality;

import dev.sluice.core.QuarantineReason;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Runs every check on one normalized document and decides, by its source's {@link CheckPolicy}, what
 * happens to it: indexed as it is, indexed redacted, or quarantined with the check that decided.
 * Thread-safe; one per run (it shares the run's {@link DuplicateRegistry}).
 */
public final class DocumentChecker {
    private static final int PII_SAMPLES = 5;

    private final DuplicateRegistry duplicates;
    private final MinHasher hasher = new MinHasher();
    private final PiiScanner pii = new PiiScanner();

    public DocumentChecker(DuplicateRegistry duplicates) {
        this.duplicates = duplicates;
    }

    /**
     * What the checks decided for a document.
     *
     * @param checks the findings, as recorded
     * @param document the text to chunk and index: the input, or the input with personal data redacted
     * @param signature the document's MinHash signature (for the catalog)
     * @param quarantine the reason it must not be indexed, or null
     * @param message why, naming the check and its findings; null when indexed
     */
    public record Checked(
            DocumentChecks checks,
            NormalizedDocument document,
            int[] signature,
            QuarantineReason quarantine,
            String message) {}

    /** Checks {@code doc} of {@code source}; {@code contentHash} is the hash of its normalized text. */
    public Checked check(
            String uri, String source, long runId, NormalizedDocument doc, String contentHash, CheckPolicy policy) {
        String text = doc.text();
        LanguageGuess language = LanguageDetector.shared().detect(text);
        GarbleReport garble = new GarbleCheck(policy.garbledThreshold()).check(text);
        List<PiiHit> piiHits = pii.scan(text).stream()
                .filter(h -> policy.piiKinds().contains(h.kind()))
                .toList();
        Map<String, Integer> piiCounts = new TreeMap<>();
        List<String> samples = new ArrayList<>();
        for (PiiHit h : piiHits) {
            piiCounts.merge(h.kind().label(), 1, Integer::sum);
            if (samples.size() < PII_SAMPLES) {
                samples.add(h.kind().label() + " " + h.masked());
            }
        }
        List<InjectionHit> injectionHits = InjectionScanner.shared().scan(text);
        int injections = (int) injectionHits.stream().filter(h -> !h.mention()).count();
        int mentions = injectionHits.size() - injections;
        List<String> patterns = List.copyOf(new LinkedHashSet<>(
                injectionHits.stream().map(InjectionHit::pattern).toList()));
        int[] signature = hasher.signature(text);
        Optional<DuplicateRegistry.Canonical> canonical =
                duplicates.claim(uri, contentHash, signature, policy.duplicateThreshold());

        DocumentChecks checks = new DocumentChecks(
                uri,
                source,
                runId,
                language.language(),
                language.confidence(),
                garble.score(),
                garble.garbled(),
                garble.signals(),
                piiCounts,
                samples,
                injections,
                mentions,
                patterns,
                canonical.map(DuplicateRegistry.Canonical::uri).orElse(null),
                canonical.map(DuplicateRegistry.Canonical::similarity).orElse(0.0),
                List.of(),
                DocumentChecks.INDEXED,
                policy.fingerprint());

        if (garble.garbled() && policy.garbled() == CheckPolicy.Action.QUARANTINE) {
            return quarantined(
                    checks,
                    doc,
                    signature,
                    QuarantineReason.GARBLED,
                    "garbled text (score " + round(garble.score()) + " >= " + policy.garbledThreshold() + "): "
                            + String.join("; ", garble.signals()));
        }
        if (!piiHits.isEmpty() && policy.pii() == CheckPolicy.Action.QUARANTINE) {
            return quarantined(
                    checks,
                    doc,
                    signature,
                    QuarantineReason.PERSONAL_DATA,
                    "personal data " + piiCounts + " (checks.pii.action is quarantine; redact to index it without)");
        }
        if (injections > 0 && policy.injection() == CheckPolicy.Action.QUARANTINE) {
            return quarantined(
                    checks,
                    doc,
                    signature,
                    QuarantineReason.INJECTION,
                    "text that instructs a model (" + String.join(", ", patterns) + ")");
        }
        if (canonical.isPresent() && policy.duplicates() == CheckPolicy.DuplicateAction.SKIP) {
            return quarantined(
                    checks,
                    doc,
                    signature,
                    QuarantineReason.DUPLICATE,
                    (canonical.get().similarity() >= 1.0
                                    ? "an exact copy of "
                                    : "a near-duplicate (similarity "
                                            + round(canonical.get().similarity()) + ") of ")
                            + canonical.get().uri() + " (checks.duplicates.action is skip)");
        }
        if (!piiHits.isEmpty() && policy.pii() == CheckPolicy.Action.REDACT) {
            return new Checked(
                    checks.withOutcome(DocumentChecks.REDACTED),
                    PiiRedactor.redact(doc, piiHits),
                    signature,
                    null,
                    null);
        }
        return new Checked(checks, doc, signature, null, null);
    }

    private Checked quarantined(
            DocumentChecks checks, NormalizedDocument doc, int[] signature, QuarantineReason reason, String message) {
        duplicates.remove(checks.uri()); // not indexed: later documents must not collapse into it
        return new Checked(checks.withOutcome(DocumentChecks.QUARANTINED), doc, signature, reason, message);
    }

    private static String round(double v) {
        return String.format(java.util.Locale.ROOT, "%.2f", v);
    }
}
