package dev.sluice.quality;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The national identity numbers {@link PiiScanner} finds, each only with its check digit (see {@link
 * PiiChecksums}); where a check digit lets too many plain numbers through (one 9-digit number in eleven
 * is 11-proof), also only after its label.
 */
final class NationalIds {
    private NationalIds() {}

    private static final Pattern DNI = Pattern.compile("(?<![\\w-])(\\d{8})[ -]?([A-Z])(?![\\w-])");
    private static final Pattern NIE = Pattern.compile("(?<![\\w-])([XYZ])[ -]?(\\d{7})[ -]?([A-Z])(?![\\w-])");
    private static final Pattern CODICE_FISCALE = Pattern.compile(
            "(?<![\\w])[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z](?![\\w])");
    private static final Pattern NIR_GROUPED = Pattern.compile(
            "(?<![\\w])[1-478] \\d{2} (?:0[1-9]|1[0-2]|[2-9]\\d) (?:\\d{2}|2[AB]) \\d{3} \\d{3} \\d{2}(?![\\w])");
    private static final Pattern NIR_PLAIN = Pattern.compile(
            "(?<![\\w])[1-478]\\d{2}(?:0[1-9]|1[0-2]|[2-9]\\d)(?:\\d{2}|2[AB])\\d{6}[ ]?\\d{2}(?![\\w])");
    private static final Pattern NIR_CUE = Pattern.compile(
            "(?i)(?:\\bNIR\\b|\\binsee\\b|s[ée]curit[ée] sociale|num[ée]ro de s[ée]cu|social security)[^.;]{0,30}$");
    private static final Pattern NINE_DIGITS =
            Pattern.compile("(?<![\\w.,-])(\\d{4})\\.?(\\d{2})\\.?(\\d{3})(?![\\w]|[.,-]\\d)");
    private static final Pattern BSN_CUE =
            Pattern.compile("(?i)(?:\\bBSN\\b|burgerservicenummer|sofi-?nummer|citizen service number)[^.;]{0,30}$");
    private static final Pattern STEUER_ID =
            Pattern.compile("(?<![\\w.,-])(\\d{2}) ?(\\d{3}) ?(\\d{3}) ?(\\d{3})(?![\\w]|[.,-]\\d)");
    private static final Pattern STEUER_ID_CUE = Pattern.compile(
            "(?i)(?:steuer-?id(?:entifikations)?(?:nummer|nr)?|steuerliche identifikationsnummer|identifikationsnummer|\\bIdNr\\b"
                    + "|tax id(?:entification number)?|\\bTIN\\b)[^.;]{0,30}$");
    private static final Pattern SSN_DASHED = Pattern.compile("(?<![\\w-])(\\d{3})-(\\d{2})-(\\d{4})(?![\\w-])");
    private static final Pattern SSN_CUE =
            Pattern.compile("(?i)(?:\\bSSN\\b|\\bSS#|social security (?:number|no\\b)|soc\\. ?sec\\.)[^.;]{0,30}$");
    private static final Pattern SSN_AFTER_CUE =
            Pattern.compile("(?<![\\w-])(\\d{3})[ -]?(\\d{2})[ -]?(\\d{4})(?![\\w]|-\\d)");

    static void scan(String text, List<Regions.Region> regions, List<PiiHit> found) {
        Regions.find(
                DNI,
                text,
                regions,
                m -> check(m, m.group(1) + m.group(2), PiiChecksums.dniOrNie(m.group(1) + m.group(2)), found));
        Regions.find(NIE, text, regions, m -> {
            String v = m.group(1) + m.group(2) + m.group(3);
            return check(m, v, PiiChecksums.dniOrNie(v), found);
        });
        Regions.find(
                CODICE_FISCALE, text, regions, m -> check(m, m.group(), PiiChecksums.codiceFiscale(m.group()), found));
        Regions.find(NIR_GROUPED, text, regions, m -> {
            String v = m.group().replace(" ", "");
            return check(m, v, PiiChecksums.nir(v), found);
        });
        Regions.find(NIR_PLAIN, text, regions, m -> {
            String v = m.group().replace(" ", "");
            return check(m, v, PiiChecksums.nir(v) && cue(NIR_CUE, text, m.start()), found);
        });
        Regions.find(NINE_DIGITS, text, regions, m -> {
            String v = m.group(1) + m.group(2) + m.group(3);
            return check(m, v, PiiChecksums.bsn(v) && cue(BSN_CUE, text, m.start()), found);
        });
        Regions.find(STEUER_ID, text, regions, m -> {
            String v = m.group(1) + m.group(2) + m.group(3) + m.group(4);
            return check(m, v, PiiChecksums.steuerId(v) && cue(STEUER_ID_CUE, text, m.start()), found);
        });
        Regions.find(SSN_DASHED, text, regions, m -> {
            String v = m.group(1) + m.group(2) + m.group(3);
            return check(m, v, PiiChecksums.ssnStructure(v), found);
        });
        Regions.find(SSN_AFTER_CUE, text, regions, m -> {
            String v = m.group(1) + m.group(2) + m.group(3);
            return check(m, v, PiiChecksums.ssnStructure(v) && cue(SSN_CUE, text, m.start()), found);
        });
    }

    /** Keeps the hit when {@code valid}; says whether it did. */
    private static boolean check(Matcher m, String compact, boolean valid, List<PiiHit> found) {
        if (valid) {
            found.add(hit(m, compact));
        }
        return valid;
    }

    private static boolean cue(Pattern cue, String text, int start) {
        return cue.matcher(PiiScanner.before(text, start)).find();
    }

    private static PiiHit hit(Matcher m, String compact) {
        return new PiiHit(
                PiiKind.NATIONAL_ID,
                m.start(),
                m.end(),
                "*".repeat(compact.length() - 2) + compact.substring(compact.length() - 2));
    }
}
