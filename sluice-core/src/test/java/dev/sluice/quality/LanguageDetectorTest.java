package dev.sluice.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class LanguageDetectorTest {
    private final LanguageDetector detector = LanguageDetector.shared();

    @Test
    void should_name_the_language_of_a_paragraph_by_its_iso_639_1_code() {
        assertThat(detector.detect("Net sales increased by four percent, driven by higher volumes in all regions"
                                + " and favourable pricing in the consumer segment.")
                        .language())
                .isEqualTo("en");
        assertThat(detector.detect("Der Umsatz stieg im Geschäftsjahr um vier Prozent, getragen von höheren Mengen"
                                + " in allen Regionen.")
                        .language())
                .isEqualTo("de");
        assertThat(detector.detect("Le chiffre d'affaires a augmenté de quatre pour cent, porté par des volumes plus"
                                + " élevés dans toutes les régions.")
                        .language())
                .isEqualTo("fr");
        assertThat(detector.detect("Las ventas netas aumentaron un cuatro por ciento, impulsadas por mayores volúmenes"
                                + " en todas las regiones y precios favorables.")
                        .language())
                .isEqualTo("es");
        assertThat(detector.detect("De omzet steeg met vier procent, gedragen door hogere volumes in alle regio's en"
                                + " gunstige prijzen.")
                        .language())
                .isEqualTo("nl");
        assertThat(detector.detect("净销售额增长了百分之四，这主要得益于所有地区销量的提高以及消费者业务的有利定价。这一增长在下半年尤为明显。")
                        .language())
                .isEqualTo("zh");
    }

    @Test
    void should_be_undetermined_with_no_confidence_when_the_text_has_under_forty_letters() {
        LanguageGuess guess = detector.detect("Net sales rose 4% (2019: $1,234)");
        assertThat(guess.language()).isEqualTo(LanguageGuess.UNDETERMINED);
        assertThat(guess.confidence()).isZero();
        assertThat(guess.determined()).isFalse();
        assertThat(detector.detect("12,345 67,890 (1,234) $ 5.6 % 2018 2019 2020")
                        .determined())
                .isFalse();
    }

    @Test
    void should_read_three_slices_of_a_long_text_so_its_cost_stays_flat() {
        String paragraph = "The company designs, manufactures and sells products for consumers and businesses. ";
        String longText = paragraph.repeat(2_000);
        String sample = LanguageDetector.sample(longText);
        assertThat(sample.length()).isLessThanOrEqualTo(3 * LanguageDetector.SLICE_CHARS + 2);
        assertThat(detector.detect(longText).language()).isEqualTo("en");
    }

    @Test
    void should_give_the_same_guess_every_time_and_from_several_threads() throws Exception {
        String text = "Il fatturato è aumentato del quattro per cento grazie a volumi più alti in tutte le regioni.";
        LanguageGuess first = detector.detect(text);
        assertThat(first.language()).isEqualTo("it");
        ExecutorService pool = Executors.newFixedThreadPool(4, r -> new Thread(r, "language-test"));
        try {
            List<Future<LanguageGuess>> guesses =
                    pool.invokeAll(java.util.Collections.nCopies(16, () -> detector.detect(text)));
            for (Future<LanguageGuess> g : guesses) {
                assertThat(g.get()).isEqualTo(first);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
