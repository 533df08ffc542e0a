package dev.sluice.quality;

import java.util.List;

/**
 * What {@link GarbleCheck} found in a text.
 *
 * @param score 0 for clean text up to 1 for garbage: the signals combined as independent evidence
 *     ({@code 1 - (1 - s1)(1 - s2)...})
 * @param garbled whether the score reached the check's threshold
 * @param signals what was seen, readable and safe to log, such as {@code "mojibake 'Ã©' x12"}; empty
 *     for clean text. A signal may be listed below the threshold: a few broken quotes in a long
 *     filing are worth a look without making it garbage.
 */
public record GarbleReport(double score, boolean garbled, List<String> signals) {
    public GarbleReport {
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be between 0 and 1, got " + score);
        }
        signals = List.copyOf(signals);
    }
}
