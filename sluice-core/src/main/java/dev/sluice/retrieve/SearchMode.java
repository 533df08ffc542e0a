package dev.sluice.retrieve;

import java.util.Locale;

/** How to rank chunks for a query. */
public enum SearchMode {
    /** Lexical: BM25 over title, headings and text. */
    BM25,
    /** Semantic: nearest vectors (HNSW). */
    DENSE,
    /** Both, fused by reciprocal rank. */
    HYBRID;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode with this label, case ignored (surrounding blanks too), or null for none. */
    public static SearchMode fromLabel(String label) {
        for (SearchMode m : values()) {
            if (label != null && m.label().equalsIgnoreCase(label.strip())) {
                return m;
            }
        }
        return null;
    }
}
