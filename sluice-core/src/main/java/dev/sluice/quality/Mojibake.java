package dev.sluice.quality;

import java.util.Map;
import java.util.TreeMap;

/**
 * Finds mojibake: UTF-8 bytes that were decoded as Windows-1252 or Latin-1, such as "Ã©" for "é" and
 * "â€™" for "’". Each character is mapped back to the byte it would come from; a lead byte of a
 * multi-byte UTF-8 sequence (0xC2-0xF4) followed by the right number of continuation bytes
 * (0x80-0xBF) is one sequence. Real text almost never has such pairs: "Ã" is followed by a lower-case
 * letter in Portuguese ("São"), and a continuation byte is an uncommon sign ("©", "¤", "€").
 *
 * <p>Repairs for what {@link TextNormalizer} does to mojibake: it turns the no-break space (0xA0, a
 * continuation byte) into a plain space, so "Â " and "Ã " count when the lead is 0xC2 or 0xC3; and it
 * drops C1 controls (0x80-0x9F, which Latin-1 decodes as controls), so "â€" counts alone (the third
 * byte of "”", 0x9D, is undefined in Windows-1252), "â" followed by one continuation ("â¢" for "•")
 * counts, and so does an "â" that no lower-case letter follows ("âOther" for "“Other"), that follows a
 * vowel ("Kinetochoreâspindle" for an en dash) or that stands for the apostrophe of a contraction
 * ("Managementâs"), which no language writes.
 */
final class Mojibake {
    private Mojibake() {}

    /** Sequences found, by their text; and how many characters they cover. */
    record Found(Map<String, Integer> sequences, int count, int chars) {}

    static Found find(String text) {
        Map<String, Integer> sequences = new TreeMap<>();
        int count = 0;
        int chars = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            int lead = byteOf(text.charAt(i));
            int needed = lead >= 0xC2 && lead <= 0xDF
                    ? 1
                    : lead >= 0xE0 && lead <= 0xEF ? 2 : lead >= 0xF0 && lead <= 0xF4 ? 3 : 0;
            if (needed == 0) {
                continue;
            }
            int k = 0;
            while (k < needed && i + 1 + k < n && isContinuation(text.charAt(i + 1 + k), lead, k, needed)) {
                k++;
            }
            int length;
            if (k == needed) {
                length = needed + 1;
            } else if (lead == 0xE2 && k >= 1 && text.charAt(i + 1) == '\u20AC') {
                length = 2; // "â€" whose last byte was undefined and got lost
            } else if (lead == 0xE2 && i + 1 < n && text.charAt(i + 1) >= '\u00A0' && text.charAt(i + 1) <= '\u00BF') {
                length = 2; // Latin-1: "â¢" for "•", the middle byte 0x80 a C1 control that normalization removed
            } else if (lead == 0xE2
                    && (i + 1 == n || !Character.isLowerCase(text.charAt(i + 1)) || lostApostrophe(text, i))) {
                length = 1; // Latin-1: "âOther", "assetsâ", "Kinetochoreâspindle" for quotes and dashes, both bytes
                // after 0xE2 removed; a real "â" ("âge", "château", "când") comes before a lower-case letter and
                // after a consonant or at a word's start
            } else {
                continue;
            }
            String seq = text.substring(i, i + length);
            sequences.merge(seq, 1, Integer::sum);
            count++;
            chars += length;
            i += length - 1;
        }
        return new Found(sequences, count, chars);
    }

    /**
     * Whether the "â" at {@code i} stands for a lost apostrophe or dash: after a vowel ("Kinetochoreâspindle")
     * or between a letter and an English contraction's end ("Managementâs", "donât", "weâre").
     */
    private static boolean lostApostrophe(String text, int i) {
        if (i == 0 || !Character.isLetter(text.charAt(i - 1))) {
            return false;
        }
        if ("aeiouy".indexOf(text.charAt(i - 1)) >= 0) {
            return true;
        }
        for (String end : new String[] {"s", "t", "d", "m", "ll", "re", "ve"}) {
            int after = i + 1 + end.length();
            if (text.startsWith(end, i + 1) && (after == text.length() || !Character.isLetter(text.charAt(after)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isContinuation(char c, int lead, int k, int needed) {
        if (c == ' ') {
            // a no-break space (0xA0) that normalization made plain: only as the single continuation of
            // 0xC2 ("Â ") or 0xC3 ("Ã ", from "à"), the common cases
            return needed == 1 && (lead == 0xC2 || lead == 0xC3);
        }
        if (c == '\uFFFD') {
            // an undefined Windows-1252 byte (0x81, 0x8D, 0x8F, 0x90, 0x9D), decoded as the replacement
            return k > 0 || lead >= 0xC3 && lead <= 0xC5;
        }
        int b = byteOf(c);
        return b >= 0x80 && b <= 0xBF;
    }

    /** The Windows-1252 (or Latin-1) byte a character decodes from, or -1. */
    static int byteOf(char c) {
        if (c < 0x80) {
            return c;
        }
        if (c >= 0xA0 && c <= 0xFF || c >= 0x80 && c <= 0x9F) {
            return c; // Latin-1, and C1 controls as Latin-1 decodes 0x80-0x9F
        }
        return switch (c) {
            case '\u20AC' -> 0x80;
            case '\u201A' -> 0x82;
            case '\u0192' -> 0x83;
            case '\u201E' -> 0x84;
            case '\u2026' -> 0x85;
            case '\u2020' -> 0x86;
            case '\u2021' -> 0x87;
            case '\u02C6' -> 0x88;
            case '\u2030' -> 0x89;
            case '\u0160' -> 0x8A;
            case '\u2039' -> 0x8B;
            case '\u0152' -> 0x8C;
            case '\u017D' -> 0x8E;
            case '\u2018' -> 0x91;
            case '\u2019' -> 0x92;
            case '\u201C' -> 0x93;
            case '\u201D' -> 0x94;
            case '\u2022' -> 0x95;
            case '\u2013' -> 0x96;
            case '\u2014' -> 0x97;
            case '\u02DC' -> 0x98;
            case '\u2122' -> 0x99;
            case '\u0161' -> 0x9A;
            case '\u203A' -> 0x9B;
            case '\u0153' -> 0x9C;
            case '\u017E' -> 0x9E;
            case '\u0178' -> 0x9F;
            default -> -1;
        };
    }
}
