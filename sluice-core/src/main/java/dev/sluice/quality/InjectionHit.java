package dev.sluice.quality;

import dev.sluice.core.Checks;

/**
 * One place where a text looks like it tries to instruct a language model.
 *
 * @param pattern a stable id of what matched, such as {@code ignore-previous-instructions} (see {@link
 *     InjectionScanner} for the list)
 * @param start inclusive offset into the scanned text
 * @param end exclusive offset into the scanned text
 * @param mention whether the text only talks about such a phrase: it stands in quotation marks or a code
 *     span, or a sentence introduces it as an example ("phrases such as ...") and it does not go on as an
 *     order. A mention alone does not flag a text.
 */
public record InjectionHit(String pattern, int start, int end, boolean mention) {
    public InjectionHit {
        Checks.notNull("pattern", pattern);
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("an injection hit needs 0 <= start < end, got " + start + ".." + end);
        }
    }
}
