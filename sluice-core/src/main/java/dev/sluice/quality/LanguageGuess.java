package dev.sluice.quality;

import dev.sluice.core.Checks;

/**
 * The language of a text, as {@link LanguageDetector} guesses it.
 *
 * @param language an ISO 639-1 code ("en", "de", "zh"), or {@link #UNDETERMINED} when the text is too
 *     short (under {@link LanguageDetector#MIN_LETTERS} letters) or no language is likely enough
 * @param confidence the probability of the best language, 0..1; 0 when the text was too short
 */
public record LanguageGuess(String language, double confidence) {
    /** ISO 639-2's code for "undetermined". */
    public static final String UNDETERMINED = "und";

    public LanguageGuess {
        Checks.notNull("language", language);
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1, got " + confidence);
        }
    }

    /** Whether a language was recognised (not {@link #UNDETERMINED}). */
    public boolean determined() {
        return !UNDETERMINED.equals(language);
    }
}
