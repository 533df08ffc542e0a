package dev.sluice.enrich;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a document is, in a few fields a question can name: who issued it, what kind of document it is,
 * and the period it covers. Read deterministically from the document ({@link AttributeReader}); stored
 * on every chunk, written into each chunk's context header, and matched against questions.
 *
 * @param issuer the organization that issued it, as written ("3M Company", "Adobe Inc."), or null
 * @param docType the kind of document ("10-K", "10-Q", "press release"), or null
 * @param year the year of the period it covers (the year its fiscal year or quarter ends), 0 when unknown
 * @param quarter the quarter it covers, 1 to 4, 0 for a year or when unknown
 * @param aliases lower-case names a question may use for the issuer ("3m", "lockheed martin", "square")
 */
public record DocumentAttributes(String issuer, String docType, int year, int quarter, List<String> aliases) {
    /** Nothing known. */
    public static final DocumentAttributes NONE = new DocumentAttributes(null, null, 0, 0, List.of());

    /** Keys of {@link #toMap()}, as stored on chunks. */
    public static final String ISSUER = "issuer";

    public static final String DOC_TYPE = "doctype";
    public static final String YEAR = "year";
    public static final String QUARTER = "quarter";
    public static final String ALIASES = "aliases";

    public DocumentAttributes {
        aliases = List.copyOf(aliases);
        if (year < 0 || quarter < 0 || quarter > 4) {
            throw new IllegalArgumentException("year must be >= 0 and quarter 0..4, got " + year + " and " + quarter);
        }
    }

    /** Whether nothing is known. */
    public boolean isEmpty() {
        return issuer == null && docType == null && year == 0 && aliases.isEmpty();
    }

    /** The period as a reader writes it: "fiscal year 2018", "Q2 2023", or null. */
    public String period() {
        if (year == 0) {
            return null;
        }
        return quarter > 0 ? "Q" + quarter + " " + year : "fiscal year " + year;
    }

    /**
     * The context header of a chunk: "3M Company · 10-K · fiscal year 2018 · Item 8 · Cash Flows". Given to
     * the embedding model and to BM25 before the chunk's text, never shown as part of the chunk.
     */
    public String header(List<String> headingPath) {
        List<String> parts = new ArrayList<>();
        if (issuer != null) {
            parts.add(issuer);
        }
        if (docType != null) {
            parts.add(docType);
        }
        if (period() != null) {
            parts.add(period());
        }
        if (headingPath != null) {
            parts.addAll(headingPath);
        }
        return String.join(" · ", parts);
    }

    /** The fields as strings, for storage (absent ones left out; aliases joined by '|'). */
    public Map<String, String> toMap() {
        Map<String, String> out = new LinkedHashMap<>();
        if (issuer != null) {
            out.put(ISSUER, issuer);
        }
        if (docType != null) {
            out.put(DOC_TYPE, docType);
        }
        if (year > 0) {
            out.put(YEAR, Integer.toString(year));
        }
        if (quarter > 0) {
            out.put(QUARTER, Integer.toString(quarter));
        }
        if (!aliases.isEmpty()) {
            out.put(ALIASES, String.join("|", aliases));
        }
        return out;
    }

    /** The inverse of {@link #toMap()}; unknown keys are ignored. */
    public static DocumentAttributes fromMap(Map<String, String> map) {
        if (map == null || map.isEmpty()) {
            return NONE;
        }
        Set<String> aliases = new LinkedHashSet<>();
        String joined = map.get(ALIASES);
        if (joined != null && !joined.isBlank()) {
            for (String a : joined.split("\\|")) {
                aliases.add(a.strip().toLowerCase(Locale.ROOT));
            }
        }
        return new DocumentAttributes(
                map.get(ISSUER),
                map.get(DOC_TYPE),
                number(map.get(YEAR)),
                number(map.get(QUARTER)),
                List.copyOf(aliases));
    }

    private static int number(String s) {
        try {
            return s == null ? 0 : Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
