package dev.sluice.bench.quality;

import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Personal data in real formats with valid check digits, and near misses that must not count: check
 * digits computed here independently of {@code dev.sluice.quality}, so the sample also tests the
 * scanner's arithmetic. Each value comes in a sentence as documents write it.
 */
final class PiiValues {
    /** A sentence carrying a value, with the PII label it should get ("" for a near miss). */
    record Carrier(String sentence, String label, String what) {}

    private static final List<String> FIRST = List.of(
            "maria", "james", "anna", "pieter", "sophie", "luca", "jan", "elena", "david", "claire", "tomas", "nina");
    private static final List<String> LAST = List.of(
            "garcia",
            "smith",
            "muller",
            "devries",
            "martin",
            "rossi",
            "jansen",
            "novak",
            "brown",
            "dubois",
            "kowalski");
    private static final List<String> DOMAINS =
            List.of("example.com", "acme-corp.com", "mail.example.org", "northwind.co.uk", "contoso.de", "fabrikam.nl");

    private PiiValues() {}

    static Carrier email(Random r) {
        String first = pick(FIRST, r);
        String last = pick(LAST, r);
        String local = switch (r.nextInt(4)) {
            case 0 -> first + "." + last;
            case 1 -> first.charAt(0) + last;
            case 2 -> first + "_" + last + "+invoices";
            default -> first + "." + last + r.nextInt(100);
        };
        String email = local + "@" + pick(DOMAINS, r);
        return new Carrier(
                pick(
                        List.of(
                                "For questions about this report, contact " + cap(first) + " " + cap(last) + " at "
                                        + email + ".",
                                "Please send the signed copy to " + email + " before the end of the month.",
                                "Contact: " + cap(first) + " " + cap(last) + " (" + email + ")",
                                "Requests should be addressed to " + email
                                        + "; replies follow within two business days."),
                        r),
                "email",
                "email");
    }

    static Carrier phone(Random r) {
        String n = switch (r.nextInt(12)) {
            case 0 -> "+1 (" + area(r) + ") " + exchange(r) + "-" + digits(r, 4);
            case 1 -> "(" + area(r) + ") " + exchange(r) + "-" + digits(r, 4);
            case 2 -> area(r) + "-" + exchange(r) + "-" + digits(r, 4);
            case 3 -> area(r) + "." + exchange(r) + "." + digits(r, 4);
            case 4 -> "+44 20 " + digits(r, 4) + " " + digits(r, 4);
            case 5 -> "020 " + digits(r, 4) + " " + digits(r, 4);
            case 6 -> "+33 1 " + pairs(r, 4);
            case 7 -> "06 " + pairs(r, 4);
            case 8 -> "+49 30 " + digits(r, 8);
            case 9 -> "089/" + digits(r, 7);
            case 10 -> "06-" + digits(r, 8);
            default -> "+31 20 " + digits(r, 3) + " " + digits(r, 4);
        };
        return new Carrier(
                pick(
                        List.of(
                                "Call our investor relations desk at " + n + ".",
                                "Tel.: " + n,
                                "You can reach the claims team on " + n + " from 9 am to 5 pm.",
                                "Questions may be directed to " + cap(pick(FIRST, r)) + " " + cap(pick(LAST, r)) + ", "
                                        + n + ".",
                                "Phone " + n + " | Fax " + n.substring(0, n.length() - 1) + (r.nextInt(9) + 1)),
                        r),
                "phone",
                "phone");
    }

    static Carrier card(Random r) {
        int kind = r.nextInt(6);
        String number = switch (kind) {
            case 0, 1 -> luhnComplete("4" + digits(r, 14));
            case 2 -> luhnComplete((51 + r.nextInt(5)) + digits(r, 13));
            case 3 -> luhnComplete((r.nextBoolean() ? "34" : "37") + digits(r, 12));
            case 4 -> luhnComplete("6011" + digits(r, 11));
            default -> luhnComplete("3530" + digits(r, 11));
        };
        String written = switch (r.nextInt(3)) {
            case 0 -> group(number, ' ');
            case 1 -> group(number, '-');
            default -> number;
        };
        String sentence = written.equals(number)
                ? pick(
                        List.of(
                                "The customer paid with credit card " + written + " on 12 March.",
                                "Card number " + written + ", expiry 09/27, was charged twice.",
                                "Refund issued to the Visa account " + written + "."),
                        r)
                : pick(
                        List.of(
                                "Payment details: " + written + ", expiry 11/26.",
                                "The refund went to " + written + " as requested.",
                                "Charged " + written + " for the annual subscription."),
                        r);
        return new Carrier(sentence, "card", "card");
    }

    /** A grouped card number whose last digit breaks Luhn: looks like a card, is not one. */
    static Carrier cardFailingLuhn(Random r) {
        String valid = luhnComplete("4" + digits(r, 14));
        int last = valid.charAt(15) - '0';
        String broken = valid.substring(0, 15) + (char) ('0' + (last + 1 + r.nextInt(8)) % 10);
        return new Carrier("Reference " + group(broken, ' ') + " appears on the statement.", "", "card-luhn-fails");
    }

    private static final List<String> ITEMS = List.of(
            "Steel bracket, 40 mm",
            "Cable tie pack (100)",
            "LED panel 600x600",
            "Hydraulic hose 1/2 in",
            "Safety gloves, size L",
            "Printer toner, black",
            "Copper pipe 15 mm x 3 m",
            "Desk lamp, matte grey",
            "Ethernet cable Cat6 5 m",
            "Office chair, mesh back",
            "Wall anchor set",
            "Solar inverter 5 kW");

    /**
     * A price list whose order numbers are 16 digits starting with 4 that pass Luhn: exactly what a card
     * number looks like, minus the card.
     */
    static Carrier priceList(Random r) {
        StringBuilder out = new StringBuilder("Order No. | Item | Qty | Unit price | Total\n\n");
        int rows = 3 + r.nextInt(3);
        for (int i = 0; i < rows; i++) {
            String order = luhnComplete("4" + digits(r, 14));
            int qty = 1 + r.nextInt(12);
            int cents = 199 + r.nextInt(40_000);
            out.append(order)
                    .append(" | ")
                    .append(pick(ITEMS, r))
                    .append(" | ")
                    .append(qty)
                    .append(" | $")
                    .append(money(cents))
                    .append(" | $")
                    .append(money(cents * qty));
            if (i < rows - 1) {
                out.append("\n\n");
            }
        }
        return new Carrier(out.toString(), "", "price-list-luhn-order-numbers");
    }

    static Carrier iban(Random r) {
        String iban = switch (r.nextInt(6)) {
            case 0 -> ibanFor("DE", digits(r, 18));
            case 1 -> ibanFor("FR", digits(r, 23));
            case 2 -> ibanFor("GB", letters(r, 4) + digits(r, 14));
            case 3 -> ibanFor("NL", letters(r, 4) + digits(r, 10));
            case 4 -> ibanFor("ES", digits(r, 20));
            default -> ibanFor("IT", letters(r, 1) + digits(r, 22));
        };
        String written = r.nextInt(3) == 0 ? iban : group(iban, ' ');
        return new Carrier(
                pick(
                        List.of(
                                "Please transfer the deposit to IBAN " + written + ".",
                                "Bankverbindung: IBAN " + written + ", BIC DEUTDEFFXXX",
                                "The supplier's account " + written + " was verified on 3 May."),
                        r),
                "iban",
                "iban");
    }

    /** An IBAN with its check digits off by one: no IBAN. */
    static Carrier ibanBadChecksum(Random r) {
        String good = ibanFor("DE", digits(r, 18));
        int check = Integer.parseInt(good.substring(2, 4));
        String bad = good.substring(0, 2)
                + String.format(Locale.ROOT, "%02d", check == 98 ? 2 : check + 1)
                + good.substring(4);
        return new Carrier("Transfer reference " + group(bad, ' ') + " (test data).", "", "iban-bad-checksum");
    }

    static Carrier nationalId(Random r) {
        return switch (r.nextInt(7)) {
            case 0 -> new Carrier("El titular, con DNI " + dni(r) + ", firma el contrato.", "national-id", "dni");
            case 1 ->
                new Carrier(
                        "Tenant: " + cap(pick(FIRST, r)) + " " + cap(pick(LAST, r)) + ", NIE " + nie(r) + ".",
                        "national-id",
                        "nie");
            case 2 -> new Carrier("Codice fiscale: " + codiceFiscale(r) + ".", "national-id", "codice-fiscale");
            case 3 -> new Carrier("N° de sécurité sociale : " + nir(r, true) + ".", "national-id", "nir");
            case 4 -> new Carrier("BSN " + bsn(r) + " is registered with the municipality.", "national-id", "bsn");
            case 5 -> new Carrier("Steuer-ID: " + steuerId(r) + ".", "national-id", "steuer-id");
            default -> new Carrier("SSN " + ssn(r) + " appears on the W-2 form.", "national-id", "ssn");
        };
    }

    /** National ids whose check fails, or a checksum-valid number without the label that must go with it. */
    static Carrier nationalIdNearMiss(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> {
                String d = dni(r);
                char wrong = d.charAt(8) == 'A' ? 'B' : 'A';
                yield new Carrier(
                        "Form reference " + d.substring(0, 8) + wrong + " was filed.", "", "dni-wrong-letter");
            }
            case 1 -> {
                String cf = codiceFiscale(r);
                char wrong = cf.charAt(15) == 'Z' ? 'A' : (char) (cf.charAt(15) + 1);
                yield new Carrier(
                        "Codice fiscale: " + cf.substring(0, 15) + wrong + " (errato).",
                        "",
                        "codice-fiscale-wrong-check");
            }
            case 2 -> new Carrier("Batch " + bsn(r) + " shipped on time.", "", "bsn-valid-without-label");
            case 3 -> {
                String nir = nir(r, false);
                int key = Integer.parseInt(nir.substring(13));
                String wrong = nir.substring(0, 13) + String.format(Locale.ROOT, "%02d", key == 97 ? 1 : key + 1);
                yield new Carrier("Dossier " + wrong + " is closed.", "", "nir-wrong-key");
            }
            default ->
                new Carrier(
                        "Registration 12 345 678 901 of the vehicle was renewed.", "", "steuer-id-shape-without-label");
        };
    }

    static Carrier phoneNearMiss(Random r) {
        return pick(
                List.of(
                        new Carrier("Commission File Number 001-" + digits(r, 5), "", "sec-file-number"),
                        new Carrier("See ISBN 978-0-306-40615-7, pages 1123-1145.", "", "isbn-page-range"),
                        new Carrier(
                                "Redmond, Washington 98052-6399; fiscal year ended 2019-06-30.", "", "zip-and-date"),
                        new Carrier(
                                "Net revenue rose to $1,234,567 from $1,098,220 in 2018 (up 12.4%).", "", "amounts"),
                        new Carrier("CUSIP 594918104; SEC File No. 333-" + digits(r, 6) + ".", "", "cusip-file-number"),
                        new Carrier("Shares outstanding at July 15, 2016: 7,808,543,316.", "", "share-count")),
                r);
    }

    // ---- values with valid check digits

    static String luhnComplete(String partial) {
        for (int d = 0; d < 10; d++) {
            String candidate = partial + d;
            int sum = 0;
            for (int i = 0; i < candidate.length(); i++) {
                int v = candidate.charAt(candidate.length() - 1 - i) - '0';
                if (i % 2 == 1) {
                    v = v * 2 > 9 ? v * 2 - 9 : v * 2;
                }
                sum += v;
            }
            if (sum % 10 == 0) {
                return candidate;
            }
        }
        throw new IllegalStateException("no Luhn digit for " + partial);
    }

    static String ibanFor(String country, String bban) {
        String rearranged = bban + country + "00";
        int mod = 0;
        for (char c : rearranged.toCharArray()) {
            String v = Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10);
            for (char x : v.toCharArray()) {
                mod = (mod * 10 + (x - '0')) % 97;
            }
        }
        return country + String.format(Locale.ROOT, "%02d", 98 - mod) + bban;
    }

    static String dni(Random r) {
        int n = 10_000_000 + r.nextInt(89_999_999);
        return n + String.valueOf("TRWAGMYFPDXBNJZSQVHLCKE".charAt(n % 23));
    }

    static String nie(Random r) {
        int prefix = r.nextInt(3);
        int n = r.nextInt(10_000_000);
        int value = prefix * 10_000_000 + n;
        return "XYZ".charAt(prefix)
                + String.format(Locale.ROOT, "%07d", n)
                + "TRWAGMYFPDXBNJZSQVHLCKE".charAt(value % 23);
    }

    private static final int[] CF_ODD = {
        1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23
    };

    static String codiceFiscale(Random r) {
        String body = letters(r, 6)
                + digits(r, 2)
                + "ABCDEHLMPRST".charAt(r.nextInt(12))
                + String.format(Locale.ROOT, "%02d", 1 + r.nextInt(28) + (r.nextBoolean() ? 40 : 0))
                + letters(r, 1)
                + digits(r, 3);
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            char c = body.charAt(i);
            int v = Character.isDigit(c) ? c - '0' : c - 'A';
            sum += i % 2 == 0 ? CF_ODD[v] : v;
        }
        return body + (char) ('A' + sum % 26);
    }

    static String nir(Random r, boolean grouped) {
        String sex = String.valueOf(1 + r.nextInt(2));
        String yy = digits(r, 2);
        String mm = String.format(Locale.ROOT, "%02d", 1 + r.nextInt(12));
        String dept = String.format(Locale.ROOT, "%02d", 1 + r.nextInt(95));
        if (dept.equals("20")) {
            dept = "21";
        }
        String commune = String.format(Locale.ROOT, "%03d", 1 + r.nextInt(900));
        String order = String.format(Locale.ROOT, "%03d", 1 + r.nextInt(900));
        String body = sex + yy + mm + dept + commune + order;
        String key = String.format(Locale.ROOT, "%02d", 97 - Long.parseLong(body) % 97);
        return grouped ? sex + " " + yy + " " + mm + " " + dept + " " + commune + " " + order + " " + key : body + key;
    }

    static String bsn(Random r) {
        while (true) {
            String d = digits(r, 8);
            int sum = 0;
            for (int i = 0; i < 8; i++) {
                sum += (d.charAt(i) - '0') * (9 - i);
            }
            int check = sum % 11;
            if (check < 10 && d.charAt(0) != '0') {
                return d + check;
            }
        }
    }

    static String steuerId(Random r) {
        while (true) {
            StringBuilder d = new StringBuilder();
            List<Integer> pool = new java.util.ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
            java.util.Collections.shuffle(pool, r);
            for (int i = 0; i < 9; i++) {
                d.append(pool.get(i));
            }
            d.insert(1 + r.nextInt(9), d.charAt(r.nextInt(9)));
            if (d.charAt(0) == '0') {
                continue;
            }
            int product = 10;
            for (int i = 0; i < 10; i++) {
                int sum = (d.charAt(i) - '0' + product) % 10;
                if (sum == 0) {
                    sum = 10;
                }
                product = (sum * 2) % 11;
            }
            int check = 11 - product == 10 ? 0 : 11 - product;
            String v = d.toString() + check;
            return r.nextBoolean()
                    ? v
                    : v.substring(0, 2) + " " + v.substring(2, 5) + " " + v.substring(5, 8) + " " + v.substring(8);
        }
    }

    static String ssn(Random r) {
        int area = 1 + r.nextInt(665);
        return String.format(Locale.ROOT, "%03d-%02d-%04d", area, 1 + r.nextInt(99), 1 + r.nextInt(9999));
    }

    // ---- helpers

    private static String area(Random r) {
        return (2 + r.nextInt(8)) + digits(r, 2);
    }

    private static String exchange(Random r) {
        return (2 + r.nextInt(8)) + digits(r, 2);
    }

    private static String pairs(Random r, int n) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out.append(i == 0 ? "" : " ").append(digits(r, 2));
        }
        return out.toString();
    }

    static String digits(Random r, int n) {
        StringBuilder out = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            out.append((char) ('0' + r.nextInt(10)));
        }
        return out.toString();
    }

    private static String letters(Random r, int n) {
        StringBuilder out = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            out.append((char) ('A' + r.nextInt(26)));
        }
        return out.toString();
    }

    /** Groups of four; Amex (15 digits) as 4-6-5. */
    static String group(String value, char sep) {
        if (value.length() == 15 && (value.startsWith("34") || value.startsWith("37"))) {
            return value.substring(0, 4) + sep + value.substring(4, 10) + sep + value.substring(10);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i += 4) {
            if (i > 0) {
                out.append(sep);
            }
            out.append(value, i, Math.min(value.length(), i + 4));
        }
        return out.toString();
    }

    private static String money(int cents) {
        return String.format(Locale.ROOT, "%,d.%02d", cents / 100, cents % 100);
    }

    private static String cap(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static <T> T pick(List<T> list, Random r) {
        return list.get(r.nextInt(list.size()));
    }
}
