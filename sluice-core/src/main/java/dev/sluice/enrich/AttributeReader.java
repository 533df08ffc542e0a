package dev.sluice.enrich;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@link DocumentAttributes} from a document's first pages and its file name, without a model.
 * What it recognizes, in order of trust:
 *
 * <ul>
 *   <li>the cover of a filing: "FORM 10-K", "For the fiscal year ended December 31, 2018", "For the
 *       quarterly period ended July 2, 2023", the registrant's name before "(Exact name of registrant as
 *       specified in its charter)";
 *   <li>a release: "FOR IMMEDIATE RELEASE", "2022 Fourth-Quarter";
 *   <li>the file name: a year ("3M_2018_10K.pdf"), a form ("10K", "10-Q"), and, when it has one of
 *       those, what is left as a name ("3M", "Pfizer"); "meeting-notes.md" names no issuer.
 * </ul>
 *
 * Only the first {@value #COVER_CHARS} characters are read: attributes are on the cover, and a filing's
 * later pages name other companies, years and forms. Deterministic and thread-safe.
 */
public final class AttributeReader {
    /** How much of the text the cover is. */
    static final int COVER_CHARS = 6_000;

    private static final Pattern FORM =
            Pattern.compile("(?i)\\bFORM\\s+(10-K(?:T|405)?|10-Q|8-K|20-F|40-F|6-K|S-1|S-4|DEF\\s?14A)\\b");
    private static final Pattern PERIOD_ENDED =
            Pattern.compile("(?i)for\\s+the\\s+(fiscal\\s+year|year|quarterly\\s+period|quarter)\\s+ended\\s*:?\\s*"
                    + "([A-Za-z]{3,9})\\.?\\s+(\\d{1,2}),?\\s+((?:19|20)\\d{2})");
    private static final Pattern RELEASE_QUARTER =
            Pattern.compile("(?i)\\b((?:19|20)\\d{2})\\s+(first|second|third|fourth)[-\\s]quarter\\b");
    private static final Pattern REGISTRANT = Pattern.compile(
            "(?i)\\(\\s*exact\\s+name\\s+of\\s+registrant\\s+as\\s+specified\\s+in\\s+its\\s+charter\\s*\\)");
    private static final Pattern RELEASE =
            Pattern.compile("(?i)\\bfor\\s+immediate\\s+release\\b|\\bpress\\s+release\\b");
    private static final Pattern FILE_YEAR = Pattern.compile("(?<!\\d)((?:19|20)\\d{2})(?!\\d)");
    private static final Pattern FILE_FORM = Pattern.compile("(?i)^(10-?K|10-?Q|8-?K|20-?F)$");
    private static final Pattern FILE_QUARTER = Pattern.compile("(?i)^(?:(?:19|20)\\d{2})?Q([1-4])$");
    private static final Set<String> FILE_NOISE = Set.of(
            "annual",
            "report",
            "earnings",
            "release",
            "transcript",
            "filing",
            "final",
            "draft",
            "copy",
            "presentation",
            "form",
            "fy",
            "q1",
            "q2",
            "q3",
            "q4",
            "ar",
            "10k",
            "10q",
            "8k");
    /** Company-name endings that a question leaves out ("Lockheed Martin" for "Lockheed Martin Corporation"). */
    private static final Set<String> SUFFIXES = Set.of(
            "inc",
            "incorporated",
            "corp",
            "corporation",
            "co",
            "company",
            "companies",
            "ltd",
            "limited",
            "plc",
            "llc",
            "lp",
            "sa",
            "ag",
            "nv",
            "se",
            "holdings",
            "group",
            "the",
            "and",
            "subsidiaries");
    /** First words that name no company on their own ("General Mills": "general" alone is no alias). */
    private static final Set<String> COMMON_FIRST = Set.of(
            "general",
            "best",
            "first",
            "american",
            "united",
            "national",
            "international",
            "new",
            "global",
            "great",
            "southern",
            "northern",
            "western",
            "eastern",
            "central",
            "royal",
            "standard",
            "public",
            "state",
            "bank");

    private AttributeReader() {}

    /**
     * The attributes of a document.
     *
     * @param text the normalized text (only its start is read)
     * @param fileName the file's name or relative path, or null
     */
    public static DocumentAttributes read(String text, String fileName) {
        String cover = text == null ? "" : text.substring(0, Math.min(COVER_CHARS, text.length()));
        String flat = flat(cover);
        String docType = null;
        Matcher form = FORM.matcher(flat);
        if (form.find()) {
            docType = form.group(1).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        } else if (RELEASE.matcher(flat).find()) {
            docType = "press release";
        }
        int year = 0;
        int quarter = 0;
        Matcher ended = PERIOD_ENDED.matcher(flat);
        if (ended.find()) {
            LocalDate end = date(ended.group(2), ended.group(3), ended.group(4));
            year = Integer.parseInt(ended.group(4));
            if (ended.group(1).toLowerCase(Locale.ROOT).startsWith("quarter") && end != null) {
                LocalDate within = end.minusDays(15); // a quarter "ended July 2" is the second quarter
                quarter = (within.getMonthValue() - 1) / 3 + 1;
                year = within.getYear();
            }
        } else {
            Matcher release = RELEASE_QUARTER.matcher(flat);
            if (release.find()) {
                year = Integer.parseInt(release.group(1));
                quarter = List.of("first", "second", "third", "fourth")
                                .indexOf(release.group(2).toLowerCase(Locale.ROOT))
                        + 1;
            }
        }
        String issuer = registrant(cover);
        List<String> nameTokens = new ArrayList<>();
        boolean dated = false; // a year, quarter or form in the name: only then are its other words a name
        if (fileName != null) {
            String stem = fileName.replaceAll("^.*[/\\\\]", "").replaceFirst("\\.[A-Za-z0-9]{1,5}$", "");
            String[] tokens = stem.split("[_\\-\\s.]+");
            if (tokens.length < 2) {
                tokens = new String[0]; // "4983.md", "notes.md": a name of one word says nothing of a year or issuer
            }
            for (String token : tokens) {
                if (token.isEmpty()) {
                    continue;
                }
                Matcher y = FILE_YEAR.matcher(token);
                Matcher q = FILE_QUARTER.matcher(token);
                if (FILE_FORM.matcher(token).matches()) {
                    dated = true;
                    if (docType == null) {
                        String f = token.toUpperCase(Locale.ROOT);
                        docType = f.contains("-") ? f : f.substring(0, f.length() - 1) + "-" + f.charAt(f.length() - 1);
                    }
                } else if (q.find() && token.length() <= 6) {
                    dated = true;
                    if (quarter == 0 && year == 0) {
                        quarter = Integer.parseInt(q.group(1));
                    }
                    if (year == 0 && FILE_YEAR.matcher(token).find()) {
                        Matcher yy = FILE_YEAR.matcher(token);
                        yy.find();
                        year = Integer.parseInt(yy.group(1));
                    }
                } else if (y.matches()) {
                    dated = true;
                    if (year == 0) {
                        year = Integer.parseInt(y.group(1));
                    }
                } else if (!FILE_NOISE.contains(token.toLowerCase(Locale.ROOT))
                        && !token.chars().allMatch(Character::isDigit)) {
                    nameTokens.add(token);
                }
            }
        }
        if (!dated) {
            nameTokens.clear(); // "meeting-notes.md", "copy-of-notes.md" name no issuer
        }
        Set<String> aliases = new LinkedHashSet<>();
        if (issuer != null) {
            aliases.addAll(aliasesOf(issuer));
        }
        if (!nameTokens.isEmpty() && nameTokens.size() <= 4) {
            aliases.addAll(aliasesOf(String.join(" ", nameTokens)));
            String spelled = spelledOnCover(flat, String.join("", nameTokens));
            if (spelled != null) {
                aliases.addAll(aliasesOf(spelled)); // "BESTBUY" in the file name, "BEST BUY" on the cover
            }
            if (issuer == null) {
                issuer = display(spelled != null ? spelled : String.join(" ", nameTokens));
            }
        }
        return new DocumentAttributes(issuer, docType, year, quarter, List.copyOf(aliases));
    }

    /** The registrant's name on a filing's cover, as a reader writes it, or null. */
    static String registrant(String cover) {
        Matcher m = REGISTRANT.matcher(cover);
        if (!m.find()) {
            return null;
        }
        String before = flat(cover.substring(Math.max(0, m.start() - 200), m.start()));
        // the name is the run of words right before the parenthesis: "...File Number 1-3619 ---- PFIZER INC."
        Matcher name = NAME_AT_END.matcher(before);
        if (!name.find()) {
            return null;
        }
        String line = SMALL_CAPS.matcher(name.group()).replaceAll("$1$2"); // "MGM R ESORTS" -> "MGM RESORTS"
        if (line.length() < 2 || line.length() > 80) {
            return null;
        }
        return display(line);
    }

    private static final String NAME_WORD = "(?:\\d*\\p{L}[\\p{L}\\d]*)";
    private static final Pattern NAME_AT_END =
            Pattern.compile(NAME_WORD + "(?:[\\s.,&'’-]+" + NAME_WORD + ")*[.,]?\\s*$");
    private static final Pattern SMALL_CAPS = Pattern.compile("\\b(\\p{Lu}) (\\p{Lu}{4,})\\b");

    /** Whitespace of every kind (no-break spaces too) as one space. */
    static String flat(String text) {
        return text.replaceAll("[\\s\\p{Z}]+", " ").strip();
    }

    /**
     * How the cover writes a name the file name runs together ("BESTBUY" is "BEST BUY" on the cover), or
     * null when the cover does not have it with spaces.
     */
    static String spelledOnCover(String cover, String joined) {
        String letters = joined.replaceAll("[^\\p{L}\\p{N}]", "");
        if (letters.length() < 4) {
            return null;
        }
        StringBuilder regex = new StringBuilder("(?iu)(?<![\\p{L}\\p{N}])");
        for (int i = 0; i < letters.length(); i++) {
            regex.append(i == 0 ? "" : " ?").append(Pattern.quote(String.valueOf(letters.charAt(i))));
        }
        regex.append("(?![\\p{L}\\p{N}])");
        Matcher m = Pattern.compile(regex.toString()).matcher(cover);
        while (m.find()) {
            if (m.group().indexOf(' ') > 0) {
                return m.group();
            }
        }
        return null;
    }

    /** All-capital names in title case ("ADOBE INC." -> "Adobe Inc."); others as written. */
    static String display(String name) {
        String flat = flat(name);
        if (!flat.equals(flat.toUpperCase(Locale.ROOT))) {
            return flat;
        }
        StringBuilder out = new StringBuilder();
        for (String word : flat.split(" ")) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            boolean keep = word.length() <= 3 && word.chars().anyMatch(Character::isDigit) || word.length() <= 2;
            out.append(keep ? word : word.charAt(0) + word.substring(1).toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }

    /**
     * Lower-case names a question may use: the name without its legal ending ("lockheed martin"), and its
     * first word alone when that word is distinctive ("lockheed", "adobe"; not "general").
     */
    static List<String> aliasesOf(String name) {
        List<String> words = new ArrayList<>();
        for (String w : name.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}&]+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        while (!words.isEmpty() && SUFFIXES.contains(words.getLast())) {
            words.removeLast();
        }
        if (!words.isEmpty() && words.getFirst().equals("the")) {
            words.removeFirst();
        }
        Set<String> out = new LinkedHashSet<>();
        if (!words.isEmpty()) {
            out.add(String.join(" ", words));
            String first = words.getFirst();
            if (words.size() > 1 && first.length() >= 3 && !COMMON_FIRST.contains(first) && !SUFFIXES.contains(first)) {
                out.add(first);
            }
        }
        return List.copyOf(out);
    }

    private static LocalDate date(String month, String day, String year) {
        String m = month.length() > 3 ? month.substring(0, 3) : month;
        try {
            return LocalDate.parse(
                    m.substring(0, 1).toUpperCase(Locale.ROOT) + m.substring(1).toLowerCase(Locale.ROOT) + " " + day
                            + " " + year,
                    DateTimeFormatter.ofPattern("MMM d yyyy", Locale.ENGLISH));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
