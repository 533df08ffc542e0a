package dev.sluice.quality;

import java.util.Map;

/**
 * The check digits that tell a real identifier from a run of digits: Luhn for payment cards, ISO 7064
 * mod 97 for IBANs and French NIRs, the Dutch 11-proof, the Spanish DNI/NIE letter, the Italian codice
 * fiscale check character, ISO 7064 mod 11,10 for the German Steuer-IdNr, and the structural rules of a
 * US SSN (which has no check digit). Each takes the compact value: digits and letters only.
 */
final class PiiChecksums {
    private PiiChecksums() {}

    /** IBAN length per country, from the SWIFT IBAN registry. */
    static final Map<String, Integer> IBAN_LENGTHS = Map.ofEntries(
            Map.entry("AD", 24),
            Map.entry("AE", 23),
            Map.entry("AL", 28),
            Map.entry("AT", 20),
            Map.entry("AZ", 28),
            Map.entry("BA", 20),
            Map.entry("BE", 16),
            Map.entry("BG", 22),
            Map.entry("BH", 22),
            Map.entry("BI", 27),
            Map.entry("BR", 29),
            Map.entry("BY", 28),
            Map.entry("CH", 21),
            Map.entry("CR", 22),
            Map.entry("CY", 28),
            Map.entry("CZ", 24),
            Map.entry("DE", 22),
            Map.entry("DJ", 27),
            Map.entry("DK", 18),
            Map.entry("DO", 28),
            Map.entry("EE", 20),
            Map.entry("EG", 29),
            Map.entry("ES", 24),
            Map.entry("FI", 18),
            Map.entry("FK", 18),
            Map.entry("FO", 18),
            Map.entry("FR", 27),
            Map.entry("GB", 22),
            Map.entry("GE", 22),
            Map.entry("GI", 23),
            Map.entry("GL", 18),
            Map.entry("GR", 27),
            Map.entry("GT", 28),
            Map.entry("HN", 28),
            Map.entry("HR", 21),
            Map.entry("HU", 28),
            Map.entry("IE", 22),
            Map.entry("IL", 23),
            Map.entry("IQ", 23),
            Map.entry("IS", 26),
            Map.entry("IT", 27),
            Map.entry("JO", 30),
            Map.entry("KW", 30),
            Map.entry("KZ", 20),
            Map.entry("LB", 28),
            Map.entry("LC", 32),
            Map.entry("LI", 21),
            Map.entry("LT", 20),
            Map.entry("LU", 20),
            Map.entry("LV", 21),
            Map.entry("LY", 25),
            Map.entry("MC", 27),
            Map.entry("MD", 24),
            Map.entry("ME", 22),
            Map.entry("MK", 19),
            Map.entry("MN", 20),
            Map.entry("MR", 27),
            Map.entry("MT", 31),
            Map.entry("MU", 30),
            Map.entry("NI", 28),
            Map.entry("NL", 18),
            Map.entry("NO", 15),
            Map.entry("OM", 23),
            Map.entry("PK", 24),
            Map.entry("PL", 28),
            Map.entry("PS", 29),
            Map.entry("PT", 25),
            Map.entry("QA", 29),
            Map.entry("RO", 24),
            Map.entry("RS", 22),
            Map.entry("RU", 33),
            Map.entry("SA", 24),
            Map.entry("SC", 31),
            Map.entry("SD", 18),
            Map.entry("SE", 24),
            Map.entry("SI", 19),
            Map.entry("SK", 24),
            Map.entry("SM", 27),
            Map.entry("SO", 23),
            Map.entry("ST", 25),
            Map.entry("SV", 28),
            Map.entry("TL", 23),
            Map.entry("TN", 24),
            Map.entry("TR", 26),
            Map.entry("UA", 29),
            Map.entry("VA", 22),
            Map.entry("VG", 24),
            Map.entry("XK", 20),
            Map.entry("YE", 30));

    /** Luhn (mod 10) over a string of digits. */
    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /**
     * Whether a card number's first digits belong to a known issuer that uses its length: Visa, Mastercard,
     * American Express, Discover, Diners Club, JCB, UnionPay, Maestro, Mir.
     */
    static boolean knownCardPrefix(String d) {
        int n = d.length();
        int p2 = Integer.parseInt(d.substring(0, 2));
        int p3 = Integer.parseInt(d.substring(0, 3));
        int p4 = Integer.parseInt(d.substring(0, 4));
        if (d.charAt(0) == '4') {
            return n == 13 || n == 16 || n == 19; // Visa
        }
        if (p2 >= 51 && p2 <= 55 || p4 >= 2221 && p4 <= 2720) {
            return n == 16; // Mastercard
        }
        if (p2 == 34 || p2 == 37) {
            return n == 15; // American Express
        }
        if (p4 >= 2200 && p4 <= 2204) {
            return n >= 16 && n <= 19; // Mir
        }
        if (p4 == 6011 || p3 >= 644 && p3 <= 649 || p2 == 65 || p2 == 62) {
            return n >= 16 && n <= 19; // Discover, UnionPay
        }
        if (p3 >= 300 && p3 <= 305 || p2 == 36 || p2 == 38 || p2 == 39) {
            return n >= 14 && n <= 19; // Diners Club
        }
        if (p4 >= 3528 && p4 <= 3589) {
            return n >= 16 && n <= 19; // JCB
        }
        if (p2 == 50 || p2 >= 56 && p2 <= 58 || p2 == 67) {
            return n >= 13 && n <= 19; // Maestro
        }
        return false;
    }

    /** An IBAN (upper case, no spaces): its country's length and mod 97 = 1. */
    static boolean iban(String iban) {
        Integer length = IBAN_LENGTHS.get(iban.length() >= 2 ? iban.substring(0, 2) : "");
        if (length == null
                || iban.length() != length
                || !Character.isDigit(iban.charAt(2))
                || !Character.isDigit(iban.charAt(3))) {
            return false;
        }
        return mod97(iban.substring(4) + iban.substring(0, 4)) == 1;
    }

    /** The value mod 97 of letters as 10..35 and digits as themselves, read left to right. */
    static int mod97(String s) {
        int r = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                r = (r * 10 + (c - '0')) % 97;
            } else if (c >= 'A' && c <= 'Z') {
                r = (r * 100 + (c - 'A' + 10)) % 97;
            } else {
                return -1;
            }
        }
        return r;
    }

    /** A Dutch BSN: 9 digits (8 with a leading zero dropped), 11-proof, not all zeros. */
    static boolean bsn(String digits) {
        String d = digits.length() == 8 ? "0" + digits : digits;
        if (d.length() != 9 || d.equals("000000000")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (d.charAt(i) - '0') * (9 - i);
        }
        sum -= d.charAt(8) - '0';
        return sum % 11 == 0;
    }

    private static final String DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

    /** A Spanish DNI (8 digits and a letter) or NIE (X, Y or Z, 7 digits and a letter). */
    static boolean dniOrNie(String v) {
        if (v.length() != 9) {
            return false;
        }
        char first = v.charAt(0);
        String digits = switch (first) {
            case 'X' -> "0" + v.substring(1, 8);
            case 'Y' -> "1" + v.substring(1, 8);
            case 'Z' -> "2" + v.substring(1, 8);
            default -> v.substring(0, 8);
        };
        if (!digits.chars().allMatch(Character::isDigit)) {
            return false;
        }
        return DNI_LETTERS.charAt(Integer.parseInt(digits) % 23) == v.charAt(8);
    }

    /**
     * A French NIR (numéro de sécurité sociale): 13 characters, Corsica's department 2A/2B read as 19/18,
     * and a key of 97 minus the number mod 97.
     */
    static boolean nir(String v) {
        if (v.length() != 15) {
            return false;
        }
        String body = v.substring(0, 13);
        String dept = body.substring(5, 7);
        if (dept.equals("2A")) {
            body = body.substring(0, 5) + "19" + body.substring(7);
        } else if (dept.equals("2B")) {
            body = body.substring(0, 5) + "18" + body.substring(7);
        }
        if (!body.chars().allMatch(Character::isDigit)
                || !v.substring(13).chars().allMatch(Character::isDigit)) {
            return false;
        }
        long n = Long.parseLong(body);
        int key = Integer.parseInt(v.substring(13));
        return key == 97 - (int) (n % 97);
    }

    private static final int[] CF_ODD = {
        1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23
    };

    /** An Italian codice fiscale (16 characters, upper case): its check character. */
    static boolean codiceFiscale(String v) {
        if (v.length() != 16) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            char c = v.charAt(i);
            int value = Character.isDigit(c) ? c - '0' : c - 'A';
            if (value < 0 || value > 25) {
                return false;
            }
            // positions 1, 3, 5... (1-based) use the odd table; a digit indexes it like the letter of its rank
            sum += i % 2 == 0 ? CF_ODD[value] : value;
        }
        return v.charAt(15) == (char) ('A' + sum % 26);
    }

    /**
     * A German Steuer-IdNr: 11 digits, no leading zero, in the first ten one digit twice or three times
     * (never three in a row) and the rest at most once, and an ISO 7064 mod 11,10 check digit.
     */
    static boolean steuerId(String d) {
        if (d.length() != 11 || d.charAt(0) == '0' || !d.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int[] counts = new int[10];
        for (int i = 0; i < 10; i++) {
            counts[d.charAt(i) - '0']++;
        }
        int repeated = 0;
        for (int c : counts) {
            if (c > 3) {
                return false;
            }
            if (c >= 2) {
                repeated++;
            }
        }
        if (repeated != 1) {
            return false;
        }
        for (int i = 2; i < 10; i++) {
            if (d.charAt(i) == d.charAt(i - 1) && d.charAt(i) == d.charAt(i - 2)) {
                return false;
            }
        }
        int product = 10;
        for (int i = 0; i < 10; i++) {
            int sum = (d.charAt(i) - '0' + product) % 10;
            if (sum == 0) {
                sum = 10;
            }
            product = (sum * 2) % 11;
        }
        int check = 11 - product;
        if (check == 10) {
            check = 0;
        }
        return check == d.charAt(10) - '0';
    }

    /**
     * A US SSN's structure (there is no check digit): area not 000, 666 or 900-999, group not 00, serial
     * not 0000, and none of the numbers the SSA published as examples (078-05-1120, 219-09-9999).
     */
    static boolean ssnStructure(String d) {
        if (d.length() != 9) {
            return false;
        }
        int area = Integer.parseInt(d.substring(0, 3));
        int group = Integer.parseInt(d.substring(3, 5));
        int serial = Integer.parseInt(d.substring(5));
        return area != 0
                && area != 666
                && area < 900
                && group != 0
                && serial != 0
                && !d.equals("078051120")
                && !d.equals("219099999");
    }
}
