package dev.sluice.answer;

import dev.sluice.conflict.Conflict;
import dev.sluice.conflict.Passage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The sentence an answer gains when its passages disagree: "Sources disagree on parental leave: [1]
 * says 16 weeks, [3] says 12 weeks." Both sides are cited by their numbers in the context, and a
 * negation quotes each side's sentence exactly, so the warning passes the citation check as written.
 */
final class ConflictWarning {
    /** At most this many conflicts are named in an answer's text (the answer's JSON carries them all). */
    static final int MAX_IN_TEXT = 3;

    /** A sentence quoted in a warning is at most this long; a longer one is cited without a quote. */
    private static final int MAX_QUOTED_WORDS = 40;

    private ConflictWarning() {}

    /** The passages of a context, as the conflict detector reads them. */
    static List<Passage> passages(List<ContextChunk> context) {
        return context.stream().map(ContextChunk::passage).toList();
    }

    /** The warning for {@code conflicts} among {@code context}; empty when there is none to name. */
    static String text(List<Conflict> conflicts, List<ContextChunk> context) {
        Set<String> sentences = new LinkedHashSet<>();
        for (Conflict c : conflicts) {
            int a = number(c.a(), context);
            int b = number(c.b(), context);
            if (a == 0 || b == 0) {
                continue; // not from this context: nothing to cite
            }
            if (sentences.size() < MAX_IN_TEXT) {
                sentences.add(sentence(c, a, b));
            }
        }
        return String.join(" ", sentences);
    }

    /** The citation numbers of both sides of each conflict, in the context. */
    static List<Integer> cited(List<Conflict> conflicts, List<ContextChunk> context) {
        List<Integer> out = new ArrayList<>();
        for (Conflict c : conflicts) {
            for (Passage p : List.of(c.a(), c.b())) {
                int n = number(p, context);
                if (n > 0 && !out.contains(n)) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    private static String sentence(Conflict c, int a, int b) {
        String on = c.subject().isBlank() ? "Sources disagree" : "Sources disagree on " + c.subject();
        if (!c.kind().equals("negation")) {
            return on + ": [" + a + "] says " + c.valueA() + ", [" + b + "] says " + c.valueB() + ".";
        }
        if (quotable(c.sentenceA()) && quotable(c.sentenceB())) {
            return "Sources disagree: [" + a + "] says \"" + unpunctuated(c.sentenceA()) + "\", [" + b + "] says \""
                    + unpunctuated(c.sentenceB()) + "\".";
        }
        return on + ": [" + a + "] and [" + b + "] contradict each other.";
    }

    private static boolean quotable(String sentence) {
        return sentence.split("\\s+").length <= MAX_QUOTED_WORDS
                && sentence.chars().noneMatch(ch -> ch == '"' || ch == '“' || ch == '”' || ch == '[');
    }

    private static String unpunctuated(String sentence) {
        String s = sentence.strip();
        while (!s.isEmpty() && ".!?;:".indexOf(s.charAt(s.length() - 1)) >= 0) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static int number(Passage p, List<ContextChunk> context) {
        for (ContextChunk c : context) {
            if (c.hit().chunkId().equals(p.id())) {
                return c.number();
            }
        }
        return 0;
    }
}
