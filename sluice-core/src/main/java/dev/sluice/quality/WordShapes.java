package dev.sluice.quality;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts words that are not word-like, the way OCR errors and broken extraction leave them, and the
 * vowels among the words' Latin letters (see {@link GarbleCheck}). A word is a run of non-space
 * characters with a letter, stripped of the punctuation around it; e-mail addresses and URLs are left
 * out. Not word-like: a 0, 1 or 5 inside lower-case letters ("tbe1r", "ba5ed"), a sign other than {@link
 * #WORD_JOINERS} between two letters ("th~e", "C:hina"), a digit for the first letter of a lower-case
 * word ("0ver"), six consonants in a row in a word that is not all capitals, a lone lower-case letter
 * that is neither a word nor a usual variable. Things that look odd but are normal stay clean: a digit
 * after an upper-case letter ("H2O", "IL-6"), digits at the end ("utf8", "base64"), names with other
 * digits ("log4j", "k8s"), ordinals ("2nd"), hex ("0xff"), all-capital words ("NYSE"), footnote marks
 * ("(b)"), and in code (see {@link #looksLikeCode}) signs inside names and lone letters.
 */
final class WordShapes {
    /** Fewer words than this are too few to judge. */
    static final int MIN_WORDS = 20;

    private static final int MAX_EXAMPLES = 3;

    private static final String VOWELS = "aeiouyàáâäãåæèéêëìíîïòóôöõøùúûüýÿœ";

    /**
     * @param words words (tokens with a letter, addresses left out)
     * @param noisy words that are not word-like
     * @param examples the first few of them
     * @param latinLetters Latin letters in the words
     * @param latinVowels vowels among them (a e i o u y, accented or not)
     */
    record Result(int words, int noisy, List<String> examples, int latinLetters, int latinVowels) {}

    private WordShapes() {}

    static Result measure(String text) {
        boolean code = looksLikeCode(text);
        int words = 0;
        int noisy = 0;
        int latinLetters = 0;
        int latinVowels = 0;
        List<String> examples = new ArrayList<>(MAX_EXAMPLES);
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (start == i) {
                continue;
            }
            int s = start;
            int e = i;
            while (s < e && isEdgePunctuation(text.charAt(s))) {
                s++;
            }
            while (e > s && isEdgePunctuation(text.charAt(e - 1))) {
                e--;
            }
            if (s == e || !hasLetter(text, s, e) || isAddress(text, s, e)) {
                continue;
            }
            words++;
            for (int k = s; k < e; k++) {
                char c = text.charAt(k);
                if (Character.isLetter(c) && c < 0x250) {
                    latinLetters++;
                    if (VOWELS.indexOf(Character.toLowerCase(c)) >= 0) {
                        latinVowels++;
                    }
                }
            }
            boolean footnoteMark =
                    e - s == 1 && s > start && text.charAt(s - 1) == '(' && e < i && text.charAt(e) == ')';
            if (isNoisy(text, s, e, code, code || footnoteMark)) {
                noisy++;
                if (examples.size() < MAX_EXAMPLES) {
                    examples.add(text.substring(s, Math.min(e, s + 24)));
                }
            }
        }
        return new Result(words, noisy, examples, latinLetters, latinVowels);
    }

    /**
     * Whether a word is not word-like. A lone letter counts unless it is a word ("a", "y", "à"), a usual
     * variable or unit ("n = 45", "3 x 5", "10 m", "p &lt; 0.05"), or {@code loneLettersAllowed} (code,
     * a footnote mark "(b)").
     */
    static boolean isNoisy(String t, int s, int e, boolean code, boolean loneLettersAllowed) {
        int len = e - s;
        if (len == 1) {
            char c = t.charAt(s);
            // ASCII only: a Greek letter alone is a symbol ("DNA polymerase μ")
            return !loneLettersAllowed && c >= 'a' && c <= 'z' && "aeiouynxmpksv".indexOf(c) < 0;
        }
        boolean allUpper = true;
        int consonants = 0;
        int maxConsonants = 0;
        for (int k = s; k < e; k++) {
            char c = t.charAt(k);
            if (Character.isLowerCase(c)) {
                allUpper = false;
            }
            if (isAsciiConsonant(c)) {
                consonants++;
                maxConsonants = Math.max(maxConsonants, consonants);
            } else {
                consonants = 0;
            }
            if (k > s && k < e - 1) {
                char prev = t.charAt(k - 1);
                char next = t.charAt(k + 1);
                // a digit OCR mistakes for a letter inside lower-case letters: "tbe1r", "informati0n", "ba5ed";
                // others ("log4j", "k8s", "p2p") are names
                if ((c == '0' || c == '1' || c == '5') && Character.isLowerCase(prev) && Character.isLowerCase(next)) {
                    return true;
                }
                // a sign inside a word: "th~e", "in¬formation", "wo|rd"; code joins names with any sign
                if (!code
                        && Character.isLetter(prev)
                        && Character.isLetter(next)
                        && !Character.isLetterOrDigit(c)
                        && !isWordJoiner(c)) {
                    return true;
                }
            }
        }
        // a digit for a letter at the start of a lower-case word: "0ver", "1nformation"
        if (!code
                && len >= 4
                && Character.isDigit(t.charAt(s))
                && allLower(t, s + 1, e)
                && !isOrdinal(t, s, e)
                && !t.startsWith("0x", s)) {
            return true;
        }
        return !allUpper && maxConsonants >= 6;
    }

    /** Code: at least one of ; { } = per eight words. */
    static boolean looksLikeCode(String text) {
        int marks = 0;
        int spaces = 1;
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c == ';' || c == '{' || c == '}' || c == '=') {
                marks++;
            } else if (c == ' ') {
                spaces++;
            }
        }
        return marks * 8 >= spaces;
    }

    private static boolean isOrdinal(String t, int s, int e) {
        String tail = t.substring(s, e).replaceAll("^\\d+", "");
        return tail.equals("st") || tail.equals("nd") || tail.equals("rd") || tail.equals("th") || tail.equals("s");
    }

    private static boolean allLower(String t, int s, int e) {
        if (s >= e) {
            return false;
        }
        for (int k = s; k < e; k++) {
            if (!Character.isLowerCase(t.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    /** Signs that join the parts of a word or name in prose: "it's", "e-mail", "R&D", "n/a", "U.S", "(s)". */
    private static final String WORD_JOINERS = "'\u2019-\u2010\u2011\u2013\u2014.&/_\u00B7+@*()[]#\u2032";

    private static boolean isWordJoiner(char c) {
        return WORD_JOINERS.indexOf(c) >= 0;
    }

    private static boolean isAsciiConsonant(char c) {
        char l = Character.toLowerCase(c);
        return l >= 'a' && l <= 'z' && "aeiouy".indexOf(l) < 0;
    }

    private static boolean isEdgePunctuation(char c) {
        return !Character.isLetterOrDigit(c);
    }

    private static boolean hasLetter(String t, int s, int e) {
        for (int k = s; k < e; k++) {
            if (Character.isLetter(t.charAt(k))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAddress(String t, int s, int e) {
        for (int k = s; k < e; k++) {
            char c = t.charAt(k);
            if (c == '@' || c == ':' && k + 2 < e && t.charAt(k + 1) == '/' && t.charAt(k + 2) == '/') {
                return true;
            }
        }
        return e - s > 4 && t.startsWith("www.", s);
    }
}
