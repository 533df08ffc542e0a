package dev.sluice.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The contradiction fault changes a number that counts, never one that names (a label, an isotope, a year). */
class DiagnoseClaimsTest {
    @Test
    void should_change_a_counted_number_by_doubling_it_plus_one() {
        String sentence = "Neither outcome was significantly different at 52 weeks.";
        assertThat(DiagnoseClaims.oneQuantity(sentence)).isTrue();
        assertThat(DiagnoseClaims.changeNumber(sentence))
                .isEqualTo("Neither outcome was significantly different at 105 weeks.");
        assertThat(DiagnoseClaims.changeNumber("Here, we report the 2.8 A structure of DdrB."))
                .isEqualTo("Here, we report the 6.6 A structure of DdrB.");
    }

    @Test
    void should_refuse_sentences_whose_only_number_names_something() {
        assertThat(DiagnoseClaims.oneQuantity("PET with (11)C-MQNB, a specific hydrophilic antagonist, was used."))
                .isFalse();
        assertThat(DiagnoseClaims.oneQuantity("This assumption is by no means correct.   ### Box 1: Why fund it?"))
                .isFalse();
        assertThat(DiagnoseClaims.oneQuantity("Patients with type 2 diabetes were enrolled."))
                .isFalse();
        assertThat(DiagnoseClaims.oneQuantity("The trial ended in 2011 after follow-up."))
                .isFalse();
        assertThat(DiagnoseClaims.oneQuantity("Mis16/18 proteins localize to centromeres."))
                .isFalse();
    }
}
