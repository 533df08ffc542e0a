package dev.sluice.quality;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Published example numbers, and each with one character changed. */
class PiiChecksumsTest {
    @Test
    void should_accept_luhn_valid_card_numbers_and_reject_a_changed_digit() {
        assertThat(PiiChecksums.luhn("4111111111111111")).isTrue();
        assertThat(PiiChecksums.luhn("378282246310005")).isTrue();
        assertThat(PiiChecksums.luhn("4111111111111112")).isFalse();
    }

    @Test
    void should_know_issuer_prefixes_with_their_lengths() {
        assertThat(PiiChecksums.knownCardPrefix("4111111111111111")).isTrue();
        assertThat(PiiChecksums.knownCardPrefix("5555555555554444")).isTrue();
        assertThat(PiiChecksums.knownCardPrefix("2221000000000009")).isTrue();
        assertThat(PiiChecksums.knownCardPrefix("378282246310005")).isTrue();
        assertThat(PiiChecksums.knownCardPrefix("37828224631000"))
                .as("Amex has 15 digits")
                .isFalse();
        assertThat(PiiChecksums.knownCardPrefix("9111111111111111")).isFalse();
    }

    @Test
    void should_check_an_iban_by_mod_97_and_its_country_length() {
        assertThat(PiiChecksums.iban("DE89370400440532013000")).isTrue();
        assertThat(PiiChecksums.iban("GB82WEST12345698765432")).isTrue();
        assertThat(PiiChecksums.iban("FR1420041010050500013M02606")).isTrue();
        assertThat(PiiChecksums.iban("DE89370400440532013001")).isFalse();
        assertThat(PiiChecksums.iban("DE8937040044053201300"))
                .as("one digit short")
                .isFalse();
        assertThat(PiiChecksums.iban("QQ89370400440532013000"))
                .as("no such country")
                .isFalse();
    }

    @Test
    void should_check_national_ids_by_their_published_rules() {
        assertThat(PiiChecksums.bsn("111222333")).isTrue();
        assertThat(PiiChecksums.bsn("111222334")).isFalse();
        assertThat(PiiChecksums.dniOrNie("12345678Z")).isTrue();
        assertThat(PiiChecksums.dniOrNie("X1234567L")).isTrue();
        assertThat(PiiChecksums.dniOrNie("12345678A")).isFalse();
        assertThat(PiiChecksums.codiceFiscale("RSSMRA85T10A562S")).isTrue();
        assertThat(PiiChecksums.codiceFiscale("MRTMTT25D09F205Z")).isTrue();
        assertThat(PiiChecksums.codiceFiscale("RSSMRA85T10A562T")).isFalse();
        assertThat(PiiChecksums.nir("255081416802538")).isTrue();
        assertThat(PiiChecksums.nir("255081416802539")).isFalse();
        assertThat(PiiChecksums.steuerId("86095742719")).isTrue();
        assertThat(PiiChecksums.steuerId("65929970489"))
                .as("a digit three times, not in a row")
                .isTrue();
        assertThat(PiiChecksums.steuerId("86095742718")).isFalse();
        assertThat(PiiChecksums.steuerId("12345678901")).as("no repeated digit").isFalse();
        assertThat(PiiChecksums.ssnStructure("123456789")).isTrue();
        assertThat(PiiChecksums.ssnStructure("666123456")).isFalse();
        assertThat(PiiChecksums.ssnStructure("912345678")).isFalse();
        assertThat(PiiChecksums.ssnStructure("078051120"))
                .as("the SSA's published example")
                .isFalse();
    }
}
