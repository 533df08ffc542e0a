package dev.sluice.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.ItemFailure;
import dev.sluice.core.QuarantineReason;
import dev.sluice.quality.NormalizedDocument;
import dev.sluice.quality.TextNormalizer;
import dev.sluice.testkit.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real documents from the shared data folder beside the project (see its README): PDFs, damaged
 * PDFs, DOCX files and saved news pages with Readability's reference extraction. Skipped when the
 * folder is absent, as in a fresh clone.
 */
class SharedDocumentsExtractionTest {
    private static final Path DOCUMENTS =
            SharedData.resolve("documents").orElse(Path.of("..", "shared", "data", "documents"));
    private static final Duration MAX_PER_FILE = Duration.ofSeconds(10);
    private static final double MIN_WORD_RECALL = 0.70;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    private static DocumentExtractor extractor;
    private final TextNormalizer normalizer = new TextNormalizer();

    @BeforeAll
    static void requireSharedData() {
        Assumptions.assumeTrue(
                Files.isDirectory(DOCUMENTS),
                "shared data not found at ../shared/data/documents (relative to the project root); skipping real-document tests");
        extractor = new DocumentExtractor(ExtractionLimits.defaults().withParseTimeoutMillis(MAX_PER_FILE.toMillis()));
    }

    @AfterAll
    static void closeExtractor() {
        if (extractor != null) {
            extractor.close();
        }
    }

    /** A document, or the failure that stopped it; only ItemFailure may come out of extract(). */
    private record Outcome(Path file, ExtractedDocument doc, ItemFailure failure, Duration took) {}

    private static Outcome run(Path file) {
        long start = System.nanoTime();
        try {
            ExtractedDocument doc = extractor.extract(file, file.toUri().toString());
            return new Outcome(file, doc, null, Duration.ofNanos(System.nanoTime() - start));
        } catch (ItemFailure e) {
            return new Outcome(file, null, e, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private static List<Path> files(String folder) throws IOException {
        try (Stream<Path> files = Files.list(DOCUMENTS.resolve(folder))) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void should_extract_or_quarantine_every_shared_pdf_and_docx_without_hanging() throws IOException {
        SoftAssertions softly = new SoftAssertions();
        for (String folder : List.of("pdf", "pdf-malformed", "docx")) {
            for (Path file : files(folder)) {
                Outcome outcome = run(file);
                softly.assertThat(outcome.took()).as("time for %s", file).isLessThan(MAX_PER_FILE);
                if (outcome.failure() != null) {
                    softly.assertThat(outcome.failure().reason())
                            .as("reason for %s", file)
                            .isNotEqualTo(QuarantineReason.TIMED_OUT);
                    softly.assertThat(outcome.failure().getMessage())
                            .as("message for %s", file)
                            .isNotBlank()
                            .doesNotContain("\n");
                }
            }
        }
        softly.assertAll();
    }

    @Test
    void should_quarantine_password_protected_shared_pdf_as_encrypted() {
        Outcome outcome = run(DOCUMENTS.resolve("pdf").resolve("libreoffice-writer-password.pdf"));

        assertThat(outcome.failure()).isNotNull();
        assertThat(outcome.failure().reason()).isEqualTo(QuarantineReason.ENCRYPTED);
    }

    @Test
    void should_keep_four_pages_and_drop_page_numbers_of_pdflatex_document() throws ItemFailure {
        Outcome outcome = run(DOCUMENTS.resolve("pdf").resolve("pdflatex-4-pages.pdf"));
        assertThat(outcome.failure()).isNull();

        NormalizedDocument doc = normalizer.normalize(outcome.doc());

        assertThat(outcome.doc().pageCount()).isEqualTo(4);
        assertThat(doc.spans()).extracting(NormalizedDocument.Span::page).containsSubsequence(1, 2, 3, 4);
        assertThat(doc.spans())
                .allSatisfy(span -> assertThat(doc.text().substring(span.start(), span.end()))
                        .doesNotMatch("\\d+"));
        assertThat(doc.text()).contains("what a printed text will look like");
    }

    @Test
    void should_keep_most_of_readability_reference_text_and_drop_navigation_and_scripts_from_html_pages()
            throws IOException, ItemFailure {
        List<Path> pages;
        try (Stream<Path> folders = Files.list(DOCUMENTS.resolve("html"))) {
            pages = folders.map(f -> f.resolve("source.html"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        }
        assertThat(pages).isNotEmpty();
        SoftAssertions softly = new SoftAssertions();
        for (Path source : pages) {
            Outcome outcome = run(source);
            softly.assertThat(outcome.failure()).as("failure for %s", source).isNull();
            if (outcome.failure() != null) {
                continue;
            }
            String text = normalizer.normalize(outcome.doc()).text();
            Set<String> extractedWords = new HashSet<>(words(text));
            List<String> expectedWords = words(
                    Jsoup.parse(source.resolveSibling("expected.html").toFile()).text());
            long kept = expectedWords.stream().filter(extractedWords::contains).count();
            double recall = (double) kept / expectedWords.size();
            softly.assertThat(recall)
                    .as("share of expected.html words kept for %s", source)
                    .isGreaterThanOrEqualTo(MIN_WORD_RECALL);

            Document original = Jsoup.parse(source.toFile());
            String flat = TextNormalizer.normalizeText(text);
            List<String> leaked = new java.util.ArrayList<>();
            for (Element script : original.select("script")) {
                String code = TextNormalizer.normalizeText(script.data());
                if (code.length() >= 40 && flat.contains(code.substring(0, 40))) {
                    leaked.add("script: " + code.substring(0, 40));
                }
            }
            for (Element nav : original.select("nav")) {
                String navText = TextNormalizer.normalizeText(nav.text());
                if (navText.length() >= 40 && flat.contains(navText)) {
                    leaked.add("nav: " + navText);
                }
            }
            softly.assertThat(leaked)
                    .as("script or navigation text kept from %s", source)
                    .isEmpty();
        }
        softly.assertAll();
    }

    private static List<String> words(String text) {
        Matcher matcher = WORD.matcher(text.toLowerCase(Locale.ROOT));
        List<String> words = new java.util.ArrayList<>();
        while (matcher.find()) {
            words.add(matcher.group());
        }
        return words;
    }
}
