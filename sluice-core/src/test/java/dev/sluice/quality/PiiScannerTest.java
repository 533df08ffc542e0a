package dev.sluice.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class PiiScannerTest {
    private final PiiScanner scanner = new PiiScanner();

    private List<String> found(String text) {
        return scanner.scan(text).stream()
                .map(h -> h.kind().label() + ":" + text.substring(h.start(), h.end()))
                .toList();
    }

    @Test
    void should_find_an_email_and_mask_it_when_it_is_in_a_sentence() {
        String text = "Contact Jane at jane.doe+billing@mail.example.com for invoices.";
        List<PiiHit> hits = scanner.scan(text);
        assertThat(hits).singleElement().satisfies(h -> {
            assertThat(h.kind()).isEqualTo(PiiKind.EMAIL);
            assertThat(text.substring(h.start(), h.end())).isEqualTo("jane.doe+billing@mail.example.com");
            assertThat(h.masked()).isEqualTo("j***@mail.example.com");
        });
    }

    @Test
    void should_not_take_an_image_name_for_an_email() {
        assertThat(found("See logo@2x.png and icon@3x.webp in the assets folder."))
                .isEmpty();
    }

    @Test
    void should_find_phone_numbers_in_international_and_national_formats() {
        assertThat(found("Call +1 (212) 555-0147 or +44 20 7946 0958."))
                .containsExactly("phone:+1 (212) 555-0147", "phone:+44 20 7946 0958");
        assertThat(found("Telephone number: (651) 733-1110")).containsExactly("phone:(651) 733-1110");
        assertThat(found("Our number is 408-536-6000 and 408.536.6000."))
                .containsExactly("phone:408-536-6000", "phone:408.536.6000");
        assertThat(found("Paris: 01 42 68 53 00; Berlin: 030 12345678; mobile 06-12345678; London 020 7946 0958."))
                .containsExactly(
                        "phone:01 42 68 53 00", "phone:030 12345678", "phone:06-12345678", "phone:020 7946 0958");
        assertThat(found("Tel.: 5550147 (ask for Maria)")).containsExactly("phone:5550147");
    }

    @Test
    void should_not_take_dates_amounts_years_page_ranges_or_sec_file_numbers_for_phones() {
        assertThat(found("Fiscal year ended 2019-06-30 (June 30, 2019); restated 12/31/2018."))
                .isEmpty();
        assertThat(found("Net revenue rose to $1,234,567,890 from $1,098,220,115 in 2018 (up 12.4%)."))
                .isEmpty();
        assertThat(found("Years 2016 2017 2018 2019 2020 and 2021; see pages 1123-1145 and pp. 212-255."))
                .isEmpty();
        assertThat(found("Commission File Number 001-38146; SEC File No. 333-234567; CIK 0000320193."))
                .isEmpty();
        assertThat(found("Redmond, Washington 98052-6399; I.R.S. Employer Identification No. 91-1144442."))
                .isEmpty();
        assertThat(found("ISBN 978-0-306-40615-7; CUSIP 594918104; Shares outstanding: 7,808,543,316."))
                .isEmpty();
        assertThat(found("Order 020 7946 0958 shipped."))
                .as("a label before the number")
                .isEmpty();
    }

    @Test
    void should_find_a_payment_card_written_as_cards_are_or_beside_a_card_word() {
        assertThat(found("Charged 4111 1111 1111 1111 for the renewal.")).containsExactly("card:4111 1111 1111 1111");
        assertThat(found("Amex 3782-822463-10005 on file.")).containsExactly("card:3782-822463-10005");
        assertThat(found("Refund issued to the Visa account 4012888888881881."))
                .containsExactly("card:4012888888881881");
        assertThat(scanner.scan("Charged 5555 5555 5555 4444 today.").getFirst().masked())
                .isEqualTo("**** 4444");
    }

    @Test
    void should_not_flag_order_numbers_in_a_price_list_that_pass_luhn_by_chance() {
        // each order number is 16 digits starting with 4 and passes Luhn: the shape of a Visa number
        String priceList = """
                Order No. | Item | Qty | Unit price | Total

                4532015112830366 | Steel bracket, 40 mm | 12 | $3.10 | $37.20

                4916338506082832 | Cable tie pack (100) | 3 | $7.99 | $23.97

                Invoice 4556737586899855 | LED panel 600x600 | 1 | $89.00 | $89.00

                SKU 4024007198964305 | Desk lamp, matte grey | 2 | $24.50 | $49.00""";
        for (String n : List.of("4532015112830366", "4916338506082832", "4556737586899855", "4024007198964305")) {
            assertThat(PiiChecksums.luhn(n)).as("%s passes Luhn", n).isTrue();
            assertThat(PiiChecksums.knownCardPrefix(n))
                    .as("%s has a Visa prefix", n)
                    .isTrue();
        }
        assertThat(scanner.scan(priceList)).isEmpty();
    }

    @Test
    void should_not_flag_a_grouped_number_that_fails_luhn_or_has_no_known_issuer() {
        assertThat(found("Reference 4111 1111 1111 1112 appears on the statement."))
                .isEmpty();
        assertThat(found("Tracking 9111 1111 1111 1110 for the parcel.")).isEmpty();
        assertThat(found("Credit card 4111111111111111 was declined.")).containsExactly("card:4111111111111111");
        assertThat(found("Part 4111111111111111 is out of stock."))
                .as("no card word, no grouping")
                .isEmpty();
    }

    @Test
    void should_find_an_iban_with_a_valid_checksum_and_its_country_length() {
        assertThat(found("Please pay to IBAN DE89 3704 0044 0532 0130 00 by Friday."))
                .containsExactly("iban:DE89 3704 0044 0532 0130 00");
        assertThat(found("Account GB82WEST12345698765432.")).containsExactly("iban:GB82WEST12345698765432");
        assertThat(scanner.scan("NL91ABNA0417164300").getFirst().masked()).isEqualTo("NL91 **** 4300");
        assertThat(found("Bad check digits: DE88 3704 0044 0532 0130 00.")).isEmpty();
        assertThat(found("Too short: DE89 3704 0044 0532 0130 0.")).isEmpty();
    }

    @Test
    void should_find_national_ids_only_with_a_valid_check_and_their_label_where_the_check_is_weak() {
        assertThat(found("DNI 12345678Z; NIE X1234567L; codice fiscale RSSMRA85T10A562S."))
                .containsExactly("national-id:12345678Z", "national-id:X1234567L", "national-id:RSSMRA85T10A562S");
        assertThat(found("DNI 12345678A; codice fiscale RSSMRA85T10A562T."))
                .as("wrong check letters")
                .isEmpty();
        assertThat(found("NIR 2 55 08 14 168 025 38 on the form."))
                .containsExactly("national-id:2 55 08 14 168 025 38");
        assertThat(found("Dossier 2 55 08 14 168 025 39 closed."))
                .as("wrong NIR key")
                .isEmpty();
        assertThat(found("BSN 111222333 is registered.")).containsExactly("national-id:111222333");
        assertThat(found("Batch 111222333 shipped."))
                .as("11-proof, but no BSN label")
                .isEmpty();
        assertThat(found("Steuer-ID: 86 095 742 719.")).containsExactly("national-id:86 095 742 719");
        assertThat(found("Steuer-ID: 86 095 742 718.")).as("wrong check digit").isEmpty();
        assertThat(found("SSN 123-45-6789 on the W-2.")).containsExactly("national-id:123-45-6789");
        assertThat(found("Social security number 123456789.")).containsExactly("national-id:123456789");
        assertThat(found("Part 666-12-3456 and 000-12-3456 and 123-00-4567.")).isEmpty();
    }

    @Test
    void should_look_only_for_the_kinds_it_was_given() {
        PiiScanner emails = new PiiScanner(EnumSet.of(PiiKind.EMAIL));
        String text = "Mail a@example.org or call +44 20 7946 0958.";
        assertThat(emails.scan(text)).extracting(PiiHit::kind).containsExactly(PiiKind.EMAIL);
        assertThat(new PiiScanner(EnumSet.noneOf(PiiKind.class)).scan(text)).isEmpty();
    }

    @Test
    void should_never_show_the_whole_value_in_its_masked_form() {
        String text = "a.person@example.com, +44 20 7946 0958, 4111 1111 1111 1111, DE89370400440532013000,"
                + " DNI 12345678Z, SSN 123-45-6789";
        List<PiiHit> hits = scanner.scan(text);
        assertThat(hits).hasSize(6);
        for (PiiHit h : hits) {
            String value = text.substring(h.start(), h.end());
            assertThat(h.masked()).doesNotContain(value);
            String digits = PiiScanner.digits(value);
            if (digits.length() > 4) {
                assertThat(h.masked()).doesNotContain(digits);
            }
        }
    }

    @Test
    void should_return_hits_in_text_order_without_overlaps() {
        String text = "IBAN DE89 3704 0044 0532 0130 00, phone +49 30 12345678, mail x.y@example.de";
        List<PiiHit> hits = scanner.scan(text);
        assertThat(hits).extracting(PiiHit::kind).containsExactly(PiiKind.IBAN, PiiKind.PHONE, PiiKind.EMAIL);
        for (int i = 1; i < hits.size(); i++) {
            assertThat(hits.get(i).start())
                    .isGreaterThanOrEqualTo(hits.get(i - 1).end());
        }
    }

    @Test
    void should_name_the_labels_when_a_kind_is_unknown() {
        assertThat(PiiKind.fromLabel("card")).isEqualTo(PiiKind.PAYMENT_CARD);
        assertThat(PiiKind.fromLabel("NATIONAL_ID")).isEqualTo(PiiKind.NATIONAL_ID);
        assertThatThrownBy(() -> PiiKind.fromLabel("passport"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown PII kind 'passport'; known: email, phone, card, iban, national-id");
    }
}
