package dev.sluice.conflict;

import java.util.Locale;

/**
 * A value a sentence states, normalized so that two ways of writing one value compare equal.
 *
 * @param kind {@code number}, {@code date} or {@code name}
 * @param unit what is counted, normalized: {@code day-seconds} for durations in seconds, {@code months}
 *     for months and years, {@code %}, a currency code ({@code USD}), a byte count, or the stem of the
 *     noun after the number ({@code employe}); for a date {@code date}; for a name its role ({@code ceo})
 * @param amount the number in the unit's base (1.2 billion is 1.2e9; 16 weeks is 9,676,800 seconds);
 *     for a date year * 10,000 + month * 100 + day, with 0 for a part not given
 * @param tolerance half the step of the last digit written, in the unit's base: "1.2 billion" is
 *     1.2e9 +/- 5e7, so "1,234 million" agrees with it; 0 for dates and names
 * @param bound {@code ""} for an exact value, {@code min} ("at least"), {@code max} ("up to"),
 *     {@code approx} ("about") or {@code range} ("12-16 weeks")
 * @param text the value as the sentence writes it ("$1.2 billion", "March 5, 2024", "Jane Smith")
 * @param end where the value ends in its sentence (what follows may narrow it: "16 weeks for birth parents")
 */
record Value(String kind, String unit, double amount, double tolerance, String bound, String text, int end) {
    static final String NUMBER = "number";
    static final String DATE = "date";
    static final String NAME = "name";

    /** This value, ending at {@code end} of its sentence. */
    Value at(int end) {
        return new Value(kind, unit, amount, tolerance, bound, text, end);
    }

    /** Whether two values of one kind and unit say the same thing (within what their digits say). */
    boolean agrees(Value other) {
        return switch (kind) {
            case DATE -> sameDate(other);
            case NAME -> sameName(other);
            default -> {
                double slack = Math.max(tolerance, other.tolerance);
                if (bound.equals("approx") || other.bound.equals("approx")) {
                    slack = Math.max(slack, 0.1 * Math.max(Math.abs(amount), Math.abs(other.amount)));
                }
                yield Math.abs(amount - other.amount) <= slack * (1 + 1e-9);
            }
        };
    }

    /** Dates agree at the precision both give: "2024" agrees with "March 5, 2024", "March 2024" too. */
    private boolean sameDate(Value other) {
        int y1 = (int) (amount / 10_000), m1 = (int) (amount / 100 % 100), d1 = (int) (amount % 100);
        int y2 = (int) (other.amount / 10_000), m2 = (int) (other.amount / 100 % 100), d2 = (int) (other.amount % 100);
        if (y1 != 0 && y2 != 0 && y1 != y2) {
            return false;
        }
        if (m1 != 0 && m2 != 0 && m1 != m2) {
            return false;
        }
        return d1 == 0 || d2 == 0 || d1 == d2;
    }

    /** Names agree when one shares a word with the other ("Jane Smith", "Ms. Smith"). */
    private boolean sameName(Value other) {
        java.util.Set<String> mine = nameWords(text);
        return nameWords(other.text).stream().anyMatch(mine::contains);
    }

    private static java.util.Set<String> nameWords(String name) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (String w : name.toLowerCase(Locale.ROOT).split("[\\s.]+")) {
            if (w.length() > 1 && !w.equals("mr") && !w.equals("ms") && !w.equals("mrs") && !w.equals("dr")) {
                out.add(w);
            }
        }
        return out;
    }
}
