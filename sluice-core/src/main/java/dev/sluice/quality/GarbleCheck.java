package dev.sluice.quality;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tells garbled text from clean: text that would embed as noise. Six signals, each scored 0..1 and
 * combined as independent evidence ({@code 1 - (1 - s1)(1 - s2)...}); the text is garbled when the
 * score reaches the threshold ({@link #DEFAULT_THRESHOLD}, tuned on the labelled sample's tune half, see
 * docs/quality.md):
 *
 * <ol>
 *   <li><b>Mojibake</b> ({@link Mojibake}): UTF-8 read as Windows-1252 or Latin-1 ("Ã©", "â€™"). Full
 *       score when a third of the non-ASCII characters belong to such sequences, or at 2 sequences per
 *       1,000 letters; one sequence alone scores nothing.
 *   <li><b>Replacement characters</b> (U+FFFD, what a decoder writes for bytes it cannot read): full
 *       score at 5 per 1,000 letters; one alone scores nothing.
 *   <li><b>Private-use characters</b> (U+E000-U+F8FF and planes 15-16: glyphs of a PDF font without a
 *       Unicode map): from 1% of the letters to full at 5%; a few bullets are normal.
 *   <li><b>Symbols</b>: Unicode symbols outside ASCII (math, arrows, box drawing, dingbats) and
 *       unassigned code points against letters and digits, from 8% to full at 30%. ASCII punctuation
 *       and currency signs do not count, so financial tables ("$ (1,234)"), code and formulas pass;
 *       punctuation soup (more ASCII punctuation than letters and digits) counts from 100% to full at
 *       200%, a run of one sign ("......" leaders) once.
 *   <li><b>OCR noise</b> ({@link WordShapes}): the share of words that are not word-like, from {@link
 *       #OCR_LOW} to full at {@link #OCR_HIGH}, over at least 20 words.
 *   <li><b>Vowels</b>: in 200 or more Latin letters of words, a vowel share under 27% (full at 22%: a
 *       font whose codes are glyph ids turns "The" into "7KH") or over 55% (full at 65%).
 * </ol>
 *
 * <p>Stateless and thread-safe; one pass over the characters and one over the words.
 */
public final class GarbleCheck {
    /** The score from which a text is garbled; tuned on the labelled sample's tune half. */
    public static final double DEFAULT_THRESHOLD = 0.3;

    /** OCR noise: the share of not word-like words that starts to count, and the one that is garbage. */
    static final double OCR_LOW = 0.03;

    static final double OCR_HIGH = 0.10;

    private final double threshold;

    /** A check at {@link #DEFAULT_THRESHOLD}. */
    public GarbleCheck() {
        this(DEFAULT_THRESHOLD);
    }

    /** A check that calls a text garbled from this score on, in (0, 1]. */
    public GarbleCheck(double threshold) {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException(
                    "garbled threshold must be in (0, 1], got " + threshold + "; the default is " + DEFAULT_THRESHOLD);
        }
        this.threshold = threshold;
    }

    public double threshold() {
        return threshold;
    }

    public GarbleReport check(String text) {
        dev.sluice.core.Checks.notNull("text", text);
        CharStats chars = CharStats.of(text);
        List<String> signals = new ArrayList<>();
        double clean = 1;

        Mojibake.Found mojibake = Mojibake.find(text);
        if (mojibake.count() > 0) {
            double share = chars.nonAscii == 0 ? 0 : (double) mojibake.chars() / chars.nonAscii;
            double perThousand = 1000.0 * mojibake.count() / Math.max(chars.letters, 1);
            double s = mojibake.count() < 2 ? 0 : Math.max(ramp(share, 0.05, 0.33), ramp(perThousand, 0.2, 2));
            clean *= 1 - s;
            signals.add("mojibake " + topSequences(mojibake.sequences()) + percent(" of non-ASCII characters", share));
        }
        if (chars.replacement > 0) {
            double perThousand = 1000.0 * chars.replacement / Math.max(chars.letters, 1);
            double s = chars.replacement < 2 ? 0 : ramp(perThousand, 0.5, 5);
            clean *= 1 - s;
            signals.add("replacement character U+FFFD x" + chars.replacement);
        }
        if (chars.privateUse > 0) {
            double share = (double) chars.privateUse / Math.max(chars.letters + chars.privateUse, 1);
            double s = ramp(share, 0.01, 0.05);
            clean *= 1 - s;
            signals.add("private-use characters x" + chars.privateUse + percent(" of letters", share));
        }
        int alnum = chars.letters + chars.digits;
        double symbolShare = (double) chars.oddSymbols / Math.max(alnum + chars.oddSymbols, 1);
        double punctuationShare = (double) chars.punctuation / Math.max(alnum, 1);
        double symbolScore = Math.max(ramp(symbolShare, 0.08, 0.30), ramp(punctuationShare, 1.0, 2.0));
        if (symbolScore > 0) {
            clean *= 1 - symbolScore;
            signals.add(
                    symbolShare >= punctuationShare / 10
                            ? "symbols " + chars.oddSymbols + percent(" against letters and digits", symbolShare)
                            : "punctuation " + chars.punctuation
                                    + percent(" against letters and digits", punctuationShare));
        }
        WordShapes.Result ocr = WordShapes.measure(text);
        if (ocr.words() >= WordShapes.MIN_WORDS) {
            double share = (double) ocr.noisy() / ocr.words();
            double s = ramp(share, OCR_LOW, OCR_HIGH);
            if (s > 0) {
                clean *= 1 - s;
                signals.add("OCR-like noise in " + ocr.noisy() + " of " + ocr.words() + " words"
                        + examples(ocr.examples()));
            }
        }
        if (ocr.latinLetters() >= 200) {
            double vowels = (double) ocr.latinVowels() / ocr.latinLetters();
            double s = Math.max(ramp(0.27 - vowels, 0, 0.05), ramp(vowels - 0.55, 0, 0.10));
            if (s > 0) {
                clean *= 1 - s;
                signals.add(percent("vowels", vowels).strip() + " of Latin letters");
            }
        }
        double score = Math.clamp(1 - clean, 0.0, 1.0);
        return new GarbleReport(score, score >= threshold, signals);
    }

    /** 0 at or below {@code low}, 1 at or above {@code high}, linear between. */
    static double ramp(double value, double low, double high) {
        if (value <= low) {
            return 0;
        }
        return value >= high ? 1 : (value - low) / (high - low);
    }

    private static String topSequences(Map<String, Integer> sequences) {
        List<Map.Entry<String, Integer>> top = new ArrayList<>(sequences.entrySet());
        top.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(3, top.size()); i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append('\'')
                    .append(top.get(i).getKey())
                    .append("' x")
                    .append(top.get(i).getValue());
        }
        if (top.size() > 3) {
            out.append(" and ").append(top.size() - 3).append(" more");
        }
        return out.toString();
    }

    private static String examples(List<String> examples) {
        return examples.isEmpty()
                ? ""
                : " ("
                        + String.join(
                                ", ", examples.stream().map(e -> "'" + e + "'").toList()) + ")";
    }

    private static String percent(String what, double share) {
        return String.format(Locale.ROOT, " (%.0f%%%s)", 100 * share, what.isEmpty() ? "" : " " + what.strip())
                .replace("( ", "(");
    }

    /** Character counts of a text, one pass. */
    static final class CharStats {
        int letters;
        int digits;
        int nonAscii;
        int replacement;
        int privateUse;
        int oddSymbols;
        int punctuation;

        static CharStats of(String text) {
            CharStats s = new CharStats();
            int previous = -1;
            for (int i = 0; i < text.length(); ) {
                int cp = text.codePointAt(i);
                i += Character.charCount(cp);
                boolean repeat = cp == previous;
                previous = cp;
                if (cp >= 0x80) {
                    s.nonAscii++;
                }
                if (Character.isLetter(cp)) {
                    s.letters++;
                    continue;
                }
                if (Character.isDigit(cp)) {
                    s.digits++;
                    continue;
                }
                if (cp == 0xFFFD) {
                    s.replacement++;
                    continue;
                }
                int type = Character.getType(cp);
                switch (type) {
                    case Character.PRIVATE_USE -> s.privateUse++;
                    case Character.UNASSIGNED, Character.SURROGATE -> s.oddSymbols++;
                    case Character.MATH_SYMBOL, Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> {
                        if (cp >= 0x80) {
                            s.oddSymbols++;
                        } else {
                            s.punctuation++;
                        }
                    }
                    case Character.CONNECTOR_PUNCTUATION,
                            Character.DASH_PUNCTUATION,
                            Character.START_PUNCTUATION,
                            Character.END_PUNCTUATION,
                            Character.INITIAL_QUOTE_PUNCTUATION,
                            Character.FINAL_QUOTE_PUNCTUATION,
                            Character.OTHER_PUNCTUATION -> {
                        if (!repeat) {
                            s.punctuation++; // a run ("......", "____") is one: leaders and rules, not noise
                        }
                    }
                    default -> {
                        // spaces, currency signs, marks
                    }
                }
            }
            return s;
        }
    }
}
