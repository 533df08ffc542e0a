package dev.sluice.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GarbleCheckTest {
    private static final String PROSE = "Our international operations are subject to risks, including changes in"
            + " foreign currency exchange rates, political instability and trade restrictions. Net sales outside the"
            + " United States were 61% of the total in 2018, and our café brands in Zürich and São Paulo grew fastest;"
            + " we expect “similar” growth in the coming year.";

    private final GarbleCheck check = new GarbleCheck();

    /** What a sync does: the bytes decoded wrongly, then normalized. */
    private static String decodedAs(String text, Charset read) {
        return TextNormalizer.normalizeText(new String(text.getBytes(StandardCharsets.UTF_8), read));
    }

    @Test
    void should_pass_clean_prose_financial_tables_code_and_formulas() {
        assertThat(check.check(PROSE).garbled()).isFalse();
        String table = """
                Fiscal Year 2019 | Fiscal Year 2018 | Fiscal Year Change

                Operating profit as reported | $2,515.9 | $2,419.9 | 4%

                Mark-to-market effects (a) | 36.0 | (32.1)

                Investment valuation adjustments (e) | (22.8) | -

                Adjusted operating profit | $2,858.0 | $2,612.7 | 9%

                ITEM 9A. Controls and Procedures ............................................ | 103""";
        assertThat(check.check(table).signals()).isEmpty();
        String code =
                "if (p2 == 34 || p2 == 37) { return n == 15; } for (int i = 0; i < n; i++) { sum += d[i] * (9 - i);"
                        + " } Map<String, List<Integer>> byKey = new HashMap<>(); log4j.appender.x=org.slf4j.Logger; int x = 0xff;";
        assertThat(check.check(code).garbled()).isFalse();
        String chemistry = "Glucose (C6H12O6) is oxidised to CO2 and H2O; the reaction with H2SO4 at 25 °C and pH 7.4"
                + " (n = 12, p < 0.05) raised IL-6 and TNF-α levels in HEK293 cells expressing BRCA1 and p53 ± 2.1 μM.";
        assertThat(check.check(chemistry).garbled()).isFalse();
    }

    @Test
    void should_flag_mojibake_and_name_the_sequences_when_utf8_was_read_as_windows_1252() {
        GarbleReport report = check.check(decodedAs(PROSE, Charset.forName("windows-1252")));
        assertThat(report.garbled()).isTrue();
        assertThat(report.score()).isEqualTo(1.0);
        assertThat(report.signals())
                .anySatisfy(s -> assertThat(s).startsWith("mojibake ").contains("'Ã©' x1"));
    }

    @Test
    void should_flag_mojibake_when_utf8_was_read_as_latin1_and_its_control_bytes_were_removed() {
        GarbleReport report = check.check(decodedAs(PROSE, StandardCharsets.ISO_8859_1));
        assertThat(report.garbled()).isTrue();
        assertThat(report.signals()).anySatisfy(s -> assertThat(s).startsWith("mojibake "));
    }

    @Test
    void should_not_take_real_accented_words_for_mojibake() {
        String french = "Le château et la pâte: à l'âge de vingt ans, São João visitou a Câmara e o Grão-Pará. "
                + "ÂGE, SÃO PAULO, ÃO";
        assertThat(Mojibake.find(french).count()).isZero();
    }

    @Test
    void should_flag_replacement_characters_and_private_use_glyphs() {
        String windowsReadAsUtf8 = TextNormalizer.normalizeText(
                new String(PROSE.getBytes(Charset.forName("windows-1252")), StandardCharsets.UTF_8));
        GarbleReport replacement = check.check(windowsReadAsUtf8);
        assertThat(replacement.garbled()).isTrue();
        assertThat(replacement.signals()).anySatisfy(s -> assertThat(s).startsWith("replacement character U+FFFD x"));

        StringBuilder symbolFont = new StringBuilder();
        for (char c : PROSE.toCharArray()) {
            symbolFont.append(c < 0x80 && Character.isLetter(c) ? (char) (0xF000 + c) : c);
        }
        GarbleReport privateUse = check.check(symbolFont.toString());
        assertThat(privateUse.garbled()).isTrue();
        assertThat(privateUse.signals()).anySatisfy(s -> assertThat(s).startsWith("private-use characters x"));
    }

    @Test
    void should_flag_ocr_noise_and_show_examples_of_the_broken_words() {
        String ocr = "Tbe Cornpany's rev~enue increa5ed by l2% in fiscal 2O18, dr1ven by h igher vo|umes in a ll"
                + " reg¬ions. Operat1ng expen5es rose t o $4.1 bi||ion, wh^ile the gross rnargin w as stab1e at"
                + " 38 per cent. Tbe b oard declared a d ividend of $0.5O per sbare.";
        GarbleReport report = check.check(ocr);
        assertThat(report.garbled()).isTrue();
        assertThat(report.signals())
                .anySatisfy(s -> assertThat(s).startsWith("OCR-like noise in ").contains("'rev~enue'"));
    }

    @Test
    void should_flag_a_font_whose_codes_are_glyph_ids_by_its_vowels() {
        StringBuilder shifted = new StringBuilder();
        for (char c : PROSE.toCharArray()) {
            shifted.append(c > 0x20 && c < 0x7F && c - 29 > 0x20 ? (char) (c - 29) : c);
        }
        GarbleReport report = check.check(shifted.toString());
        assertThat(report.garbled()).isTrue();
        assertThat(report.signals()).anySatisfy(s -> assertThat(s).contains("vowels) of Latin letters"));
    }

    @Test
    void should_call_garbled_from_its_threshold_and_refuse_a_threshold_outside_zero_to_one() {
        String someNoise = "Tbe Cornpany's rev~enue increased by 12% in fiscal 2018, driven by higher volumes in all"
                + " regions. Operating expenses rose to $4.1 billion, while the gross margin was stable at 38 per"
                + " cent. The board declared a dividend of $0.50 per share and approved a buyback.";
        double score = check.check(someNoise).score();
        assertThat(score).isBetween(0.0, 1.0);
        assertThat(new GarbleCheck(1.0).check(someNoise).garbled()).isEqualTo(score >= 1.0);
        assertThatThrownBy(() -> new GarbleCheck(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("garbled threshold must be in (0, 1], got 0.0; the default is "
                        + GarbleCheck.DEFAULT_THRESHOLD);
    }

    @Test
    void should_find_nothing_in_an_empty_text() {
        GarbleReport report = check.check("");
        assertThat(report.score()).isZero();
        assertThat(report.garbled()).isFalse();
        assertThat(report.signals()).isEmpty();
    }
}
