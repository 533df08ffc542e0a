package dev.sluice.conflict;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The word-level pieces of conflict detection: sentences of a passage, words folded to a light stem
 * (so "requires", "required" and "require" are one word, "parental" and "parent" too), stop words,
 * negation cues and the antonyms that stand for a negation ("prohibited" is "not allowed").
 * Deterministic: {@link Locale#ROOT} folding, fixed lists.
 */
final class Words {
    private Words() {}

    private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}\\p{M}'’-]*");
    private static final Pattern LIST_MARKER = Pattern.compile("^\\s*(?:[-*+•]|\\d{1,2}[.)]|[a-z][.)])\\s+");
    private static final int MIN_SENTENCE_WORDS = 3;

    static final Set<String> STOP = Set.of(("a an the and or but of to in on at by for with from into onto as is are"
                    + " was were be been being am have has had having do does did doing will would shall should may"
                    + " might must can could it its this that these those there here their they them he she his her"
                    + " him we our us you your i me my who whom whose which what when where why how long many much"
                    + " also any all each every some such so than then too very just only up out about over under"
                    + " more most less least per via if unless whether while because since until after before during"
                    + " between within without not no nor never none neither longer other another same both either"
                    + " own get gets got give given gives currently now today please note see one ones new old"
                    + " former previous previously formerly originally again still yet already approximately around"
                    + " roughly nearly almost following follows like well whereas although though else etc")
            .split(" "));

    /** Words that make a statement negative, on their own. */
    private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "none", "neither", "nor", "cannot");

    /** Negative polar forms that are a negation of the first word: "prohibited" is "not allowed". */
    private static final Map<String, String> ANTONYMS = Map.ofEntries(
            Map.entry("prohibited", "allowed"),
            Map.entry("forbidden", "allowed"),
            Map.entry("banned", "allowed"),
            Map.entry("disallowed", "allowed"),
            Map.entry("permitted", "allowed"),
            Map.entry("optional", "required"),
            Map.entry("mandatory", "required"),
            Map.entry("disabled", "enabled"),
            Map.entry("excluded", "included"),
            Map.entry("ineligible", "eligible"),
            Map.entry("unavailable", "available"),
            Map.entry("unsupported", "supported"),
            Map.entry("deprecated", "supported"));

    /** Of {@link #ANTONYMS}, the words that keep the polarity (synonyms of the positive form). */
    private static final Set<String> SYNONYMS = Set.of("permitted", "mandatory");

    /**
     * Modifiers that name different things when one sentence has one and the other another: "paid leave"
     * and "unpaid leave" are two subjects, not a conflict.
     */
    private static final List<Set<String>> CONTRASTS = List.of(
            Set.of("paid", "unpaid"),
            Set.of("full-time", "part-time", "fulltime", "parttime", "full", "part"),
            Set.of("minimum", "maximum", "min", "max"),
            Set.of("daily", "weekly", "monthly", "quarterly", "annual", "annually", "yearly", "hourly"),
            Set.of("gross", "net"),
            Set.of("first", "second", "third", "fourth", "fifth", "last", "final", "next"),
            Set.of("primary", "secondary"),
            Set.of("domestic", "international", "foreign"),
            Set.of("inside", "outside", "internal", "external"),
            Set.of("junior", "senior"),
            Set.of("male", "female"),
            Set.of("mother", "father", "maternity", "paternity"),
            Set.of("birth", "adoption"),
            Set.of("input", "output"),
            Set.of("read", "write"),
            Set.of("upload", "download"),
            Set.of("before", "after"),
            Set.of("start", "end"),
            Set.of("small", "medium", "large"),
            Set.of("free", "premium", "enterprise", "pro", "basic", "standard"),
            Set.of("average", "median", "mean", "peak", "typical"),
            Set.of("increase", "decrease", "rise", "fall", "growth", "decline", "drop"));

    /** Words that place a statement in the past or the future: a change over time, not a conflict. */
    static final Set<String> PAST =
            Set.of("previously", "formerly", "originally", "former", "earlier", "until", "past");

    /** Past forms of "to be": a change over time when the other sentence says "is". */
    static final Set<String> WAS = Set.of("was", "were", "had");

    /** Present forms of "to be". */
    static final Set<String> IS = Set.of("is", "are", "am", "remains", "remain", "has", "have");

    /** Words that place a statement in the future or make it a plan ("will" is left out: policies use it for now). */
    static final Set<String> FUTURE = Set.of("upcoming", "incoming", "soon", "planned", "proposed", "draft");

    /** Words that make a statement hold only under a condition. */
    static final Set<String> CONDITIONS =
            Set.of("if", "unless", "when", "whenever", "except", "provided", "only", "otherwise", "once");

    /** Sentences of a passage's text, line by line (a heading line or a list marker is no sentence start). */
    static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\\R+")) {
            String flat = line.replace('|', ' ').replace('\t', ' ').strip();
            if (flat.isEmpty() || flat.startsWith("#")) {
                continue;
            }
            flat = LIST_MARKER.matcher(flat).replaceFirst("");
            BreakIterator it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
            it.setText(flat);
            int start = it.first();
            for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
                String s = flat.substring(start, end).replaceAll("\\s+", " ").strip();
                if (words(s).size() >= MIN_SENTENCE_WORDS) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /** The words of a text as they are written, in order. */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** A word case-folded, without a possessive {@code 's} or trailing dashes and apostrophes. */
    static String fold(String word) {
        String w = word.toLowerCase(Locale.ROOT).replace('’', '\'');
        if (w.endsWith("'s")) {
            w = w.substring(0, w.length() - 2);
        }
        while (!w.isEmpty() && (w.endsWith("'") || w.endsWith("-"))) {
            w = w.substring(0, w.length() - 1);
        }
        return w;
    }

    /**
     * A light stem of a folded word: plural, -ing, -ed, -ly, -al and a final e removed, so that the
     * forms of one word meet ("policies" and "policy", "approval" and "approve", "parental" and
     * "parent"). Not a linguistic lemma: two stems only need to be equal when the words are.
     */
    static String stem(String folded) {
        String w = folded;
        if (w.length() > 4 && w.endsWith("ies")) {
            w = w.substring(0, w.length() - 3) + "y";
        } else if (w.length() > 4
                && (w.endsWith("sses") || w.endsWith("shes") || w.endsWith("ches") || w.endsWith("xes"))) {
            w = w.substring(0, w.length() - 2);
        } else if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
            w = w.substring(0, w.length() - 1);
        }
        if (w.length() > 5 && w.endsWith("ing")) {
            w = w.substring(0, w.length() - 3);
        } else if (w.length() > 4 && w.endsWith("ed") && !w.endsWith("eed")) {
            w = w.substring(0, w.length() - 2);
        }
        if (w.length() > 5 && w.endsWith("ly")) {
            w = w.substring(0, w.length() - 2);
        }
        if (w.length() > 5 && w.endsWith("al")) {
            w = w.substring(0, w.length() - 2);
        }
        if (w.length() > 3 && w.endsWith("e")) {
            w = w.substring(0, w.length() - 1);
        }
        return w;
    }

    /** Whether a folded word is a stop word (articles, auxiliaries, question words...). */
    static boolean stop(String folded) {
        return folded.length() < 2 || STOP.contains(folded);
    }

    /** Whether a folded word negates on its own ("not", "never", "isn't", "cannot"). */
    static boolean negation(String folded) {
        return NEGATIONS.contains(folded) || folded.endsWith("n't");
    }

    /** The positive word an antonym stands for ("prohibited" gives "allowed"), or null. */
    static String antonymOf(String folded) {
        return ANTONYMS.get(folded);
    }

    /** Whether an {@link #antonymOf antonym} entry keeps the polarity ("permitted" is "allowed"). */
    static boolean synonym(String folded) {
        return SYNONYMS.contains(folded);
    }

    /** Whether two sets of modifiers hold different members of one contrast ("paid" and "unpaid"). */
    static boolean contrast(Set<String> onlyA, Set<String> onlyB) {
        for (Set<String> group : CONTRASTS) {
            boolean a = onlyA.stream().anyMatch(group::contains);
            boolean b = onlyB.stream().anyMatch(group::contains);
            if (a && b) {
                return true;
            }
        }
        for (String x : onlyA) {
            for (String y : onlyB) {
                if (x.equals("un" + y)
                        || y.equals("un" + x)
                        || x.equals("non" + y)
                        || y.equals("non" + x)
                        || x.equals("non-" + y)
                        || y.equals("non-" + x)) {
                    return true;
                }
            }
        }
        return false;
    }
}
