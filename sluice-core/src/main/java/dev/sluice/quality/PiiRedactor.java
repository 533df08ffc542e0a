package dev.sluice.quality;

import dev.sluice.core.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * Replaces personal data by its kind in brackets ({@code [email]}, {@code [phone]}, {@code [card]},
 * {@code [iban]}, {@code [national-id]}): what goes to the index and to a model when a source's policy
 * is to redact. A document keeps its blocks: each span is moved by what the replacements before it
 * added or removed, so {@code text.substring(span.start(), span.end())} is still exactly its block,
 * redacted, and the text is still the blocks joined by {@link TextNormalizer#BLOCK_SEPARATOR}.
 *
 * <p>Hits must be {@link PiiScanner}'s for this very text: in order, not overlapping, inside it, and none
 * across two blocks (the scanner's patterns never match a line break). Anything else is an {@link
 * IllegalArgumentException} naming the hit, not a silently shifted text.
 */
public final class PiiRedactor {
    private PiiRedactor() {}

    /** What a hit of this kind becomes: {@code "[" + kind.label() + "]"}. */
    public static String placeholder(PiiKind kind) {
        return "[" + kind.label() + "]";
    }

    /** The text with each hit replaced by its placeholder. */
    public static String redact(String text, List<PiiHit> hits) {
        Checks.notNull("text", text);
        Checks.notNull("hits", hits);
        validate(text, hits);
        if (hits.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (PiiHit hit : hits) {
            out.append(text, at, hit.start()).append(placeholder(hit.kind()));
            at = hit.end();
        }
        return out.append(text, at, text.length()).toString();
    }

    /**
     * The document with each hit of its {@link NormalizedDocument#text()} replaced and its spans moved;
     * title and metadata unchanged.
     */
    public static NormalizedDocument redact(NormalizedDocument doc, List<PiiHit> hits) {
        Checks.notNull("doc", doc);
        Checks.notNull("hits", hits);
        String text = doc.text();
        validate(text, hits);
        if (hits.isEmpty()) {
            return doc;
        }
        for (PiiHit hit : hits) {
            boolean inside = false;
            for (NormalizedDocument.Span span : doc.spans()) {
                if (hit.start() >= span.start() && hit.end() <= span.end()) {
                    inside = true;
                    break;
                }
            }
            if (!inside) {
                throw new IllegalArgumentException("PII hit " + describe(hit) + " of " + doc.uri()
                        + " is not inside one block: scan the document's text with PiiScanner, whose hits never"
                        + " cross a block separator");
            }
        }
        List<NormalizedDocument.Span> spans = new ArrayList<>(doc.spans().size());
        int h = 0;
        int shift = 0;
        for (NormalizedDocument.Span span : doc.spans()) {
            // hits before this span (in the separators: none, as checked) have moved it by `shift`
            int start = span.start() + shift;
            while (h < hits.size() && hits.get(h).end() <= span.end()) {
                PiiHit hit = hits.get(h++);
                shift += placeholder(hit.kind()).length() - (hit.end() - hit.start());
            }
            spans.add(new NormalizedDocument.Span(
                    span.heading(), span.headingLevel(), start, span.end() + shift, span.page(), span.tablePart()));
        }
        return new NormalizedDocument(
                doc.uri(), doc.title(), doc.mediaType(), redact(text, hits), spans, doc.metadata());
    }

    private static void validate(String text, List<PiiHit> hits) {
        int previousEnd = 0;
        for (PiiHit hit : hits) {
            Checks.notNull("hit", hit);
            if (hit.end() > text.length()) {
                throw new IllegalArgumentException("PII hit " + describe(hit) + " ends past the text (length "
                        + text.length() + "): the hits belong to another text");
            }
            if (hit.start() < previousEnd) {
                throw new IllegalArgumentException(
                        "PII hit " + describe(hit)
                                + " overlaps or precedes the one before it: pass the hits in text order, as PiiScanner.scan gives them");
            }
            previousEnd = hit.end();
        }
    }

    private static String describe(PiiHit hit) {
        return hit.kind().label() + " " + hit.start() + ".." + hit.end() + " (" + hit.masked() + ")";
    }
}
