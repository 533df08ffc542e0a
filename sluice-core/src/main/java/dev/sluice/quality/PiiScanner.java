package dev.sluice.quality;

import dev.sluice.core.Checks;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds personal data in a text: e-mail addresses, telephone numbers, payment card numbers, IBANs and
 * national identity numbers. Every number must pass more than a pattern, because documents are full of
 * digit runs (amounts, dates, years, page ranges, SEC file numbers, order numbers):
 *
 * <ul>
 *   <li><b>E-mail</b>: local part, {@code @}, a domain with a letter TLD; image names such as {@code
 *       logo@2x.png} are not addresses.
 *   <li><b>Phone</b>: {@code +CC} and 8-15 digits; North American {@code (212) 555-1234}, {@code
 *       212-555-1234}, {@code 212.555.1234} (area and exchange starting 2-9); national numbers with a
 *       trunk 0 as the UK, France, Germany and the Netherlands write them ({@code 020 7946 0958}, {@code
 *       01 23 45 67 89}, {@code 030 1234567}, {@code 06-12345678}); any 7-15 digit number right after a
 *       word such as "Tel", "phone" or "fax". Never after "File No", "CIK", "I.R.S.", "order" or
 *       "invoice", and never a date.
 *   <li><b>Payment card</b>: 13-19 digits passing Luhn with a known issuer prefix and length (Visa,
 *       Mastercard, Amex, Discover, Diners, JCB, UnionPay, Maestro, Mir), and either written as cards are
 *       ({@code 4111 1111 1111 1111}, Amex {@code 3782 822463 10005}) or with a card word near it
 *       ("card", "Visa", "credit", "Kreditkarte"...); never right after a label such as "Order No." or
 *       "Invoice", since one order number in ten passes Luhn by chance.
 *   <li><b>IBAN</b>: country code, check digits, the country's exact length, mod 97 = 1.
 *   <li><b>National id</b>, only where a check digit exists: Spanish DNI and NIE (check letter), Italian
 *       codice fiscale (check character), French NIR (key mod 97; grouped, or after a label), Dutch BSN
 *       (11-proof) and German Steuer-IdNr (mod 11,10) only after their label ("BSN", "Steuer-ID"), since
 *       one 9-digit number in eleven is 11-proof. The US SSN has no check digit: it is found only in
 *       the form {@code 123-45-6789} or as 9 digits right after "SSN" or "Social Security", and must
 *       follow the SSA's structure rules.
 * </ul>
 *
 * <p>Hits are returned in text order without overlaps (the longer wins). Stateless and thread-safe.
 */
public final class PiiScanner {
    private static final int CONTEXT_BEFORE = 40;

    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+([A-Za-z]{2,24}))(?![\\w-])");
    private static final Set<String> FILE_SUFFIXES =
            Set.of("png", "jpg", "jpeg", "gif", "svg", "webp", "css", "js", "pdf", "html");

    private static final Pattern PHONE_INTERNATIONAL = Pattern.compile(
            "(?<![\\w+])\\+[1-9]\\d{0,2}(?:[ .-]?\\(0?\\d{0,4}\\))?(?:[ .-]?\\d{1,5}+){2,6}+(?![\\w/]|[.,-]\\d)");
    private static final Pattern PHONE_NANP = Pattern.compile(
            "(?<![\\w$.,/+-])(?:1[ .-]?)?(?:\\([2-9]\\d{2}\\) ?|(?<!\\d )[2-9]\\d{2}[.-])[2-9]\\d{2}[.-]\\d{4}(?![\\w/-]|[.,]\\d)");
    private static final Pattern PHONE_NATIONAL = Pattern.compile(
            "(?<![\\w$.,/+-])(?<!\\d )(?:0[1-9](?:[ .-]\\d{2}){4}|0[1-9]\\d{0,4}[ /-]\\d{3,8}(?: \\d{3,4})?)(?![\\w/-]|[.,]\\d| \\d)");
    private static final Pattern PHONE_AFTER_CUE = Pattern.compile(
            "(?i)\\b(?:tel(?:ephone|efon|[ée]fono|[ée]phone)?|phone|ph|fax|mobile|mob|cell|call(?: us)?(?: at| on)?)\\b\\.?"
                    + "(?: ?(?:no|number|nr|num)\\.?)? ?[:.]? ?(\\+?\\(?\\d[\\d ().\\/-]{5,22}\\d)");
    private static final Pattern DATE_LIKE =
            Pattern.compile("\\d{4}[./-]\\d{1,2}[./-]\\d{1,2}|\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}");

    private static final Pattern CARD = Pattern.compile("(?<![\\w.,-])\\d(?:[ -]?\\d){12,18}(?![\\w]|[.,-]\\d)");
    private static final Pattern CARD_WORD = Pattern.compile(
            "(?i)\\b(?:card|cards|credit|debit|visa|master ?card|amex|american express|discover|diners|jcb|maestro"
                    + "|unionpay|kreditkarte|karte|carte|tarjeta|cart[aã]o|cc|pan)\\b");
    private static final Pattern NUMBER_LABEL = Pattern.compile(
            "(?i)\\b(?:order|invoice|inv|sku|item|part|article|art|ref|reference|tracking|serial|isbn|issn"
                    + "|po|p\\.o\\.|purchase order|ticket|booking|confirmation|customer|policy|contract|file|cik|case|claim|lot|batch|model)"
                    + "s?\\b\\.?(?: ?(?:no|nr|number|num|id|code)\\b\\.?)? ?[:#]? ?$");
    private static final Pattern NOT_A_PHONE_CUE = Pattern.compile(
            "(?i)(?:file (?:no|number|nr)|commission file|\\bcik\\b|i\\.r\\.s\\.|employer identification|\\bein\\b|"
                    + "\\border\\b|\\binvoice\\b|\\bisbn\\b|\\baccount\\b|\\bpatent\\b|\\bcusip\\b|\\bsku\\b|\\bregistration no)"
                    + "[^.;]{0,30}$");

    private static final Pattern IBAN = Pattern.compile("(?<![A-Za-z0-9])([A-Z]{2})(\\d{2})[ ]?[A-Z0-9]");

    private final Set<PiiKind> kinds;

    /** A scanner for every kind. */
    public PiiScanner() {
        this(EnumSet.allOf(PiiKind.class));
    }

    /** A scanner for these kinds only. */
    public PiiScanner(Set<PiiKind> kinds) {
        Checks.notNull("kinds", kinds);
        this.kinds = kinds.isEmpty() ? EnumSet.noneOf(PiiKind.class) : EnumSet.copyOf(kinds);
    }

    /** The kinds this scanner looks for. */
    public Set<PiiKind> kinds() {
        return EnumSet.copyOf(kinds.isEmpty() ? EnumSet.noneOf(PiiKind.class) : kinds);
    }

    /** The personal data in {@code text}, in text order, without overlaps. */
    public List<PiiHit> scan(String text) {
        Checks.notNull("text", text);
        List<PiiHit> found = new ArrayList<>();
        if (kinds.contains(PiiKind.EMAIL)) {
            emails(text, Regions.aroundChar(text, '@', 70, 260), found);
        }
        // every number looked for has 7 digits or more; 50 characters before leave room for a label
        List<Regions.Region> numbers = Regions.digitClusters(text, 7, 50, 8);
        if (kinds.contains(PiiKind.IBAN)) {
            ibans(text, numbers, found);
        }
        if (kinds.contains(PiiKind.NATIONAL_ID)) {
            NationalIds.scan(text, numbers, found);
        }
        if (kinds.contains(PiiKind.PAYMENT_CARD)) {
            cards(text, numbers, found);
        }
        if (kinds.contains(PiiKind.PHONE)) {
            phones(text, numbers, found);
        }
        return withoutOverlaps(found);
    }

    private static void emails(String text, List<Regions.Region> regions, List<PiiHit> found) {
        Regions.find(EMAIL, text, regions, m -> {
            if (FILE_SUFFIXES.contains(m.group(2).toLowerCase(Locale.ROOT))) {
                return false;
            }
            found.add(new PiiHit(PiiKind.EMAIL, m.start(), m.end(), m.group().charAt(0) + "***@" + m.group(1)));
            return true;
        });
    }

    private static void ibans(String text, List<Regions.Region> regions, List<PiiHit> found) {
        Regions.find(IBAN, text, regions, m -> {
            Integer length = PiiChecksums.IBAN_LENGTHS.get(m.group(1));
            if (length == null) {
                return false;
            }
            // walk the characters: exactly `length` letters and digits, single spaces between groups allowed
            StringBuilder compact = new StringBuilder(length);
            int i = m.start();
            int end = -1;
            while (i < text.length() && compact.length() < length) {
                char c = text.charAt(i);
                if (c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
                    compact.append(c);
                    end = i + 1;
                } else if (!(c == ' ' && i + 1 < text.length() && text.charAt(i + 1) != ' ')) {
                    break;
                }
                i++;
            }
            if (compact.length() != length
                    || end < text.length() && Character.isLetterOrDigit(text.charAt(end))
                    || !PiiChecksums.iban(compact.toString())) {
                return false;
            }
            String iban = compact.toString();
            found.add(new PiiHit(
                    PiiKind.IBAN, m.start(), end, iban.substring(0, 4) + " **** " + iban.substring(iban.length() - 4)));
            return true;
        });
    }

    private static void cards(String text, List<Regions.Region> regions, List<PiiHit> found) {
        Regions.find(CARD, text, regions, m -> {
            // "4111 1111 1111 1111 4%": the digits may run on into the next number; try each group end
            for (int end = m.end(); end > m.start(); end = lastSeparator(text, m.start(), end)) {
                PiiHit hit = card(text, m.start(), end);
                if (hit != null) {
                    found.add(hit);
                    return true;
                }
            }
            return false;
        });
    }

    /** The card number in {@code text[start, end)}, or null. */
    private static PiiHit card(String text, int start, int end) {
        String raw = text.substring(start, end);
        String digits = digits(raw);
        if (digits.length() < 13
                || digits.length() > 19
                || !PiiChecksums.knownCardPrefix(digits)
                || !PiiChecksums.luhn(digits)) {
            return null;
        }
        if (NUMBER_LABEL.matcher(before(text, start)).find()) {
            return null; // "Order No. 4111..." is an order number, whatever its digits
        }
        if (!cardGrouping(raw) && !nearCardWord(text, start, end)) {
            return null;
        }
        return new PiiHit(PiiKind.PAYMENT_CARD, start, end, "**** " + digits.substring(digits.length() - 4));
    }

    /** Groups of 4 (the last may be shorter), or Amex and Diners' 4-6-5 and 4-6-4; one separator throughout. */
    static boolean cardGrouping(String raw) {
        char sep = raw.indexOf(' ') >= 0 ? ' ' : raw.indexOf('-') >= 0 ? '-' : 0;
        if (sep == 0 || raw.indexOf(sep == ' ' ? '-' : ' ') >= 0) {
            return false;
        }
        String[] groups = raw.split(sep == ' ' ? " " : "-");
        int[] lengths = new int[groups.length];
        for (int i = 0; i < groups.length; i++) {
            lengths[i] = groups[i].length();
        }
        if (lengths.length == 3 && lengths[0] == 4 && lengths[1] == 6 && (lengths[2] == 5 || lengths[2] == 4)) {
            return true;
        }
        for (int i = 0; i < lengths.length - 1; i++) {
            if (lengths[i] != 4) {
                return false;
            }
        }
        int last = lengths[lengths.length - 1];
        return lengths.length >= 4 && last >= 1 && last <= 4;
    }

    private static boolean nearCardWord(String text, int start, int end) {
        int from = Math.max(0, start - CONTEXT_BEFORE);
        int to = Math.min(text.length(), end + 20);
        Matcher w = CARD_WORD.matcher(text).region(from, to);
        return w.find();
    }

    private static void phones(String text, List<Regions.Region> regions, List<PiiHit> found) {
        for (Pattern p : List.of(PHONE_INTERNATIONAL, PHONE_NANP, PHONE_NATIONAL)) {
            int min = p == PHONE_INTERNATIONAL ? 8 : p == PHONE_NANP ? 10 : 9;
            Regions.find(p, text, regions, m -> {
                int end = m.end();
                String digits = digits(m.group());
                // "+44 20 7946 0958 2019": the groups run on into the next number; drop groups from the end
                while (digits.length() > 15 && p == PHONE_INTERNATIONAL) {
                    int cut = lastSeparator(text, m.start(), end);
                    if (cut < 0) {
                        break;
                    }
                    end = cut;
                    digits = digits(text.substring(m.start(), end));
                }
                if (digits.length() < min
                        || digits.length() > 15
                        || NOT_A_PHONE_CUE.matcher(before(text, m.start())).find()) {
                    return false;
                }
                found.add(phoneHit(m.start(), end, digits));
                return true;
            });
        }
        Regions.find(PHONE_AFTER_CUE, text, regions, m -> {
            String number = m.group(1);
            String digits = digits(number);
            if (digits.length() < 7
                    || digits.length() > 15
                    || DATE_LIKE.matcher(number).matches()) {
                return false;
            }
            found.add(phoneHit(m.start(1), m.end(1), digits));
            return true;
        });
    }

    /** The offset of the last group separator (space, dot, dash) in {@code text[start, end)}, or -1. */
    private static int lastSeparator(String text, int start, int end) {
        for (int i = end - 1; i > start; i--) {
            char c = text.charAt(i);
            if (c == ' ' || c == '.' || c == '-') {
                return i;
            }
        }
        return -1;
    }

    private static PiiHit phoneHit(int start, int end, String digits) {
        return new PiiHit(PiiKind.PHONE, start, end, "*** " + digits.substring(digits.length() - 2));
    }

    /** Up to {@link #CONTEXT_BEFORE} characters before {@code start}. */
    static String before(String text, int start) {
        return text.substring(Math.max(0, start - CONTEXT_BEFORE), start);
    }

    static String digits(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The hits sorted by start; where two overlap, the longer stays (the earlier on a tie). */
    static List<PiiHit> withoutOverlaps(List<PiiHit> hits) {
        List<PiiHit> byLength = new ArrayList<>(hits);
        byLength.sort(Comparator.comparingInt((PiiHit h) -> h.end() - h.start())
                .reversed()
                .thenComparingInt(PiiHit::start));
        List<PiiHit> kept = new ArrayList<>();
        for (PiiHit h : byLength) {
            boolean overlaps = false;
            for (PiiHit k : kept) {
                if (h.start() < k.end() && k.start() < h.end()) {
                    overlaps = true;
                    break;
                }
            }
            if (!overlaps) {
                kept.add(h);
            }
        }
        kept.sort(Comparator.comparingInt(PiiHit::start));
        return List.copyOf(kept);
    }
}
