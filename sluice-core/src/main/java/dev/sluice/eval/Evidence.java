package dev.sluice.eval;

import dev.sluice.core.Checks;
import java.text.Normalizer;
import java.util.Locale;

/**
 * Where in a relevant document a query's answer lies: one page, or one quoted passage. A retrieved
 * chunk covers it when the chunk belongs to the document and its pages {@code pageStart..pageEnd}
 * include the page, or its text contains the passage once both are {@linkplain #normalize
 * normalized}. The page metrics ({@link PageHitAtK}, {@link PageRecallAtK}, {@link PageMrrAtK}) count
 * covered evidence among the top chunks.
 *
 * @param docId the document, named as the set's judgments name it (a source-relative path or a URI)
 * @param page the 1-based page, as PDF viewers count and chunks store it; 0 for a passage
 * @param passage the quoted text, or null for a page
 * @param file the eval file it was read from, or {@code "(memory)"} for evidence built in code
 * @param line the 1-based line in that file, or 0 for evidence built in code
 */
public record Evidence(String docId, int page, String passage, String file, int line) {
    public Evidence {
        Checks.notNull("docId", docId);
        Checks.notNull("file", file);
        if (page < 0) {
            throw new IllegalArgumentException("evidence page must be >= 1 (0 for a passage), got " + page);
        }
        if ((page > 0) == (passage != null)) {
            throw new IllegalArgumentException(
                    "evidence in '" + docId + "' needs either a page or a passage, not both or neither");
        }
        if (passage != null && normalize(passage).isEmpty()) {
            throw new IllegalArgumentException(
                    "evidence passage in '" + docId + "' has no letters or digits, got '" + passage + "'");
        }
    }

    /** Evidence built in code, without a file. */
    public Evidence(String docId, int page, String passage) {
        this(docId, page, passage, "(memory)", 0);
    }

    /** One page of a document. */
    public static Evidence page(String docId, int page) {
        return new Evidence(docId, Checks.positive("page", page), null);
    }

    /** A passage of a document. */
    public static Evidence passage(String docId, String passage) {
        return new Evidence(docId, 0, Checks.notNull("passage", passage));
    }

    /** Whether this is a page (otherwise a passage). */
    public boolean isPage() {
        return page > 0;
    }

    /**
     * Whether a chunk covers this evidence.
     *
     * @param path the chunk's document path (source-relative)
     * @param uri the chunk's document URI
     * @param pageStart the chunk's first page, 0 when unpaged
     * @param pageEnd the chunk's last page, 0 when unpaged
     * @param normalizedText the chunk's text, already {@linkplain #normalize normalized} (computed once per
     *     chunk by callers that test several evidence items); only read for a passage
     */
    public boolean coveredBy(String path, String uri, int pageStart, int pageEnd, String normalizedText) {
        if (!docId.equals(path) && !docId.equals(uri)) {
            return false;
        }
        if (isPage()) {
            return pageStart > 0 && pageStart <= page && page <= pageEnd;
        }
        return normalizedText.contains(normalize(passage));
    }

    /** How the evidence reads in messages: {@code 'guide.pdf' page 3} or {@code 'guide.pdf' passage "..."}. */
    public String describe() {
        if (isPage()) {
            return "'" + docId + "' page " + page;
        }
        String shown = passage.length() > 60 ? passage.substring(0, 57) + "..." : passage;
        return "'" + docId + "' passage \"" + shown + "\"";
    }

    String location() {
        return line > 0 ? file + " line " + line : file;
    }

    /**
     * The form passages are compared in: Unicode NFKC (so ligatures, full-width digits and non-breaking
     * spaces read as their plain forms), lower case, and only letters and digits kept. A passage quoted
     * from a PDF viewer thus matches a chunk whatever the whitespace, line breaks, hyphenation points and
     * punctuation extraction produced.
     */
    public static String normalize(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(folded.length());
        folded.codePoints().filter(Character::isLetterOrDigit).forEach(out::appendCodePoint);
        return out.toString();
    }
}
