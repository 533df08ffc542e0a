package dev.sluice.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sluice.core.ItemFailure;
import dev.sluice.core.QuarantineReason;
import dev.sluice.quality.TextNormalizer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input, made at test time: every case ends as a document or an {@link ItemFailure} with the
 * expected reason, never as another exception and never as a hang.
 */
class DocumentExtractorFailuresTest {
    private static final DocumentExtractor EXTRACTOR = new DocumentExtractor();

    @TempDir
    Path tmp;

    @AfterAll
    static void closeExtractor() {
        EXTRACTOR.close();
    }

    private static ItemFailure failure(DocumentExtractor extractor, Path file) {
        return catchThrowableOfType(
                ItemFailure.class, () -> extractor.extract(file, file.toUri().toString()));
    }

    private static ItemFailure failure(Path file) {
        return failure(EXTRACTOR, file);
    }

    @Test
    void should_return_no_blocks_for_zero_byte_file_and_quarantine_it_as_empty_after_normalization() throws Exception {
        for (String name : new String[] {"empty.txt", "empty.pdf", "empty"}) {
            Path file = Files.createFile(tmp.resolve(name));

            ExtractedDocument doc = EXTRACTOR.extract(file, file.toUri().toString());

            assertThat(doc.blocks()).as(name).isEmpty();
            ItemFailure empty = catchThrowableOfType(ItemFailure.class, () -> new TextNormalizer().normalize(doc));
            assertThat(empty.reason()).as(name).isEqualTo(QuarantineReason.EMPTY);
        }
    }

    @Test
    void should_quarantine_truncated_pdf_as_corrupt_or_recover_its_text() throws Exception {
        byte[] pdf = Files.readAllBytes(DocumentExtractorFormatsTest.doc("guide.pdf"));
        Path truncated = tmp.resolve("truncated.pdf");
        Files.write(truncated, Arrays.copyOf(pdf, pdf.length / 2));

        try {
            ExtractedDocument doc =
                    EXTRACTOR.extract(truncated, truncated.toUri().toString());
            assertThat(doc.mediaType()).isEqualTo("application/pdf");
        } catch (ItemFailure e) {
            assertThat(e.reason()).isEqualTo(QuarantineReason.CORRUPT);
            assertThat(e.getMessage())
                    .startsWith("cannot parse application/pdf")
                    .doesNotContain("\n", "\tat ");
        }
    }

    @Test
    void should_quarantine_pdf_that_is_not_a_pdf_at_all_as_corrupt() throws Exception {
        Path fake = tmp.resolve("fake.pdf");
        Files.writeString(fake, "%PDF-1.7\n" + "garbage ".repeat(50), StandardCharsets.US_ASCII);

        ItemFailure failure = failure(fake);

        assertThat(failure.reason()).isEqualTo(QuarantineReason.CORRUPT);
        assertThat(failure.getMessage()).startsWith("cannot parse application/pdf, damaged or truncated: ");
    }

    @Test
    void should_quarantine_binary_file_named_txt_as_unsupported_type() throws Exception {
        byte[] bytes = new byte[4096];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 % 256);
        }
        Path file = tmp.resolve("notes.txt");
        Files.write(file, bytes);

        ItemFailure failure = failure(file);

        assertThat(failure.reason()).isEqualTo(QuarantineReason.UNSUPPORTED_TYPE);
        assertThat(failure.getMessage()).startsWith("binary content in a text file");
    }

    @Test
    void should_quarantine_unknown_binary_and_images_as_unsupported_type_naming_the_type() throws Exception {
        byte[] bytes = new byte[2048];
        new java.util.Random(42).nextBytes(bytes);
        Path blob = tmp.resolve("blob.bin");
        Files.write(blob, bytes);
        Path png = tmp.resolve("pixel.png");
        javax.imageio.ImageIO.write(
                new java.awt.image.BufferedImage(2, 2, java.awt.image.BufferedImage.TYPE_INT_RGB), "png", png.toFile());

        assertThat(failure(blob).reason()).isEqualTo(QuarantineReason.UNSUPPORTED_TYPE);
        assertThat(failure(blob).getMessage()).contains("application/octet-stream");
        assertThat(failure(png).reason()).isEqualTo(QuarantineReason.UNSUPPORTED_TYPE);
        assertThat(failure(png).getMessage()).contains("image/png");
    }

    @Test
    void should_extract_invalid_utf8_text_without_crashing() throws Exception {
        Path file = tmp.resolve("broken.txt");
        byte[] head = "Caf".getBytes(StandardCharsets.US_ASCII);
        byte[] invalid = {(byte) 0xC3, ' ', (byte) 0xFF, (byte) 0xFE, 'x', (byte) 0xE9, (byte) 0x80};
        byte[] tail = " menu\n\nSecond paragraph here.\n".getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(head);
            out.write(invalid);
            out.write(tail);
        }

        ExtractedDocument doc = EXTRACTOR.extract(file, file.toUri().toString());

        assertThat(doc.blocks()).extracting(Block::text).anyMatch(t -> t.contains("Second paragraph here."));
        assertThat(new TextNormalizer().normalize(doc).text()).startsWith("Caf").contains("menu");
    }

    @Test
    void should_quarantine_file_over_size_limit_naming_size_limit_and_setting() throws Exception {
        Path file = tmp.resolve("big.txt");
        Files.writeString(file, "x".repeat(2_000));
        try (DocumentExtractor small =
                new DocumentExtractor(ExtractionLimits.defaults().withMaxFileBytes(1_000))) {
            ItemFailure failure = failure(small, file);

            assertThat(failure.reason()).isEqualTo(QuarantineReason.TOO_LARGE);
            assertThat(failure.getMessage()).contains("2,000 bytes", "1,000 bytes", "extraction.maxFileMb");
        }
    }

    @Test
    void should_quarantine_50_mb_single_line_file_fast_under_default_limits() throws Exception {
        Path file = tmp.resolve("one-line.txt");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(50L * 1024 * 1024);
        }
        long start = System.nanoTime();

        ItemFailure failure = failure(file);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(failure.reason()).isEqualTo(QuarantineReason.TOO_LARGE);
        assertThat(failure.getMessage()).contains("52,428,800 bytes", "extraction.maxFileMb");
    }

    @Test
    void should_quarantine_text_beyond_max_extracted_chars_as_too_large() throws Exception {
        Path file = tmp.resolve("long.txt");
        Files.writeString(file, "word ".repeat(1_000));
        try (DocumentExtractor small =
                new DocumentExtractor(ExtractionLimits.defaults().withMaxExtractedChars(500))) {
            ItemFailure failure = failure(small, file);

            assertThat(failure.reason()).isEqualTo(QuarantineReason.TOO_LARGE);
            assertThat(failure.getMessage()).startsWith("extracted text exceeds 500 characters");
        }
    }

    @Test
    void should_extract_html_with_100000_nested_divs_within_the_time_limit() throws Exception {
        Path file = tmp.resolve("deep.html");
        int depth = 100_000;
        StringBuilder html = new StringBuilder(depth * 12 + 100).append("<html><body>");
        html.append("<div>".repeat(depth)).append("Deep text at the bottom.").append("</div>".repeat(depth));
        html.append("<p>After the divs.</p></body></html>");
        Files.writeString(file, html);
        try (DocumentExtractor limited =
                new DocumentExtractor(ExtractionLimits.defaults().withParseTimeoutMillis(20_000))) {
            ExtractedDocument doc = limited.extract(file, file.toUri().toString());

            assertThat(doc.blocks())
                    .extracting(Block::text)
                    .anyMatch(t -> t.contains("Deep text at the bottom."))
                    .anyMatch(t -> t.contains("After the divs."));
        }
    }

    @Test
    void should_extract_html_with_100000_nested_hinted_containers_and_articles_within_the_time_limit()
            throws Exception {
        Path file = tmp.resolve("deep-hints.html");
        int depth = 100_000;
        String html = "<html><body>"
                + "<div class=\"sidebar\">".repeat(depth) + "Chrome text." + "</div>".repeat(depth)
                + "<article>".repeat(depth)
                + "Nested article text that is long enough to be chosen as the root. ".repeat(3)
                + "</article>".repeat(depth) + "</body></html>";
        Files.writeString(file, html);
        try (DocumentExtractor limited =
                new DocumentExtractor(ExtractionLimits.defaults().withParseTimeoutMillis(20_000))) {
            ExtractedDocument doc = limited.extract(file, file.toUri().toString());

            assertThat(doc.blocks())
                    .extracting(Block::text)
                    .anyMatch(t -> t.contains("Nested article text"))
                    .noneMatch(t -> t.contains("Chrome text."));
        }
    }

    @Test
    void should_quarantine_docx_zip_bomb_as_expansion_limit() throws Exception {
        Path bomb = tmp.resolve("bomb.docx");
        writeDocxBomb(bomb, 40L * 1024 * 1024);
        assertThat(Files.size(bomb)).isLessThan(1024 * 1024);

        ItemFailure failure = failure(bomb);

        assertThat(failure.reason()).isEqualTo(QuarantineReason.EXPANSION_LIMIT);
        assertThat(failure.getMessage()).doesNotContain("\n");
    }

    @Test
    void should_quarantine_archives_nested_deeper_than_the_limit_as_expansion_limit() throws Exception {
        byte[] inner = zipOf("readme.txt", "Innermost text.".getBytes(StandardCharsets.UTF_8));
        byte[] middle = zipOf("inner.zip", inner);
        Path outer = tmp.resolve("outer.zip");
        Files.write(outer, zipOf("middle.zip", middle));
        try (DocumentExtractor shallow =
                new DocumentExtractor(ExtractionLimits.defaults().withMaxNestingDepth(1))) {
            ItemFailure failure = failure(shallow, outer);

            assertThat(failure.reason()).isEqualTo(QuarantineReason.EXPANSION_LIMIT);
            assertThat(failure.getMessage()).contains("nest deeper than");
        }

        ExtractedDocument doc = EXTRACTOR.extract(outer, outer.toUri().toString());
        assertThat(doc.blocks()).extracting(Block::text).anyMatch(t -> t.contains("Innermost text."));
    }

    @Test
    void should_quarantine_password_protected_pdf_as_encrypted() throws Exception {
        Path file = tmp.resolve("secret.pdf");
        TestPdfs.writeGuide(file, "user-secret");

        ItemFailure failure = failure(file);

        assertThat(failure.reason()).isEqualTo(QuarantineReason.ENCRYPTED);
        assertThat(failure.getMessage()).contains("password-protected application/pdf");
    }

    @Test
    void should_quarantine_parse_that_exceeds_the_timeout_as_timed_out() throws Exception {
        Path file = tmp.resolve("large.txt");
        Files.writeString(file, "A paragraph of ordinary words to parse.\n\n".repeat(50_000));
        try (DocumentExtractor impatient =
                new DocumentExtractor(ExtractionLimits.defaults().withParseTimeoutMillis(1))) {
            ItemFailure failure = failure(impatient, file);

            assertThat(failure.reason()).isEqualTo(QuarantineReason.TIMED_OUT);
            assertThat(failure.getMessage()).contains("1 ms", "extraction.parseTimeoutSeconds");
        }
    }

    @Test
    void should_quarantine_missing_file_and_directory_as_unreadable() throws Exception {
        assertThat(failure(tmp.resolve("missing.txt")).reason()).isEqualTo(QuarantineReason.UNREADABLE);
        assertThat(failure(tmp).reason()).isEqualTo(QuarantineReason.UNREADABLE);
    }

    @Test
    void should_quarantine_file_without_read_permission_as_unreadable() throws Exception {
        Path file = tmp.resolve("locked.txt");
        Files.writeString(file, "You cannot read this.");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        ItemFailure failure = null;
        try {
            EXTRACTOR.extract(file, file.toUri().toString());
        } catch (ItemFailure e) {
            failure = e;
        }

        Assumptions.assumeFalse(
                failure == null && Files.isReadable(file),
                "running as root: permissions do not stop root from reading, so chmod 000 cannot make the file unreadable");
        assertThat(failure).isNotNull();
        assertThat(failure.reason()).isEqualTo(QuarantineReason.UNREADABLE);
    }

    /** A valid DOCX whose word/document.xml inflates to {@code textBytes} of repeated paragraphs. */
    static void writeDocxBomb(Path target, long textBytes) throws IOException {
        String contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
          <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
          <Default Extension="xml" ContentType="application/xml"/>
          <Override PartName="/word/document.xml"
              ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
        </Types>""";
        String rels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
          <Relationship Id="rId1" Target="word/document.xml"
              Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>
        </Relationships>""";
        byte[] paragraph = "<w:p><w:r><w:t>All work and no play makes a dull zip bomb.</w:t></w:r></w:p>"
                .getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(target);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(9);
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write(contentTypes.getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("_rels/.rels"));
            zip.write(rels.getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w="
                            + "\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>")
                    .getBytes(StandardCharsets.UTF_8));
            byte[] batch = new byte[paragraph.length * 1024];
            for (int i = 0; i < 1024; i++) {
                System.arraycopy(paragraph, 0, batch, i * paragraph.length, paragraph.length);
            }
            for (long written = 0; written < textBytes; written += batch.length) {
                zip.write(batch);
            }
            zip.write("</w:body></w:document>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
    }

    private static byte[] zipOf(String name, byte[] content) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
