package dev.sluice.quality;

import com.optimaize.langdetect.DetectedLanguage;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfile;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;
import dev.sluice.core.Checks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Guesses the language of a text with the n-gram profiles of optimaize's language-detector (70
 * languages built from Wikipedia; Asturian, which has no ISO 639-1 code, is left out). The profiles
 * take about two seconds and some 70 MB to load, so there is one instance: {@link #shared()}, loaded
 * on first use.
 *
 * <p>A text under {@link #MIN_LETTERS} letters is {@link LanguageGuess#UNDETERMINED} with confidence
 * 0: n-gram statistics on a few words are a coin toss. A long text is read in three slices of {@link
 * #SLICE_CHARS} characters (start, middle, end), which keeps the cost per document flat and lets a
 * front page in another language not decide alone. Below {@link #MIN_CONFIDENCE} the guess is also
 * undetermined, with the best probability as its confidence. Chinese profiles (zh-CN, zh-TW) answer
 * "zh".
 *
 * <p>Thread-safe and deterministic: the library draws its samples from a {@link java.util.Random}
 * made per call with a fixed seed.
 */
public final class LanguageDetector {
    /** Fewer letters than this give {@link LanguageGuess#UNDETERMINED}. */
    public static final int MIN_LETTERS = 40;

    /** A best probability below this gives {@link LanguageGuess#UNDETERMINED}. */
    public static final double MIN_CONFIDENCE = 0.5;

    /** Characters read from each of the three slices of a long text. */
    static final int SLICE_CHARS = 4_000;

    private static final long SEED = 20_261_207L;

    private final com.optimaize.langdetect.LanguageDetector detector;
    private final TextObjectFactory texts;

    private LanguageDetector() {
        List<LanguageProfile> profiles;
        try {
            profiles = new LanguageProfileReader()
                    .readAllBuiltIn().stream()
                            .filter(p -> !p.getLocale().getLanguage().equals("ast"))
                            .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read the language profiles from the language-detector jar: " + e.getMessage(), e);
        }
        detector = LanguageDetectorBuilder.create(NgramExtractors.standard())
                .withProfiles(profiles)
                .seed(SEED)
                .build();
        texts = CommonTextObjectFactories.forDetectingOnLargeText();
    }

    private static final class Holder {
        static final LanguageDetector SHARED = new LanguageDetector();
    }

    /** The one detector, its profiles loaded on first use. */
    public static LanguageDetector shared() {
        return Holder.SHARED;
    }

    /** The language of {@code text}; never null. */
    public LanguageGuess detect(String text) {
        Checks.notNull("text", text);
        String sample = sample(text);
        if (letters(sample) < MIN_LETTERS) {
            return new LanguageGuess(LanguageGuess.UNDETERMINED, 0);
        }
        List<DetectedLanguage> found = detector.getProbabilities(texts.forText(sample));
        if (found.isEmpty()) {
            return new LanguageGuess(LanguageGuess.UNDETERMINED, 0);
        }
        DetectedLanguage best = found.getFirst();
        double confidence = Math.clamp(best.getProbability(), 0.0, 1.0);
        if (confidence < MIN_CONFIDENCE) {
            return new LanguageGuess(LanguageGuess.UNDETERMINED, confidence);
        }
        return new LanguageGuess(best.getLocale().getLanguage(), confidence);
    }

    /** The whole text when short, else three slices of it cut at spaces. */
    static String sample(String text) {
        if (text.length() <= 3 * SLICE_CHARS) {
            return text;
        }
        int middle = text.length() / 2 - SLICE_CHARS / 2;
        return slice(text, 0) + "\n" + slice(text, middle) + "\n" + slice(text, text.length() - SLICE_CHARS);
    }

    private static String slice(String text, int from) {
        int start = from;
        if (start > 0) {
            int space = text.indexOf(' ', start);
            start = space < 0 || space - start > 50 ? start : space + 1;
        }
        int end = Math.min(text.length(), start + SLICE_CHARS);
        int space = text.lastIndexOf(' ', end);
        if (end < text.length() && space > start && end - space < 50) {
            end = space;
        }
        // never cut a surrogate pair
        if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        if (start < end && Character.isLowSurrogate(text.charAt(start))) {
            start++;
        }
        return text.substring(start, end);
    }

    private static int letters(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isLetter(text.charAt(i)) && ++n >= MIN_LETTERS) {
                return n;
            }
        }
        return n;
    }
}
