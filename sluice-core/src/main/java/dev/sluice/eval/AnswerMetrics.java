package dev.sluice.eval;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Answer metrics against a reference answer, as the SQuAD evaluation script defines them: both
 * texts are normalized (lower case, punctuation removed, the articles a, an and the removed,
 * whitespace collapsed; here also Unicode NFKC and citation markers such as {@code [2]} removed);
 * exact match is 1 when the normalized texts are equal; token F1 is the harmonic mean of precision
 * and recall over the multiset of normalized tokens.
 */
public final class AnswerMetrics {
    private AnswerMetrics() {}

    /** SQuAD normalization, plus NFKC and without citation markers. */
    public static String normalize(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        s = s.replaceAll("\\[\\d+(\\s*,\\s*\\d+)*]", " ");
        s = s.replaceAll("\\p{Punct}|[\\p{IsPunctuation}]", " ");
        s = s.replaceAll("\\b(a|an|the)\\b", " ");
        return s.replaceAll("\\s+", " ").strip();
    }

    public static double exactMatch(String answer, String reference) {
        return normalize(answer).equals(normalize(reference)) ? 1.0 : 0.0;
    }

    /** Token F1; two empty texts match (1.0), one empty text against a non-empty one scores 0. */
    public static double tokenF1(String answer, String reference) {
        List<String> a = tokens(answer);
        List<String> r = tokens(reference);
        if (a.isEmpty() || r.isEmpty()) {
            return a.isEmpty() && r.isEmpty() ? 1.0 : 0.0;
        }
        Map<String, Integer> counts = new HashMap<>();
        r.forEach(t -> counts.merge(t, 1, Integer::sum));
        int common = 0;
        for (String t : a) {
            Integer left = counts.get(t);
            if (left != null && left > 0) {
                common++;
                counts.put(t, left - 1);
            }
        }
        if (common == 0) {
            return 0.0;
        }
        double precision = (double) common / a.size();
        double recall = (double) common / r.size();
        return 2 * precision * recall / (precision + recall);
    }

    private static List<String> tokens(String text) {
        String n = normalize(text);
        return n.isEmpty() ? List.of() : Arrays.asList(n.split(" "));
    }
}
