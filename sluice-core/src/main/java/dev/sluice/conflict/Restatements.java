package dev.sluice.conflict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One sentence restated with one number changed: the two sentences are the same, token for token, but
 * for one number ("a survey of 100,855 households" against "a survey of 201,855 households"). Two
 * documents that copy a sentence and disagree on its one figure disagree on that figure, however long and
 * dense the sentence is, so this rule needs none of the qualifier checks of the sentence-by-sentence
 * comparison; what it must refuse are the numbers that name rather than count:
 *
 * <ul>
 *   <li>labels and codes within three words after their label: "Box 1" and "Box 3", "Note 2", "Exhibits
 *       10.2 through 10.37", "(11)C" (an isotope), "Mis16/18"; but not points in time ("before day 3 of
 *       life" and "before day 7 of life" disagree); the day of a date ("filed February 15, 2008");
 *   <li>years: boilerplate that says "fiscal 2018" in one filing and "fiscal 2019" in the next tells two
 *       periods, not a conflict;
 *   <li>what is no sentence: fragments of fewer than {@value #MIN_WORDS} words or opening in lower case
 *       (the tail of a sentence cut at a page), and lines that do not end with a full stop (a row of a table without its header, an entry of a table of contents, a heading);
 *   <li>a number that opens the sentence, unless it is a percentage: an exhibit, list or footnote number
 *       ("4.7 Indenture, dated...", "(11) Transaction-related gain").
 * </ul>
 */
final class Restatements {
    /** Fewer words than this and a sentence is too short to be a copy rather than a template. */
    static final int MIN_WORDS = 6;

    /** Longer sentences are cut by the chunker often enough that the rule would compare half-sentences. */
    static final int MAX_WORDS = 200;

    private static final Pattern TOKEN =
            Pattern.compile("\\p{L}[\\p{L}\\p{M}'’-]*|\\d+(?:[.,]\\d+)*|[^\\s\\p{Z}\\p{L}\\d]");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");
    /** A sentence ends with a full stop, a question or exclamation mark, maybe inside a quote or bracket. */
    private static final Pattern STATEMENT_END = Pattern.compile("[.!?][\"'’”)\\]]*\\s*$");

    /** A sentence opens with a capital, a digit or an opening sign; "of Corning's Form 10-K..." is a fragment. */
    private static final Pattern OPENING = Pattern.compile("^[^\\p{L}\\d]*(?:\\p{Lu}|\\d)");

    private static final Pattern YEAR = Pattern.compile("1[89]\\d{2}|20\\d{2}");
    private static final Set<String> MORE_LABELS = Set.of(
            "box",
            "panel",
            "arm",
            "cohort",
            "study",
            "trial",
            "wave",
            "note",
            "notes",
            "exhibits",
            "sections",
            "items",
            "figures",
            "tables",
            "rules",
            "articles",
            "chapters",
            "pages",
            "steps",
            "through");
    private static final Set<String> MONTHS = Set.of(
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
            "jan",
            "feb",
            "mar",
            "apr",
            "jun",
            "jul",
            "aug",
            "sep",
            "sept",
            "oct",
            "nov",
            "dec");
    /** Labels that name a point in time: "before day 3 of life" and "before day 7" disagree. */
    private static final Set<String> TIME_POINTS = Set.of("day", "week", "month", "year", "hour", "minute");

    private record Token(String text, int start, int end) {}

    /** A sentence cut into tokens once, to be compared with many. */
    record Tokens(String sentence, List<Token> tokens, int words) {}

    /** The sentence's tokens (words, numbers, each other sign), or null when it is too short or long to compare. */
    static Tokens read(String sentence) {
        if (!STATEMENT_END.matcher(sentence).find()
                || !OPENING.matcher(sentence).find()) {
            return null;
        }
        List<Token> tokens = tokens(sentence);
        int words = 0;
        for (Token t : tokens) {
            if (Character.isLetter(t.text().charAt(0))) {
                words++;
            }
        }
        return words < MIN_WORDS || words > MAX_WORDS ? null : new Tokens(sentence, tokens, words);
    }

    /** The differing number of each sentence with the word after it ("300 ms"), or null when none qualifies. */
    static String[] differingNumber(String a, String b) {
        Tokens ra = read(a);
        Tokens rb = read(b);
        return ra == null || rb == null ? null : differingNumber(ra, rb);
    }

    /** As {@link #differingNumber(String, String)}, for sentences already read. */
    static String[] differingNumber(Tokens ra, Tokens rb) {
        List<Token> ta = ra.tokens();
        List<Token> tb = rb.tokens();
        if (ta.size() != tb.size() || ra.words() != rb.words()) {
            return null;
        }
        int differs = -1;
        for (int i = 0; i < ta.size(); i++) {
            if (!ta.get(i).text().equals(tb.get(i).text())) {
                if (differs >= 0) {
                    return null;
                }
                differs = i;
            }
        }
        if (differs < 0 || !counts(ra.sentence(), ta, differs) || !counts(rb.sentence(), tb, differs)) {
            return null;
        }
        if (amount(ta.get(differs).text()) == amount(tb.get(differs).text())) {
            return null; // "2.8" and "2.80"
        }
        return new String[] {withUnit(ta, differs), withUnit(tb, differs)};
    }

    /** Whether the token at {@code i} is a number that counts: no year, no label, no part of a code. */
    private static boolean counts(String sentence, List<Token> tokens, int i) {
        Token t = tokens.get(i);
        if (i == tokens.size() - 1) {
            return false; // a line that ends in a number is a row of a table of contents or of a table
        }
        if (!NUMBER.matcher(t.text()).matches() || YEAR.matcher(t.text()).matches()) {
            return false;
        }
        if (t.start() > 0) {
            char before = sentence.charAt(t.start() - 1);
            if (Character.isLetter(before) || "/-#_=&".indexOf(before) >= 0) {
                return false; // Mis16, 16/18 on the right, type-2
            }
        }
        if (t.end() < sentence.length()) {
            char after = sentence.charAt(t.end());
            if (Character.isLetter(after) || after == '/' || after == '_') {
                return false; // 16th, 3D, 16/18
            }
            if (after == ')' && t.end() + 1 < sentence.length() && Character.isLetter(sentence.charAt(t.end() + 1))) {
                return false; // (11)C
            }
        }
        boolean first = tokens.subList(0, i).stream()
                .noneMatch(x -> Character.isLetterOrDigit(x.text().charAt(0)));
        if (first && !tokens.get(i + 1).text().equals("%")) {
            return false; // "4.7 Indenture, dated...", "(11) Transaction-related gain": a list or footnote number
        }
        if (i > 0 && MONTHS.contains(tokens.get(i - 1).text().toLowerCase(Locale.ROOT))) {
            return false; // the day of a date: "filed February 15, 2008"
        }
        for (int back = Math.max(0, i - 3); back < i; back++) {
            String previous = tokens.get(back).text().toLowerCase(Locale.ROOT);
            if (ValueReader.LABELS.contains(previous) && !TIME_POINTS.contains(previous)
                    || MORE_LABELS.contains(previous)) {
                return false; // "Note 2", "Exhibit 10.52 of", "Exhibits 10.2 through 10.37"
            }
        }
        return true;
    }

    private static double amount(String number) {
        try {
            return Double.parseDouble(number.replace(",", ""));
        } catch (NumberFormatException e) {
            return Double.NaN; // "1.2.3": never equal, so it differs
        }
    }

    private static String withUnit(List<Token> tokens, int i) {
        String number = tokens.get(i).text();
        if (i > 0 && "$€£¥".contains(tokens.get(i - 1).text())) {
            number = tokens.get(i - 1).text() + number;
        }
        if (i + 1 < tokens.size()) {
            String next = tokens.get(i + 1).text();
            if (Character.isLetter(next.charAt(0)) && !Words.stop(Words.fold(next)) || next.equals("%")) {
                return number + (next.equals("%") ? "" : " ") + next;
            }
        }
        return number;
    }

    private static List<Token> tokens(String sentence) {
        List<Token> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(sentence);
        while (m.find()) {
            out.add(new Token(m.group(), m.start(), m.end()));
        }
        return out;
    }

    private Restatements() {}
}
