package dev.sluice.conflict;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One sentence of a passage, read for comparison: what it is about (its content words, stemmed), the
 * values it states, whether it is negated, and the qualifiers that must match before two sentences can
 * disagree (the names and codes it mentions, its tense, its conditions).
 *
 * @param passage the index of its passage in the detector's input
 * @param text the sentence as written (whitespace flattened)
 * @param content content words: stem to the first form written
 * @param words every word of the sentence, folded (for "does the other sentence mention X at all")
 * @param values the values it states, in order
 * @param names capitalized words in the middle of the sentence, folded, and identifiers (section 3, Q3)
 * @param opening the first word, folded, when it is capitalized and no stop word (a proper noun, or not)
 * @param negated whether the sentence is negated (an odd number of negations)
 * @param tense markers present: {@code past} (formerly, until), {@code future} (proposed, upcoming),
 *     {@code was} and {@code is} (the verb's tense)
 * @param conditions condition words present ("if", "unless", "only")
 * @param scoped the stems of content words after a preposition that narrows what comes before it ("for
 *     birth parents", "after 5 years of service"), by the offset of that preposition
 */
record Statement(
        int passage,
        String text,
        Map<String, String> content,
        Set<String> words,
        List<Value> values,
        Set<String> names,
        String opening,
        boolean negated,
        Set<String> tense,
        Set<String> conditions,
        java.util.NavigableMap<Integer, Set<String>> scoped) {

    /** Prepositions that narrow a value to a case: "16 weeks for birth parents", "30 days after 5 years". */
    private static final Set<String> SCOPES = Set.of(
            "for",
            "after",
            "before",
            "during",
            "to",
            "among",
            "with",
            "from",
            "on",
            "under",
            "at",
            "in",
            "outside",
            "inside",
            "over",
            "except",
            "excluding",
            "including",
            "via",
            "through",
            "beyond");

    /** This statement as one of passage {@code index} (a reading remembered from another call). */
    Statement withPassage(int index) {
        return index == passage
                ? this
                : new Statement(
                        index, text, content, words, values, names, opening, negated, tense, conditions, scoped);
    }

    /** The stems narrowing what ends at {@code offset}: content words after the next scoping preposition. */
    Set<String> scopeAfter(int offset) {
        Set<String> out = new TreeSet<>();
        scoped.tailMap(offset, true).values().forEach(out::addAll);
        return out;
    }

    /** Phrases with a negation word that negate nothing: bounds ("no more than") and idioms. */
    private static final Pattern NOT_NEGATIONS =
            Pattern.compile("(?i)\\b(?:no|not)\\s+(?:later|earlier|more|less|fewer|sooner|longer)\\s+than\\b"
                    + "|\\bnot\\s+(?:only|just|to exceed|necessarily)\\b|\\b(?:whether|if)\\s+or\\s+not\\b|\\bif\\s+not\\b"
                    + "|\\bno\\s+matter\\b|\\bnot\\s+applicable\\b");

    private static final Pattern FIRST_WORD = Pattern.compile("^[^\\p{L}]*([\\p{L}][\\p{L}\\p{M}'’-]*)");
    private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}\\p{M}'’-]*");

    static Statement read(int passage, String sentence) {
        ValueReader.Reading reading = ValueReader.read(sentence);
        String rest = NOT_NEGATIONS
                .matcher(reading.rest())
                .replaceAll(m -> " ".repeat(m.group().length()));
        Map<String, String> content = new LinkedHashMap<>();
        Set<String> words = new TreeSet<>();
        Set<String> names = new TreeSet<>(reading.codes());
        Set<String> tense = new TreeSet<>();
        Set<String> conditions = new TreeSet<>();
        int negations = 0;
        java.util.TreeMap<Integer, Set<String>> scoped = new java.util.TreeMap<>();
        Set<String> scope = null;
        for (String w : Words.words(sentence)) {
            words.add(Words.fold(w));
        }
        String opening = null;
        java.util.regex.Matcher first = FIRST_WORD.matcher(sentence);
        int openingEnd = first.find() ? first.end(1) : -1;
        java.util.regex.Matcher words2 = WORD.matcher(rest);
        while (words2.find()) {
            String surface = words2.group();
            String folded = Words.fold(surface);
            if (folded.isEmpty()) {
                continue;
            }
            if (Words.PAST.contains(folded)) {
                tense.add("past");
            }
            if (Words.FUTURE.contains(folded)) {
                tense.add("future");
            }
            if (Words.WAS.contains(folded)) {
                tense.add("was");
            }
            if (Words.IS.contains(folded)) {
                tense.add("is");
            }
            if (Words.CONDITIONS.contains(folded)) {
                conditions.add(folded);
            }
            if (SCOPES.contains(folded)) {
                scope = new TreeSet<>();
                scoped.put(words2.start(), scope);
            }
            if (Words.negation(folded)) {
                negations++;
                continue;
            }
            boolean capital = Character.isUpperCase(surface.charAt(0));
            if (capital && !Words.stop(folded)) {
                if (words2.end() == openingEnd) {
                    opening = folded;
                } else {
                    names.add(folded);
                }
            }
            if (Words.stop(folded) || Words.FUTURE.contains(folded)) {
                continue;
            }
            String positive = Words.antonymOf(folded);
            if (positive != null) {
                if (!Words.synonym(folded)) {
                    negations++;
                }
                folded = positive;
            }
            content.putIfAbsent(Words.stem(folded), surface);
            if (scope != null) {
                scope.add(Words.stem(folded));
            }
        }
        return new Statement(
                passage,
                sentence,
                content,
                words,
                reading.values(),
                names,
                opening,
                negations % 2 == 1,
                tense,
                conditions,
                scoped);
    }
}
