package dev.sluice.review;

import dev.sluice.conflict.Conflict;
import dev.sluice.enrich.DocumentAttributes;
import dev.sluice.index.IndexFields;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the ingestion check compares and keeps, beyond what the detector itself refuses. Answers compare
 * passages that bear on one question, which already names the company and the year; the check compares
 * every passage with its neighbours, so it must rule out itself what a question would have:
 *
 * <ul>
 *   <li><b>Two issuers</b> ("Best Buy", "Lockheed Martin"): their dividends per share are two facts. Pairs of
 *       documents whose issuers are both known and differ are not compared.
 *   <li><b>Two periods</b> (the 2020 and the 2021 10-K of one company): "the cost is recognized over 2.4
 *       years" and "over 2.1 years" each hold for their own year, and "as of December 31, 2020" against
 *       "2021" is the period itself. Between documents of two known periods, only number, name and
 *       negation conflicts whose two sentences name the same years (and at least one) are kept:
 *       "operating income in fiscal 2022 was $812 million" against "$798 million" is a restated figure,
 *       while "12% of its 2020 operating profit" against "6% of its 2021 operating profit" are two years
 *       (the detector reads no date in "2020 operating profit"). No date conflict is kept: the dates move
 *       with the period.
 *   <li><b>Lines that are no sentences</b>: headings ("Annual report 2022" against "2023") and lines
 *       without a closing full stop, question or exclamation mark (table rows such as "Net sales growth 6
 *       pts" whose columns are periods, entries of a table of contents).
 * </ul>
 */
final class ConflictScope {
    private ConflictScope() {}

    private static final Pattern YEAR = Pattern.compile("\\b(?:19|20)\\d{2}\\b|\\bFY ?\\d{2}\\b");

    /** Whether two documents may speak of the same things: not when both issuers are known and differ. */
    static boolean sameIssuer(DocumentAttributes a, DocumentAttributes b) {
        if (a.issuer() == null || b.issuer() == null) {
            return true;
        }
        if (a.issuer().equalsIgnoreCase(b.issuer())) {
            return true;
        }
        Set<String> mine = new HashSet<>(a.aliases());
        mine.add(a.issuer().toLowerCase(Locale.ROOT));
        return b.aliases().stream().anyMatch(mine::contains)
                || mine.contains(b.issuer().toLowerCase(Locale.ROOT));
    }

    /** Whether both documents have a known period and the periods differ. */
    static boolean otherPeriods(DocumentAttributes a, DocumentAttributes b) {
        return a.year() > 0 && b.year() > 0 && (a.year() != b.year() || a.quarter() != b.quarter());
    }

    /** Whether to keep a conflict the detector found between passages of documents {@code a} and {@code b}. */
    static boolean keep(Conflict c, DocumentAttributes a, DocumentAttributes b) {
        if (!otherPeriods(a, b)) {
            return true;
        }
        Set<String> years = years(c.sentenceA());
        return !c.kind().equals("date") && !years.isEmpty() && years.equals(years(c.sentenceB()));
    }

    /** The years a sentence names ("2020", "FY21" as 2021), whatever their role in it. */
    private static Set<String> years(String sentence) {
        Set<String> out = new java.util.TreeSet<>();
        java.util.regex.Matcher m = YEAR.matcher(sentence);
        while (m.find()) {
            String y = m.group().replaceAll("[^0-9]", "");
            out.add(y.length() == 2 ? "20" + y : y);
        }
        return out;
    }

    /**
     * The lines of a chunk the detector should read: those ending a sentence, less the chunk's headings (a
     * title such as "Acme annual report 2022" is no statement, yet reads as one that disagrees with every
     * other year's title).
     */
    static String statements(String text, String headingPath) {
        Set<String> headings = new HashSet<>();
        if (headingPath != null && !headingPath.isEmpty()) {
            for (String h : headingPath.split(Pattern.quote(IndexFields.HEADING_SEPARATOR))) {
                headings.add(h.strip());
            }
        }
        StringBuilder out = new StringBuilder(text.length());
        for (String line : text.split("\\R")) {
            String bare = line.strip();
            while (bare.startsWith("#")) {
                bare = bare.substring(1).strip();
            }
            if (!bare.isEmpty() && !headings.contains(bare) && closesSentence(bare)) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    /** Whether a line ends as a sentence does: ".", "?" or "!", perhaps inside a closing quote or bracket. */
    private static boolean closesSentence(String line) {
        int end = line.length() - 1;
        while (end > 0 && "\"'”’)]".indexOf(line.charAt(end)) >= 0) {
            end--;
        }
        return ".?!".indexOf(line.charAt(end)) >= 0;
    }
}
