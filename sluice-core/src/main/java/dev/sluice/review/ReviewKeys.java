package dev.sluice.review;

import dev.sluice.core.Hashing;
import java.text.Normalizer;
import java.util.Locale;

/** Identities of review items: what makes two findings the same one. */
public final class ReviewKeys {
    private ReviewKeys() {}

    /**
     * The identity of a pair of sentences, in either order: their text with Unicode, case and
     * whitespace folded, sorted, hashed. The same two sentences found again (in the next run, in
     * another copy of a document, the other way round) are the same item.
     */
    public static String pairKey(String sentenceA, String sentenceB) {
        String a = fold(sentenceA);
        String b = fold(sentenceB);
        return Hashing.sha256Hex(a.compareTo(b) <= 0 ? a + "\u0000" + b : b + "\u0000" + a);
    }

    /** A sentence as compared: NFKC, lower case, one space between words. */
    public static String fold(String sentence) {
        return Normalizer.normalize(sentence, Normalizer.Form.NFKC)
                .toLowerCase(Locale.ROOT)
                .replaceAll("\\s+", " ")
                .strip();
    }
}
