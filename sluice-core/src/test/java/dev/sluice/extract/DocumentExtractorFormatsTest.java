package dev.sluice.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.ItemFailure;
import dev.sluice.quality.NormalizedDocument;
import dev.sluice.quality.TextNormalizer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each supported format, from a small real file, through the real Tika, jsoup and commonmark. */
class DocumentExtractorFormatsTest {
    private static final DocumentExtractor EXTRACTOR = new DocumentExtractor();
    private static final TextNormalizer NORMALIZER = new TextNormalizer();

    @TempDir
    Path tmp;

    @AfterAll
    static void closeExtractor() {
        EXTRACTOR.close();
    }

    static Path doc(String name) {
        try {
            return Path.of(DocumentExtractorFormatsTest.class
                    .getResource("/docs/" + name)
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static ExtractedDocument extract(Path file) throws ItemFailure {
        return EXTRACTOR.extract(file, file.toUri().toString());
    }

    private static List<String> texts(ExtractedDocument doc, Block.Kind kind) throws ItemFailure {
        NormalizedDocument normalized = NORMALIZER.normalize(doc);
        return normalized.spans().stream()
                .filter(s -> s.heading() == (kind == Block.Kind.HEADING))
                .map(s -> normalized.text().substring(s.start(), s.end()))
                .toList();
    }

    @Test
    void should_extract_pages_title_and_text_from_pdf() throws Exception {
        ExtractedDocument doc = extract(doc("guide.pdf"));

        assertThat(doc.mediaType()).isEqualTo("application/pdf");
        assertThat(doc.title()).isEqualTo(TestPdfs.GUIDE_TITLE);
        assertThat(doc.pageCount()).isEqualTo(2);
        NormalizedDocument normalized = NORMALIZER.normalize(doc);
        assertThat(normalized.text())
                .contains("Sluice Extraction Guide", "pulls out the information that matters", "Quarantine Reasons")
                .doesNotContain("Page 2 of 2");
        int quarantineAt = normalized.text().indexOf("Quarantine Reasons");
        NormalizedDocument.Span secondPage = normalized.spans().stream()
                .filter(s -> s.start() <= quarantineAt && quarantineAt < s.end())
                .findFirst()
                .orElseThrow();
        assertThat(secondPage.page()).isEqualTo(2);
        assertThat(normalized.spans().getFirst().page()).isEqualTo(1);
    }

    @Test
    void should_extract_table_rows_with_cells_joined_from_docx() throws Exception {
        ExtractedDocument doc = extract(doc("tables.docx"));

        assertThat(doc.mediaType())
                .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(doc.title()).isEqualTo("tables");
        assertThat(doc.metadata()).containsEntry("author", "Michael Williamson");
        assertThat(texts(doc, Block.Kind.TEXT))
                .containsExactly("Above", "Top left | Top right", "Bottom left | Bottom right", "Below");
    }

    @Test
    void should_extract_headings_and_paragraphs_from_odt() throws Exception {
        Path odt = tmp.resolve("minutes.odt");
        writeOdt(odt);

        ExtractedDocument doc = extract(odt);

        assertThat(doc.mediaType()).isEqualTo("application/vnd.oasis.opendocument.text");
        assertThat(texts(doc, Block.Kind.HEADING)).containsExactly("Meeting Minutes", "Decisions");
        assertThat(texts(doc, Block.Kind.TEXT)).containsExactly("The team met on Monday.", "Ship the extractor first.");
        assertThat(doc.blocks())
                .filteredOn(b -> b.kind() == Block.Kind.HEADING)
                .extracting(Block::headingLevel)
                .containsExactly(1, 2);
        assertThat(doc.title()).isEqualTo("Meeting Minutes");
    }

    @Test
    void should_keep_article_and_drop_boilerplate_from_html() throws Exception {
        ExtractedDocument doc = extract(doc("article.html"));

        assertThat(doc.mediaType()).isEqualTo("text/html");
        assertThat(doc.title()).isEqualTo("How River Sluices Work");
        assertThat(texts(doc, Block.Kind.HEADING))
                .containsExactly("How River Sluices Work", "Parts of a Sluice", "Operating a Gate");
        assertThat(texts(doc, Block.Kind.TEXT))
                .containsExactly(
                        "A sluice is a water channel controlled at its head by a gate. Engineers use sluices to manage water"
                                + " levels in rivers and canals.",
                        "The gate, which rises and falls.",
                        "The channel that carries the water.",
                        "Part | Material",
                        "Gate | Steel",
                        "open_gate(level=3)",
                        "Water always finds its level.",
                        "Loose text in a div still counts as content.");
        String text = NORMALIZER.normalize(doc).text();
        assertThat(text)
                .doesNotContain("MARKER", "Waterworks Weekly", "secret-style-marker", "Accept", "Related articles");
    }

    @Test
    void should_extract_nested_headings_and_plain_text_from_markdown() throws Exception {
        ExtractedDocument doc = extract(doc("guide.md"));

        assertThat(doc.title()).isEqualTo("Markdown Guide");
        assertThat(doc.blocks())
                .filteredOn(b -> b.kind() == Block.Kind.HEADING)
                .extracting(Block::headingLevel, b -> b.text())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, "Markdown Guide"),
                        org.assertj.core.groups.Tuple.tuple(2, "Installing"),
                        org.assertj.core.groups.Tuple.tuple(3, "Requirements"),
                        org.assertj.core.groups.Tuple.tuple(2, "Using"),
                        org.assertj.core.groups.Tuple.tuple(2, "Setext heading below"));
        assertThat(texts(doc, Block.Kind.TEXT))
                .containsExactly(
                        "Sluice reads Markdown with commonmark and keeps inline code.",
                        "Run the installer:",
                        "./install.sh --prefix /opt/sluice",
                        "Java 25",
                        "Two cores",
                        "nested item",
                        "A quoted remark.",
                        "Setting | Default",
                        "maxFileBytes | 32 MiB",
                        "Last paragraph.");
    }

    @Test
    void should_split_plain_text_into_paragraphs_on_blank_lines() throws Exception {
        ExtractedDocument doc = extract(doc("notes.txt"));

        assertThat(doc.mediaType()).isEqualTo("text/plain");
        assertThat(doc.title()).isEqualTo("notes");
        assertThat(texts(doc, Block.Kind.TEXT))
                .containsExactly(
                        "Plain Text Notes",
                        "The first paragraph spans two lines of the file.",
                        "The second paragraph talks about information retrieval.");
    }

    @Test
    void should_decode_legacy_charset_html_from_its_meta_declaration() throws Exception {
        Path html = tmp.resolve("latin1.html");
        Files.write(
                html,
                ("<html><head><meta charset=\"iso-8859-1\"><title>Caf\u00e9</title></head>"
                                + "<body><p>Cr\u00e8me br\u00fbl\u00e9e \u00e0 la carte.</p></body></html>")
                        .getBytes(StandardCharsets.ISO_8859_1));

        ExtractedDocument doc = extract(html);

        assertThat(doc.title()).isEqualTo("Caf\u00e9");
        assertThat(texts(doc, Block.Kind.TEXT)).containsExactly("Cr\u00e8me br\u00fbl\u00e9e \u00e0 la carte.");
    }

    @Test
    void should_give_the_same_result_to_callers_on_several_threads() throws Exception {
        List<Path> files =
                List.of(doc("guide.pdf"), doc("tables.docx"), doc("article.html"), doc("guide.md"), doc("notes.txt"));
        List<ExtractedDocument> sequential = new java.util.ArrayList<>();
        for (Path file : files) {
            sequential.add(extract(file));
        }
        try (var callers = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            List<java.util.concurrent.Future<ExtractedDocument>> parallel = new java.util.ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (Path file : files) {
                    parallel.add(callers.submit(() -> extract(file)));
                }
            }
            for (int i = 0; i < parallel.size(); i++) {
                assertThat(parallel.get(i).get()).isEqualTo(sequential.get(i % files.size()));
            }
        }
    }

    /** A minimal ODF text document: mimetype first and stored, then content and manifest. */
    static void writeOdt(Path target) throws IOException {
        String content = """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
            xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
          <office:body><office:text>
            <text:h text:outline-level="1">Meeting Minutes</text:h>
            <text:p>The team met on Monday.</text:p>
            <text:h text:outline-level="2">Decisions</text:h>
            <text:p>Ship the extractor first.</text:p>
          </office:text></office:body>
        </office:document-content>
        """;
        String manifest = """
        <?xml version="1.0" encoding="UTF-8"?>
        <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
          <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
          <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
        </manifest:manifest>
        """;
        try (OutputStream out = Files.newOutputStream(target);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            byte[] mimetype = "application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII);
            ZipEntry entry = new ZipEntry("mimetype");
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(mimetype.length);
            CRC32 crc = new CRC32();
            crc.update(mimetype);
            entry.setCrc(crc.getValue());
            zip.putNextEntry(entry);
            zip.write(mimetype);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("content.xml"));
            zip.write(content.strip().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("META-INF/manifest.xml"));
            zip.write(manifest.strip().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
    }
}
