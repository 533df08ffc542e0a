package dev.sluice.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a text worth running an expensive pattern on, so that a 600 KB filing is not scanned
 * end to end by twenty regular expressions: around clusters of digits (every number the PII scanner
 * looks for has at least seven), around an {@code @}, around keywords an injection must contain. A
 * pattern then runs on each region with transparent bounds, so its look-arounds and word boundaries
 * still see the text around the region, and finds exactly what it would find on the whole text, as
 * long as a match is shorter than the margins.
 */
final class Regions {
    /** A half-open range of the text. */
    record Region(int start, int end) {}

    private Regions() {}

    /**
     * Around each run of at least {@code minDigits} digits where digits are at most three separator
     * characters ({@code space - . / ( ) +}) or one upper-case letter apart: "(651) 733-1110", "DE89 3704
     * 0044", "X1234567L", "RSSMRA85T10A562S".
     */
    static List<Region> digitClusters(String text, int minDigits, int before, int after) {
        List<Region> out = new ArrayList<>();
        int n = text.length();
        int clusterStart = -1;
        int lastDigit = -1;
        int digits = 0;
        int gap = 0;
        boolean gapOk = true;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (clusterStart >= 0 && gapOk && gap <= 3) {
                    digits++;
                } else {
                    if (digits >= minDigits) {
                        add(out, clusterStart - before, lastDigit + 1 + after, n);
                    }
                    clusterStart = i;
                    digits = 1;
                }
                lastDigit = i;
                gap = 0;
                gapOk = true;
            } else if (clusterStart >= 0) {
                gap++;
                boolean separator = c == ' ' || c == '-' || c == '.' || c == '/' || c == '(' || c == ')' || c == '+';
                boolean letter = c >= 'A' && c <= 'Z' && gap == 1;
                if (!separator && !(letter && (i + 1 >= n || Character.isDigit(text.charAt(i + 1))))) {
                    gapOk = false;
                }
            }
        }
        if (digits >= minDigits) {
            add(out, clusterStart - before, lastDigit + 1 + after, n);
        }
        return out;
    }

    /** Around each occurrence of {@code c}. */
    static List<Region> aroundChar(String text, char c, int before, int after) {
        List<Region> out = new ArrayList<>();
        for (int i = text.indexOf(c); i >= 0; i = text.indexOf(c, i + 1)) {
            add(out, i - before, i + 1 + after, text.length());
        }
        return out;
    }

    /**
     * Around each occurrence of any of the keywords in {@code lower}, the text in lower case (same length);
     * a keyword that starts with a letter counts only at the start of a word ("now", not "know").
     */
    static List<Region> aroundKeywords(String lower, List<String> keywords, int before, int after) {
        List<int[]> hits = new ArrayList<>();
        for (String k : keywords) {
            boolean wordStart = Character.isLetter(k.charAt(0));
            for (int i = lower.indexOf(k); i >= 0; i = lower.indexOf(k, i + 1)) {
                if (!wordStart || i == 0 || !Character.isLetterOrDigit(lower.charAt(i - 1))) {
                    hits.add(new int[] {i, i + k.length()});
                }
            }
        }
        hits.sort((a, b) -> Integer.compare(a[0], b[0]));
        List<Region> out = new ArrayList<>();
        for (int[] h : hits) {
            add(out, h[0] - before, h[1] + after, lower.length());
        }
        return out;
    }

    /** The text with each char lower-cased on its own: the same length, so offsets stay valid. */
    static String lowerSameLength(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = Character.toLowerCase(chars[i]);
        }
        return new String(chars);
    }

    /**
     * Each match of the pattern inside one of the regions, in order, given to {@code accept}, which says
     * whether it keeps it. After a match it does not keep, the search goes on from the next character
     * rather than after the match: "2019 4111 1111 1111 1111" is first matched from "2019", which fails
     * Luhn, and the card starts inside that match.
     */
    static void find(Pattern pattern, String text, List<Region> regions, Predicate<Matcher> accept) {
        if (regions.isEmpty()) {
            return;
        }
        Matcher m = pattern.matcher(text);
        m.useTransparentBounds(true);
        m.useAnchoringBounds(false);
        for (Region r : regions) {
            m.region(r.start(), r.end());
            while (m.find()) {
                int next = accept.test(m) ? m.end() : m.start() + 1;
                if (next >= r.end()) {
                    break;
                }
                m.region(next, r.end());
            }
        }
    }

    /** Appends a region, merged with the last one when they overlap or touch (regions come in order). */
    private static void add(List<Region> out, int start, int end, int length) {
        int s = Math.max(0, start);
        int e = Math.min(length, end);
        if (!out.isEmpty() && s <= out.getLast().end()) {
            Region last = out.removeLast();
            out.add(new Region(last.start(), Math.max(last.end(), e)));
        } else {
            out.add(new Region(s, e));
        }
    }
}
