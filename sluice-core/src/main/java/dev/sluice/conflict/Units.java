package dev.sluice.conflict;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Units and scales of the values a sentence states, each dimension in one base unit so that two ways of
 * writing one quantity compare equal: durations in seconds (weeks and days meet), months and years in
 * months, sizes in bytes, lengths in metres, masses in grams; currencies by ISO code ("$" is USD).
 */
final class Units {
    private Units() {}

    static final List<String> WORD_NUMBERS = List.of(
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty");

    static final Map<String, Integer> TENS = Map.of(
            "thirty", 30, "forty", 40, "fifty", 50, "sixty", 60, "seventy", 70, "eighty", 80, "ninety", 90, "hundred",
            100);

    static String currency(String symbol) {
        String s = symbol.strip().toUpperCase(Locale.ROOT);
        return switch (s) {
            case "$", "US$", "DOLLAR", "DOLLARS" -> "USD";
            case "€", "EURO", "EUROS" -> "EUR";
            case "£" -> "GBP";
            case "¥" -> "JPY";
            default -> s;
        };
    }

    static double scale(String word) {
        if (word == null) {
            return 1;
        }
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "thousand", "k" -> 1e3;
            case "million", "mln", "mn", "m" -> 1e6;
            case "billion", "bn", "b" -> 1e9;
            case "trillion" -> 1e12;
            default -> 1;
        };
    }

    /** Durations in seconds, months and years in months, sizes in bytes: one unit per dimension. */
    record Unit(String name, double factor) {}

    static Unit unit(String word) {
        if (word == null) {
            return new Unit("", 1);
        }
        String w = word.toLowerCase(Locale.ROOT);
        return switch (w) {
            case "s", "sec", "secs", "second", "seconds" -> new Unit("seconds", 1);
            case "min", "mins", "minute", "minutes" -> new Unit("seconds", 60);
            case "h", "hr", "hrs", "hour", "hours" -> new Unit("seconds", 3600);
            case "day", "days" -> new Unit("seconds", 86_400);
            case "wk", "wks", "week", "weeks" -> new Unit("seconds", 604_800);
            case "mo", "mos", "month", "months" -> new Unit("months", 1);
            case "yr", "yrs", "year", "years" -> new Unit("months", 12);
            case "kb" -> new Unit("bytes", 1e3);
            case "mb" -> new Unit("bytes", 1e6);
            case "gb" -> new Unit("bytes", 1e9);
            case "tb" -> new Unit("bytes", 1e12);
            case "kib" -> new Unit("bytes", 1024);
            case "mib" -> new Unit("bytes", 1024.0 * 1024);
            case "gib" -> new Unit("bytes", 1024.0 * 1024 * 1024);
            case "mm" -> new Unit("metres", 1e-3);
            case "cm" -> new Unit("metres", 1e-2);
            case "m", "metre", "metres", "meter", "meters" -> new Unit("metres", 1);
            case "km", "kilometre", "kilometres", "kilometer", "kilometers" -> new Unit("metres", 1e3);
            case "g", "gram", "grams" -> new Unit("grams", 1);
            case "kg", "kilogram", "kilograms" -> new Unit("grams", 1e3);
            default -> null;
        };
    }

    static boolean knownUnit(String word) {
        return word != null && unit(word) != null;
    }
}
