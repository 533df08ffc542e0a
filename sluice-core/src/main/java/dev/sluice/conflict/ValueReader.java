package dev.sluice.conflict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the values of one sentence: dates, amounts of money, percentages, quantities with their unit,
 * and names in a clear "the ROLE is NAME" pattern. Each value found is blanked out of the working text,
 * so that a later pattern never reads a part of it again (the year of a date is no quantity). What looks
 * like an identifier (section 3, Q3, FY2024, version 2.1, the 3rd) is no value but a qualifier: two
 * sentences about different sections never conflict.
 */
final class ValueReader {
    private static final String NUM = "(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)";
    private static final String MONTH =
            "(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
                    + "|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";
    private static final String SCALE = "(thousand|million|billion|trillion|mln|mn|bn|[kKmMbB](?![\\p{L}\\d]))";
    private static final String CURRENCY_CODE = "USD|EUR|GBP|CHF|JPY|CAD|AUD|INR|CNY|SEK|NOK|DKK";

    private static final Pattern IGNORED = Pattern.compile("\\S+://\\S+|\\S+@\\S+\\.\\S+"
            + "|\\b\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\s*[aApP]\\.?[mM]\\.?)?"
            + "|\\b\\d{1,4}[/.]\\d{1,2}[/.]\\d{2,4}\\b"
            + "|\\+?\\d{1,3}(?:[ -]\\d{2,4}){3,}");
    private static final Pattern VERSION = Pattern.compile("\\b[vV]?\\d+(?:\\.\\d+){2,}\\b");
    private static final Pattern ISO_DATE = Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b");
    private static final Pattern MONTH_DAY_YEAR =
            Pattern.compile("\\b" + MONTH + "\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b");
    private static final Pattern DAY_MONTH_YEAR =
            Pattern.compile("\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?" + MONTH + "\\.?,?\\s+(\\d{4})\\b");
    private static final Pattern MONTH_YEAR = Pattern.compile("\\b" + MONTH + "\\.?,?\\s+(?:of\\s+)?(\\d{4})\\b");
    private static final Pattern MONTH_DAY = Pattern.compile("\\b" + MONTH + "\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b");
    private static final Pattern DAY_MONTH =
            Pattern.compile("\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?" + MONTH + "\\b");
    private static final Pattern YEAR = Pattern.compile("(?<![\\d.,$€£¥-])\\b(1[89]\\d{2}|20\\d{2})\\b(?![.,]\\d|%)");
    private static final Set<String> YEAR_BEFORE = Set.of(
            "in",
            "since",
            "by",
            "until",
            "till",
            "from",
            "of",
            "during",
            "before",
            "after",
            "for",
            "year",
            "fy",
            "through",
            "to",
            "and",
            "between",
            "circa",
            "early",
            "late",
            "mid",
            "end",
            "start",
            "beginning",
            "as",
            "fiscal",
            "calendar",
            "spring",
            "summer",
            "autumn",
            "fall",
            "winter",
            "q1",
            "q2",
            "q3",
            "q4",
            "h1",
            "h2");
    private static final Pattern CODE =
            Pattern.compile("\\b[\\p{L}]+[-_]?\\d[\\w-]*\\b|#\\s?\\d+\\b|\\b\\d+(?:st|nd|rd|th)\\b");
    private static final Pattern LABELLED =
            Pattern.compile("\\b([\\p{L}]+)\\.?\\s+(\\d+(?:\\.\\d+)?)\\b(?!\\s*(?:%|percent|per cent))");
    /** Words that name what a number after them labels ("section 4", "type 2"); also read by Restatements. */
    static final Set<String> LABELS = Set.of(
            "section",
            "chapter",
            "step",
            "page",
            "pages",
            "article",
            "version",
            "phase",
            "level",
            "tier",
            "grade",
            "room",
            "floor",
            "item",
            "part",
            "figure",
            "fig",
            "table",
            "appendix",
            "clause",
            "rule",
            "no",
            "number",
            "id",
            "model",
            "release",
            "option",
            "stage",
            "band",
            "class",
            "type",
            "category",
            "building",
            "lot",
            "route",
            "line",
            "gate",
            "platform",
            "question",
            "exhibit",
            "schedule",
            "annex",
            "paragraph",
            "week",
            "day",
            "month",
            "quarter",
            "year",
            "round",
            "term",
            "series",
            "unit",
            "zone",
            "region",
            "batch",
            "issue",
            "ticket",
            "pr",
            "case",
            "policy",
            "form",
            "grant",
            "cohort",
            "wave",
            "group",
            "team",
            "lane",
            "port");

    private static final Pattern MONEY_BEFORE =
            Pattern.compile("(US\\$|\\$|€|£|¥|\\b(?:" + CURRENCY_CODE + ")\\s?)\\s?" + NUM + "(?:\\s?" + SCALE + ")?");
    private static final Pattern MONEY_AFTER = Pattern.compile(
            NUM + "(?:\\s?" + SCALE + ")?\\s?(" + CURRENCY_CODE + "|dollars?|euros?)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern POINTS = Pattern.compile(NUM + "\\s?(?:percentage points?|pp|ppts?)\\b");
    private static final Pattern PERCENT = Pattern.compile(NUM + "\\s?(?:%|percent\\b|per cent\\b|pct\\b)");
    private static final Pattern RANGE = Pattern.compile(
            "(?<![\\w.,])(?:between\\s+)?" + NUM + "\\s?(?:-|–|—|to|and)\\s?" + NUM + "(?:[\\s-]([\\p{L}]+))?");
    private static final Pattern QUANTITY = Pattern.compile("(?<![\\w.,$€£¥#/-])" + NUM
            + "(?:\\s?(thousand|million|billion|trillion|[KMB](?![\\p{L}\\d])))?(?:(?:-|\\s)?([\\p{L}]+))?"
            + "(?:\\s+(per|a|an|each|every)\\s+([\\p{L}]+)|/([\\p{L}]+))?");
    private static final Pattern RATE = Pattern.compile("^(?:\\s+(per|a|an|each|every)\\s+([\\p{L}]+)|/([\\p{L}]+))");
    private static final Pattern NEXT_WORD = Pattern.compile("^\\s+([\\p{L}]+)");
    private static final Pattern NUMBER_WORDS = Pattern.compile(
            "\\b(zero|one|two|three|four|five|six|seven|eight|nine"
                    + "|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty"
                    + "|fifty|sixty|seventy|eighty|ninety|hundred)(?:[\\s-](one|two|three|four|five|six|seven|eight|nine))?"
                    + "[\\s-]([\\p{L}]+)\\b",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern BOUND_BEFORE = Pattern.compile(
            "(?i)(at least|at most|up to|no more than|no less than|no fewer than|not more than|not less than"
                    + "|not to exceed|more than|less than|fewer than|over|under|above|below|exceeding|in excess of"
                    + "|a minimum of|a maximum of|minimum of|maximum of|minimum|maximum|min\\.?|max\\.?|nearly|almost"
                    + "|about|around|approximately|approx\\.?|roughly|circa|ca\\.|some|~|≥|≤|>=|<=|>|<)\\s*$");
    private static final Pattern BOUND_AFTER =
            Pattern.compile("(?i)^\\s*(\\+|or more|or longer|or higher|or less|or fewer|or shorter|or lower|at most"
                    + "|at least|maximum|minimum|max|min)\\b?");
    private static final Set<String> ADJECTIVES = Set.of(
            "paid",
            "unpaid",
            "additional",
            "extra",
            "consecutive",
            "working",
            "business",
            "calendar",
            "full",
            "total",
            "more",
            "fewer",
            "further",
            "annual",
            "weekly",
            "monthly",
            "daily",
            "net",
            "gross",
            "active",
            "new",
            "full-time",
            "part-time",
            "remote",
            "vacation",
            "sick",
            "holiday");

    /** What a sentence states, with the values blanked out of its text. */
    record Reading(List<Value> values, String rest, Set<String> codes) {}

    private ValueReader() {}

    static Reading read(String sentence) {
        StringBuilder work = new StringBuilder(sentence);
        TreeMap<Integer, Value> values = new TreeMap<>();
        Set<String> codes = new java.util.TreeSet<>();
        blank(work, IGNORED, m -> null, values);
        blank(work, VERSION, m -> code(codes, m.group()), values);
        for (NameReader.Found f : NameReader.read(work.toString())) {
            put(work, values, f.start(), f.end(), f.value());
        }
        blank(
                work,
                ISO_DATE,
                m -> date(
                        m.group(),
                        Integer.parseInt(m.group(1)),
                        Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3))),
                values);
        blank(
                work,
                MONTH_DAY_YEAR,
                m -> date(m.group(), Integer.parseInt(m.group(3)), month(m.group(1)), Integer.parseInt(m.group(2))),
                values);
        blank(
                work,
                DAY_MONTH_YEAR,
                m -> date(m.group(), Integer.parseInt(m.group(3)), month(m.group(2)), Integer.parseInt(m.group(1))),
                values);
        blank(work, MONTH_YEAR, m -> date(m.group(), Integer.parseInt(m.group(2)), month(m.group(1)), 0), values);
        blank(work, MONTH_DAY, m -> date(m.group(), 0, month(m.group(1)), Integer.parseInt(m.group(2))), values);
        blank(work, DAY_MONTH, m -> date(m.group(), 0, month(m.group(2)), Integer.parseInt(m.group(1))), values);
        years(work, values);
        blank(work, CODE, m -> code(codes, m.group()), values);
        labelled(work, codes);
        blank(work, MONEY_BEFORE, m -> money(work, m, Units.currency(m.group(1)), m.group(2), m.group(3)), values);
        blank(work, MONEY_AFTER, m -> money(work, m, Units.currency(m.group(3)), m.group(1), m.group(2)), values);
        blank(work, POINTS, m -> number(work, m, m.group(1), 1, "percentage points"), values);
        blank(work, PERCENT, m -> money(work, m, "%", m.group(1), null), values);
        blank(work, RANGE, m -> range(m), values);
        blank(work, QUANTITY, m -> quantity(work, m), values);
        blank(work, NUMBER_WORDS, m -> spelled(work, m), values);
        return new Reading(List.copyOf(values.values()), work.toString(), codes);
    }

    private interface Reader {
        /** The value of a match, or null to blank it out without a value (an identifier, a URL). */
        Value read(Matcher m);
    }

    /** Reads each match into a value and blanks it out; a reader may refuse a match by throwing Skip. */
    private static void blank(StringBuilder work, Pattern pattern, Reader reader, TreeMap<Integer, Value> values) {
        Matcher m = pattern.matcher(work.toString());
        List<int[]> spans = new ArrayList<>();
        while (m.find()) {
            Value v;
            try {
                v = reader.read(m);
            } catch (Skip skip) {
                continue;
            }
            int end = m.end();
            if (v != null) {
                if (m.group().startsWith(v.text()) && !v.text().isEmpty()) {
                    end = m.start() + v.text().length(); // "3 is": the word after the number stays
                }
                values.put(m.start(), v.at(end));
            }
            spans.add(new int[] {m.start(), end});
        }
        for (int[] span : spans) {
            for (int i = span[0]; i < span[1]; i++) {
                work.setCharAt(i, ' ');
            }
        }
    }

    /** Thrown by a reader to leave a match as it is: not a value of this kind after all. */
    private static final class Skip extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Skip() {
            super(null, null, false, false);
        }
    }

    private static Value code(Set<String> codes, String text) {
        codes.add(text.toLowerCase(Locale.ROOT).replaceAll("\\s+", ""));
        return null;
    }

    private static void put(StringBuilder work, TreeMap<Integer, Value> values, int start, int end, Value v) {
        if (work.substring(start, end).isBlank()) {
            return;
        }
        values.put(start, v.at(end));
        for (int i = start; i < end; i++) {
            work.setCharAt(i, ' ');
        }
    }

    private static Value date(String text, int year, int month, int day) {
        if (month < 0 || month > 12 || day < 0 || day > 31 || year != 0 && (year < 1000 || year > 2999)) {
            throw new Skip();
        }
        return new Value(Value.DATE, "date", year * 10_000.0 + month * 100 + day, 0, "", text, 0);
    }

    private static int month(String name) {
        String m = name.substring(0, 3).toLowerCase(Locale.ROOT);
        return List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
                        .indexOf(m)
                + 1;
    }

    /**
     * A four-digit number from 1800 to 2099 is a year when a date word is before it ("in 2023", "FY
     * 2024"), it starts the sentence, or no noun follows it ("2023 was", "2023:"); else it is a count
     * ("2000 employees").
     */
    private static void years(StringBuilder work, TreeMap<Integer, Value> values) {
        Matcher m = YEAR.matcher(work.toString());
        while (m.find()) {
            String before = work.substring(0, m.start()).strip();
            String previous = before.isEmpty() ? "" : lastWord(before);
            String after = work.substring(m.end());
            Matcher next = NEXT_WORD.matcher(after);
            boolean noun = next.find() && !Words.stop(Words.fold(next.group(1)));
            if (before.endsWith("$") || before.endsWith("€") || before.endsWith("£") || before.endsWith("¥")) {
                continue; // "$ 1846": an amount in a table
            }
            if (before.isEmpty() || YEAR_BEFORE.contains(previous) || !noun || after.startsWith("'s")) {
                put(work, values, m.start(), m.end(), date(m.group(), Integer.parseInt(m.group(1)), 0, 0));
            }
        }
    }

    private static String lastWord(String text) {
        Matcher w = Pattern.compile("([\\p{L}\\d]+)\\W*$").matcher(text);
        return w.find() ? w.group(1).toLowerCase(Locale.ROOT) : "";
    }

    /**
     * "section 3", "Java 25", "ISO 9001": a number right after a label word, a capitalized word in the
     * middle of the sentence or an acronym names something; it is a qualifier, not a quantity.
     */
    private static void labelled(StringBuilder work, Set<String> codes) {
        Matcher m = LABELLED.matcher(work.toString());
        List<int[]> spans = new ArrayList<>();
        while (m.find()) {
            String word = m.group(1);
            String folded = word.toLowerCase(Locale.ROOT);
            boolean capital = Character.isUpperCase(word.charAt(0)) && month(word.length() >= 3 ? word : "xxx") == 0;
            boolean acronym =
                    word.length() >= 2 && word.equals(word.toUpperCase(Locale.ROOT)) && !word.matches(CURRENCY_CODE);
            if (LABELS.contains(folded) || acronym || capital && m.start() > 0) {
                codes.add(folded + " " + m.group(2));
                spans.add(new int[] {m.start(2), m.end(2)});
            }
        }
        for (int[] span : spans) {
            for (int i = span[0]; i < span[1]; i++) {
                work.setCharAt(i, ' ');
            }
        }
    }

    private static Value money(StringBuilder work, Matcher m, String currency, String digits, String scaleWord) {
        Value v = number(work, m, digits, Units.scale(scaleWord), currency);
        Matcher rate = RATE.matcher(work.substring(m.end()));
        if (!rate.find()) {
            return v;
        }
        String per = rate.group(2) != null ? rate.group(2) : rate.group(3);
        boolean perWord = rate.group(1) != null && rate.group(1).equalsIgnoreCase("per") || rate.group(3) != null;
        Units.Unit perUnit = Units.unit(per);
        if (!perWord && perUnit == null) {
            return v;
        }
        String unit = v.unit() + "/"
                + (perUnit != null ? perUnit.name() + "@" + perUnit.factor() : Words.stem(Words.fold(per)));
        return new Value(v.kind(), unit, v.amount(), v.tolerance(), v.bound(), v.text() + rate.group(), 0);
    }

    private static Value number(StringBuilder work, Matcher m, String digits, double factor, String unit) {
        String plain = digits.replace(",", "");
        int dot = plain.indexOf('.');
        int decimals = dot < 0 ? 0 : plain.length() - dot - 1;
        double amount = Double.parseDouble(plain) * factor;
        double tolerance = 0.5 * Math.pow(10, -decimals) * factor;
        return new Value(
                Value.NUMBER,
                unit,
                amount,
                tolerance,
                bound(work, m.start(), m.end()),
                m.group().strip(),
                0);
    }

    private static String bound(StringBuilder work, int start, int end) {
        String before = work.substring(Math.max(0, start - 30), start);
        Matcher b = BOUND_BEFORE.matcher(before);
        String word = b.find() ? b.group(1).toLowerCase(Locale.ROOT) : null;
        if (word == null) {
            Matcher a = BOUND_AFTER.matcher(work.substring(end, Math.min(work.length(), end + 20)));
            word = a.find() ? a.group(1).toLowerCase(Locale.ROOT) : null;
        }
        if (word == null) {
            return "";
        }
        if (word.matches("about|around|approximately|approx\\.?|roughly|circa|ca\\.|some|~|nearly|almost")) {
            return "approx";
        }
        if (word.matches("at most|up to|no more than|not more than|not to exceed|less than|fewer than|under|below"
                + "|a maximum of|maximum of|maximum|max\\.?|max|≤|<=|<|or less|or fewer|or shorter|or lower")) {
            return "max";
        }
        return "min";
    }

    private static Value range(Matcher m) {
        String unit = m.group(3) == null ? "" : Words.stem(Words.fold(m.group(3)));
        return new Value(Value.NUMBER, unit, 0, 0, "range", m.group().strip(), 0);
    }

    private static Value quantity(StringBuilder work, Matcher m) {
        String digits = m.group(1);
        String word = m.group(3);
        int end = m.group(2) != null ? m.end(2) : m.end(1);
        Units.Unit unit;
        String name;
        String noun = null;
        if (word != null && Character.isUpperCase(word.charAt(0)) && Units.unit(word) == null) {
            throw new Skip(); // "4.1 Form 8-K", "18 U.S.C.": a number that names something
        }
        if (word == null || Words.stop(Words.fold(word))) {
            unit = new Units.Unit("", 1); // "16 of", "3 is": no unit
            name = "";
        } else if (ADJECTIVES.contains(word.toLowerCase(Locale.ROOT))) {
            end = m.end(3);
            Matcher next = NEXT_WORD.matcher(work.substring(m.end(3)));
            noun = next.find() ? next.group(1) : null;
            Units.Unit known = noun == null ? null : Units.unit(noun);
            unit = known != null ? known : new Units.Unit(noun == null ? "" : Words.stem(Words.fold(noun)), 1);
            name = word.toLowerCase(Locale.ROOT) + " " + unit.name();
        } else {
            end = m.end(3);
            Units.Unit known = Units.unit(word);
            unit = known != null ? known : new Units.Unit(Words.stem(Words.fold(word)), 1);
            name = unit.name();
            String per = m.group(5) != null ? m.group(5) : m.group(6);
            boolean perWord = m.group(4) != null && m.group(4).equalsIgnoreCase("per") || m.group(6) != null;
            if (per != null && (perWord || Units.unit(per) != null)) {
                Units.Unit perUnit = Units.unit(per);
                name += "/" + (perUnit != null ? perUnit.name() + "@" + perUnit.factor() : Words.stem(Words.fold(per)));
                end = m.end();
            }
        }
        String text = work.substring(m.start(), end) + (noun == null ? "" : " " + noun);
        Value v = number(work, m, digits, Units.scale(m.group(2)) * unit.factor(), name.strip());
        return new Value(v.kind(), v.unit(), v.amount(), v.tolerance(), v.bound(), text.strip(), 0);
    }

    /** "sixteen weeks", "twenty-five percent": spelled numbers count only before a known unit. */
    private static Value spelled(StringBuilder work, Matcher m) {
        String unitWord = m.group(3);
        boolean percent = unitWord.equalsIgnoreCase("percent");
        if (!percent && !Units.knownUnit(unitWord)) {
            throw new Skip();
        }
        String first = m.group(1).toLowerCase(Locale.ROOT);
        int n = Units.TENS.containsKey(first) ? Units.TENS.get(first) : Units.WORD_NUMBERS.indexOf(first);
        if (m.group(2) != null) {
            n += Units.WORD_NUMBERS.indexOf(m.group(2).toLowerCase(Locale.ROOT));
        }
        Units.Unit unit = percent ? new Units.Unit("%", 1) : Units.unit(unitWord);
        return new Value(
                Value.NUMBER,
                unit.name(),
                n * unit.factor(),
                0.5 * unit.factor(),
                bound(work, m.start(), m.end()),
                m.group().strip(),
                0);
    }
}
