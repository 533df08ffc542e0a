package dev.sluice.index;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The language the BM25 field is analyzed in ({@code index.language} in sluice.yaml): part of an
 * index's identity, recorded in every commit beside the embedding model. Terms analyzed in one
 * language never match terms indexed in another (German stems "Häuser" to "haus", English keeps
 * "häuser"), so one index has one language, and queries are analyzed in the language the index
 * records, never in the one a caller assumes.
 */
public enum IndexLanguage {
    /** English: stop words, Porter stemming (the default, and every index written before languages existed). */
    EN("en"),
    /** German: stop words, umlauts folded, light stemming. */
    DE("de"),
    /** French: elision (l'avion -> avion), stop words, light stemming. */
    FR("fr"),
    /** Spanish: stop words, light stemming. */
    ES("es"),
    /** Italian: elision, stop words, light stemming. */
    IT("it"),
    /** Portuguese: stop words, light stemming. */
    PT("pt"),
    /** Dutch: stop words, Snowball stemming. */
    NL("nl"),
    /** Swedish: stop words, Snowball stemming. */
    SV("sv"),
    /** Russian: stop words, Snowball stemming. */
    RU("ru"),
    /** Arabic: normalization, stop words, light stemming. */
    AR("ar"),
    /** Chinese: overlapping pairs of characters (CJK bigrams), no dictionary. */
    ZH("zh"),
    /** Japanese: overlapping pairs of characters (CJK bigrams), no dictionary. */
    JA("ja"),
    /** Korean: overlapping pairs of characters (CJK bigrams), no dictionary. */
    KO("ko"),
    /** Any language: Unicode word boundaries and lower case, no stop words, no stemming. */
    STANDARD("standard");

    /** The language of an index that records none: every index written before languages existed. */
    public static final IndexLanguage DEFAULT = EN;

    private final String code;

    IndexLanguage(String code) {
        this.code = code;
    }

    /** As written in sluice.yaml and recorded in the index: {@code en}, {@code de}, {@code standard}. */
    public String code() {
        return code;
    }

    /** The language of {@code code} (case-insensitive); fails listing the supported codes. */
    public static IndexLanguage of(String code) {
        String wanted = code == null ? "" : code.strip().toLowerCase(Locale.ROOT);
        for (IndexLanguage language : values()) {
            if (language.code.equals(wanted)) {
                return language;
            }
        }
        throw new IllegalArgumentException("unknown language \"" + code + "\"; supported: " + supported());
    }

    /** The supported codes, comma-separated, in declaration order. */
    public static String supported() {
        return Arrays.stream(values()).map(IndexLanguage::code).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return code;
    }
}
