package dev.sluice.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The claims of {@code bench diagnose}: SciFact train claims with one cited abstract that has a
 * sentence stating one quantity, and that sentence with its number changed (the contradiction fault).
 */
final class DiagnoseClaims {
    /** A drawn claim: the question, its expected abstract and the sentence a contradiction copies. */
    record Claim(String queryId, String question, BeirCorpus.Doc target, String numericSentence) {}

    private static final Pattern NUMBER =
            Pattern.compile("(?<![\\p{L}\\p{N}_./-])(\\d+)(\\.\\d+)?(?![\\p{L}\\p{N}_/]|-\\p{L}|\\)\\p{L})");
    /** Words after which a number names a kind or a part, not a quantity: type 2 diabetes, phase 3, Box 1. */
    private static final Pattern LABEL =
            Pattern.compile("(?i)\\b(type|genotype|phase|grade|stage|class|box|table|figure|fig)\\.?\\s*$");

    static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[A-Z(])");

    private DiagnoseClaims() {}

    /** Claims with one cited abstract that has a sentence with a number, in the seed's order. */
    static List<Claim> claims(Path beir, Map<String, BeirCorpus.Doc> byId, long seed) {
        Map<String, Set<String>> qrels =
                BeirCorpus.readQrels(beir.resolve("qrels").resolve("train.tsv"));
        List<Claim> claims = new ArrayList<>();
        for (BeirCorpus.Query q : BeirCorpus.readQueries(beir.resolve("queries.jsonl"), Integer.MAX_VALUE)) {
            Set<String> relevant = qrels.get(q.id());
            if (relevant == null || relevant.size() != 1) {
                continue;
            }
            BeirCorpus.Doc target = byId.get(relevant.iterator().next());
            if (target == null) {
                continue;
            }
            String sentence = numericSentence(target.text(), q.text());
            if (sentence != null) {
                claims.add(new Claim(q.id(), q.text(), target, sentence));
            }
        }
        claims.sort(Comparator.comparing(Claim::queryId));
        Collections.shuffle(claims, new Random(seed));
        return claims;
    }

    /**
     * The sentence stating one quantity that shares the most words with the question (at least one: the
     * contradiction must bear on what was asked), or null. A sentence
     * qualifies when it has at most {@value #MAX_SENTENCE_WORDS} words and exactly one run of digits, standing
     * alone (not part of a name or code such as Mis16/18, STAT1 or type-2, not a year): changing that number
     * changes what the sentence says, not what it is about. The conflict detector compares only sentences
     * that state exactly one value of a kind (dev.sluice.conflict); a sentence with several (an estimate and
     * its confidence interval) would test what the detector leaves out by design.
     */
    static String numericSentence(String text, String question) {
        Set<String> asked = words(question);
        String best = null;
        int bestShared = -1;
        for (String s : SENTENCE_END.split(text.strip())) {
            if (!oneQuantity(s)) {
                continue;
            }
            Set<String> w = words(s);
            w.retainAll(asked);
            if (!w.isEmpty() && w.size() > bestShared) {
                best = s.strip();
                bestShared = w.size();
            }
        }
        return best;
    }

    private static final int MAX_SENTENCE_WORDS = 60;
    private static final Pattern DIGITS = Pattern.compile("\\d+(?:[.,]\\d+)*");

    static boolean oneQuantity(String sentence) {
        if (sentence.strip().split("\\s+").length > MAX_SENTENCE_WORDS) {
            return false;
        }
        Matcher all = DIGITS.matcher(sentence);
        int runs = 0;
        while (all.find()) {
            runs++;
        }
        if (runs != 1) {
            return false;
        }
        Matcher m = NUMBER.matcher(sentence);
        if (!m.find()) {
            return false;
        }
        boolean year = m.group(2) == null
                && m.group(1).length() == 4
                && (m.group(1).startsWith("19") || m.group(1).startsWith("20"));
        return !year && !LABEL.matcher(sentence.substring(0, m.start())).find();
    }

    private static Set<String> words(String s) {
        Set<String> out = new HashSet<>();
        for (String w : s.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (w.length() > 3) {
                out.add(w.endsWith("s") ? w.substring(0, w.length() - 1) : w);
            }
        }
        return out;
    }

    /** {@code sentence} with its first number changed to another value (doubled, plus one). */
    static String changeNumber(String sentence) {
        Matcher m = NUMBER.matcher(sentence);
        if (!m.find()) {
            throw new IllegalArgumentException("sentence must hold a number, got: " + sentence);
        }
        String changed;
        if (m.group(2) == null) {
            changed = Long.toString(Long.parseLong(m.group(1)) * 2 + 1);
        } else {
            int decimals = m.group(2).length() - 1;
            double v = Double.parseDouble(m.group(1) + m.group(2)) * 2 + 1;
            changed = String.format(Locale.ROOT, "%." + decimals + "f", v);
        }
        return sentence.substring(0, m.start()) + changed + sentence.substring(m.end());
    }
}
