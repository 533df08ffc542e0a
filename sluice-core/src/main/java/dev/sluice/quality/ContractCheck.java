package dev.sluice.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Measures a source's quality against its contract, expectation by expectation. Stateless. */
public final class ContractCheck {
    private ContractCheck() {}

    /** The result of each expectation of {@code contract} on {@code quality}, in the contract's order. */
    public static List<ExpectationResult> evaluate(Contract contract, SourceQuality quality) {
        List<ExpectationResult> out = new ArrayList<>();
        for (Expectation e : contract.expectations()) {
            out.add(evaluate(e, quality));
        }
        return out;
    }

    static ExpectationResult evaluate(Expectation e, SourceQuality q) {
        String where = "source '" + q.source() + "'";
        return switch (e.kind()) {
            case MIN_DOCUMENTS ->
                count(
                        e,
                        q.documents(),
                        q.documents() >= e.limit(),
                        "documents",
                        where + " would have " + q.documents() + " documents, fewer than the " + (long) e.limit()
                                + " expected: did the source's folder or URLs move, or a filter leave files out?");
            case MAX_DOCUMENTS ->
                count(
                        e,
                        q.documents(),
                        q.documents() <= e.limit(),
                        "documents",
                        where + " would have " + q.documents() + " documents, more than the " + (long) e.limit()
                                + " expected: check its include/exclude globs");
            case MAX_QUARANTINE_SHARE ->
                share(
                        e,
                        q.quarantineShare(),
                        "quarantined",
                        where + ": " + q.quarantined() + " of " + q.seen() + " items quarantined ("
                                + percent(q.quarantineShare()) + "), above the " + percent(e.limit())
                                + " allowed; see sluice runs --show and the quarantine reasons");
            case MAX_PII_HITS ->
                count(
                        e,
                        q.piiHits(),
                        q.piiHits() <= e.limit(),
                        "hits of personal data",
                        where + ": " + q.piiHits() + " hits of personal data in " + q.piiDocuments()
                                + " documents, above the " + (long) e.limit()
                                + " allowed; redact them (checks.pii.action: redact) or fix the source");
            case MAX_DUPLICATE_SHARE ->
                share(
                        e,
                        q.duplicateShare(),
                        "duplicates",
                        where + ": " + q.duplicates() + " documents duplicate others (" + percent(q.duplicateShare())
                                + "), above the " + percent(e.limit()) + " allowed; sluice quality report lists them");
            case MAX_GARBLED_SHARE ->
                share(
                        e,
                        q.garbledShare(),
                        "garbled",
                        where + ": " + q.garbled() + " documents with garbled text (" + percent(q.garbledShare())
                                + "), above the " + percent(e.limit())
                                + " allowed; a wrong encoding or a scanned PDF without good OCR?");
            case MAX_INJECTION_HITS ->
                count(
                        e,
                        q.injections(),
                        q.injections() <= e.limit(),
                        "documents with prompt-injection text",
                        where + ": " + q.injections() + " documents contain text that instructs a model, above the "
                                + (long) e.limit() + " allowed");
            case REQUIRED_METADATA -> requiredFields(e, q, where);
            case ALLOWED_LANGUAGES -> languages(e, q, where);
        };
    }

    private static ExpectationResult count(Expectation e, int observed, boolean passed, String what, String message) {
        return new ExpectationResult(e.key(), e.severity(), passed, observed + " " + what, passed ? null : message);
    }

    private static ExpectationResult share(Expectation e, double observed, String what, String message) {
        boolean passed = observed <= e.limit() + 1e-12;
        return new ExpectationResult(
                e.key(), e.severity(), passed, percent(observed) + " " + what, passed ? null : message);
    }

    private static ExpectationResult requiredFields(Expectation e, SourceQuality q, String where) {
        Map<String, Integer> missing = new TreeMap<>();
        for (String field : e.names()) {
            int n = q.missingFields().getOrDefault(field, 0);
            if (n > 0) {
                missing.put(field, n);
            }
        }
        boolean passed = missing.isEmpty();
        String observed = passed ? "every document has " + String.join(", ", e.names()) : "missing " + missing;
        return new ExpectationResult(
                e.key(),
                e.severity(),
                passed,
                observed,
                passed
                        ? null
                        : where + ": documents lack required fields (field=documents): " + missing
                                + "; sluice quality report --source " + q.source() + " lists them");
    }

    private static ExpectationResult languages(Expectation e, SourceQuality q, String where) {
        Map<String, Integer> other = new TreeMap<>();
        q.languages().forEach((language, n) -> {
            if (!language.equals("und") && !e.names().contains(language)) {
                other.put(language, n);
            }
        });
        boolean passed = other.isEmpty();
        return new ExpectationResult(
                e.key(),
                e.severity(),
                passed,
                passed ? "all in " + e.names() : "other languages " + other,
                passed
                        ? null
                        : where + ": documents in languages outside " + e.names() + " (language=documents): " + other);
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
