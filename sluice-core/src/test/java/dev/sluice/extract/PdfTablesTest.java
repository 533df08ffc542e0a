package dev.sluice.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.ItemFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tables in PDFs, end to end through {@link DocumentExtractor}: small PDFs written with PDFBox in the
 * test, laid out as filings lay out their statements (labels left, numbers right-aligned in columns,
 * years above, units at the top left).
 */
class PdfTablesTest {
    private static DocumentExtractor extractor;
    private static DocumentExtractor tikaOnly;

    @TempDir
    Path tmp;

    @BeforeAll
    static void open() {
        extractor = new DocumentExtractor();
        tikaOnly = new DocumentExtractor(ExtractionLimits.defaults(), false);
    }

    @AfterAll
    static void close() {
        extractor.close();
        tikaOnly.close();
    }

    private ExtractedDocument extract(TablePdf pdf) throws IOException, ItemFailure {
        Path file = tmp.resolve("statement.pdf");
        pdf.write(file);
        return extractor.extract(file, file.toUri().toString());
    }

    private static List<String> texts(ExtractedDocument doc, Block.TablePart part) {
        return doc.blocks().stream()
                .filter(b -> b.tablePart() == part)
                .map(Block::text)
                .toList();
    }

    private static TablePdf cashFlowStatement(TablePdf pdf, float top) {
        return pdf.bold(72, top, "Example Corp and Subsidiaries")
                .bold(72, top + 12, "Consolidated Statement of Cash Flows")
                .text(72, top + 36, "(Dollars in millions)")
                .right(400, top + 36, "2018")
                .right(480, top + 36, "2017")
                .row(top + 48, "Net income", "$ 5,363", "$ 4,869")
                .row(top + 60, "Purchases of property, plant and equipment (PP&E)", "(1,577)", "(1,373)")
                .row(top + 72, "Proceeds from maturities and sale of marketable securities")
                .row(top + 84, "  and investments", "2,497", "1,354")
                .row(top + 96, "Other \u2014 net", "\u2014", "12")
                .row(top + 108, "Restructuring charges", "45", null);
    }

    @Test
    void should_keep_row_labels_with_their_values_and_year_headers() throws Exception {
        ExtractedDocument doc = extract(cashFlowStatement(
                new TablePdf()
                        .page()
                        .text(72, 72, "A page of prose comes first.")
                        .page(),
                72));

        assertThat(texts(doc, Block.TablePart.HEADER))
                .containsExactly(
                        "Example Corp and Subsidiaries Consolidated Statement of Cash Flows | 2018 | 2017 (Dollars in millions)");
        assertThat(texts(doc, Block.TablePart.ROW))
                .containsExactly(
                        "Net income | $5,363 | $4,869",
                        "Purchases of property, plant and equipment (PP&E) | (1,577) | (1,373)",
                        "Proceeds from maturities and sale of marketable securities and investments | 2,497"
                                + " | 1,354",
                        "Other \u2014 net | \u2014 | 12",
                        "Restructuring charges | 45");
        assertThat(doc.blocks())
                .filteredOn(b -> b.tablePart() != Block.TablePart.NONE)
                .extracting(Block::page)
                .containsOnly(2);
        assertThat(doc.blocks().getFirst().text()).contains("A page of prose comes first.");
        assertThat(doc.blocks().getFirst().page()).isEqualTo(1);
    }

    @Test
    void should_keep_the_prose_around_a_table_on_its_page() throws Exception {
        ExtractedDocument doc = extract(cashFlowStatement(
                        new TablePdf()
                                .page()
                                .text(72, 72, "Cash flows in 2018 were driven by operations, as the statement")
                                .text(72, 84, "below shows in detail."),
                        120)
                .text(72, 300, "The accompanying notes are an integral part of this statement."));

        List<Block> blocks = doc.blocks();
        assertThat(blocks.getFirst().tablePart()).isEqualTo(Block.TablePart.NONE);
        assertThat(blocks.getFirst().text())
                .isEqualTo("Cash flows in 2018 were driven by operations, as the statement\nbelow shows in detail.");
        assertThat(blocks.getLast().tablePart()).isEqualTo(Block.TablePart.NONE);
        assertThat(blocks.getLast().text()).isEqualTo("The accompanying notes are an integral part of this statement.");
        assertThat(texts(doc, Block.TablePart.ROW)).hasSize(5);
    }

    @Test
    void should_leave_a_page_of_prose_exactly_as_tika_reads_it() throws Exception {
        TablePdf pdf = new TablePdf().page();
        String[] lines = {
            "Revenue grew in 2018 to 5,363", "while costs rose to 4,869", "and the margin reached 12.5%", "in the year."
        };
        for (int i = 0; i < lines.length; i++) {
            pdf.text(72, 72 + 12 * i, lines[i]);
        }
        Path file = tmp.resolve("prose.pdf");
        pdf.write(file);

        ExtractedDocument doc = extractor.extract(file, file.toUri().toString());
        ExtractedDocument tika = tikaOnly.extract(file, file.toUri().toString());

        assertThat(doc.blocks()).isEqualTo(tika.blocks());
        assertThat(texts(doc, Block.TablePart.ROW)).isEmpty();
    }

    @Test
    void should_give_each_page_its_own_table_when_the_header_is_repeated_on_every_page() throws Exception {
        TablePdf pdf = new TablePdf();
        for (int p = 0; p < 2; p++) {
            pdf.page().text(72, 72, "(Millions)").right(400, 72, "2018").right(480, 72, "2017");
            for (int r = 0; r < 4; r++) {
                pdf.row(84 + 12 * r, "Segment " + (char) ('A' + 4 * p + r) + " sales", 100 * (r + 1) + "", "9" + r);
            }
        }

        ExtractedDocument doc = extract(pdf);

        assertThat(doc.blocks())
                .filteredOn(b -> b.tablePart() == Block.TablePart.HEADER)
                .extracting(Block::text, Block::page)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("2018 | 2017 (Millions)", 1),
                        org.assertj.core.groups.Tuple.tuple("2018 | 2017 (Millions)", 2));
        assertThat(texts(doc, Block.TablePart.ROW))
                .hasSize(8)
                .contains("Segment A sales | 100 | 90", "Segment H sales | 400 | 93");
    }

    @Test
    void should_keep_labels_when_cells_are_merged_or_empty() throws Exception {
        TablePdf pdf = new TablePdf()
                .page()
                .text(72, 72, "(in thousands, except per share)")
                .right(400, 72, "2019")
                .right(480, 72, "2018")
                .right(560, 72, "2017")
                .row(84, "Current assets")
                .row(96, "Cash", "1,000", "900", "800")
                .row(108, "Receivables", null, "350", null)
                .text(420, 120, "not applicable") // one note centred across two columns
                .text(72, 120, "Restricted cash")
                .row(132, "Total current assets", "1,000", "1,250", "800");

        ExtractedDocument doc = extract(pdf);

        List<String> rows = texts(doc, Block.TablePart.ROW);
        assertThat(rows)
                .contains(
                        "Current assets",
                        "Cash | 1,000 | 900 | 800",
                        "Receivables |  | 350",
                        "Total current assets | 1,000 | 1,250 | 800");
        assertThat(rows)
                .as("text in a merged cell stays in its row")
                .anySatisfy(r -> assertThat(r).startsWith("Restricted cash | ").contains("not applicable"));
        assertThat(rows)
                .as("no row of numbers without a label")
                .allSatisfy(r -> assertThat(r).matches("^\\p{L}.*"));
    }

    @Test
    void should_read_a_table_on_a_rotated_page_with_its_labels() throws Exception {
        ExtractedDocument doc = extract(cashFlowStatement(new TablePdf().page(90), 72));

        assertThat(texts(doc, Block.TablePart.ROW))
                .contains("Purchases of property, plant and equipment (PP&E) | (1,577) | (1,373)")
                .allSatisfy(r -> assertThat(r).matches("^\\p{L}.*"));
    }

    @Test
    void should_extract_no_text_and_no_rows_from_a_scanned_page() throws Exception {
        ExtractedDocument doc =
                extract(cashFlowStatement(new TablePdf().scannedPage().page(), 72));

        assertThat(doc.pageCount()).isEqualTo(2);
        assertThat(doc.blocks()).allSatisfy(b -> assertThat(b.page()).isEqualTo(2));
        assertThat(texts(doc, Block.TablePart.ROW)).hasSize(5);
    }

    @Test
    void should_keep_tikas_blocks_when_the_file_cannot_be_read_again() throws IOException {
        Path notPdf = tmp.resolve("gone.pdf");
        Files.writeString(notPdf, "not a PDF at all", StandardCharsets.UTF_8);
        List<Block> blocks =
                List.of(Block.text("Net income   5,363   4,869\nTaxes   1,200   1,100\nOther   3   4\n", 1));

        PdfTables.Result result = PdfTables.rewrite(notPdf, blocks, 1, 1_000_000);

        assertThat(result.blocks()).isEqualTo(blocks);
        assertThat(result.rows()).isZero();
    }

    @Test
    void should_read_only_pages_whose_text_looks_tabular() {
        List<Block> blocks = List.of(
                Block.text("A sentence that ends in a year, 2018.\nAnd another line of prose.", 1),
                Block.text("Net income   5,363   4,869\nTaxes   1,200   1,100\nOther \u2014 net   (3)   \u2014", 2));

        assertThat(PdfTables.candidatePages(blocks)).containsExactly(2);
    }
}
