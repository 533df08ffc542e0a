package dev.sluice.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.ItemFailure;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tables that arrive as cells: HTML (jsoup) and DOCX (Tika's XHTML), written as rows with headers. */
class CellTablesTest {
    private static DocumentExtractor extractor;

    @TempDir
    Path tmp;

    @BeforeAll
    static void open() {
        extractor = new DocumentExtractor();
    }

    @AfterAll
    static void close() {
        extractor.close();
    }

    private ExtractedDocument html(String body) throws IOException, ItemFailure {
        Path file = tmp.resolve("page.html");
        Files.writeString(
                file,
                "<!doctype html><html><head><title>Statement</title></head><body><main>" + body
                        + "</main></body></html>",
                StandardCharsets.UTF_8);
        return extractor.extract(file, file.toUri().toString());
    }

    private static List<String> texts(ExtractedDocument doc, Block.TablePart part) {
        return doc.blocks().stream()
                .filter(b -> b.tablePart() == part)
                .map(Block::text)
                .toList();
    }

    @Test
    void should_write_html_rows_with_their_th_headers() throws Exception {
        ExtractedDocument doc = html("""
                <p>Parts of a sluice.</p>
                <table><caption>Materials</caption>
                  <thead><tr><th>Part</th><th>Material</th><th>Since</th></tr></thead>
                  <tbody><tr><td>Gate</td><td>Steel</td><td>1890</td></tr>
                         <tr><td>Channel</td><td>Concrete</td><td></td></tr></tbody>
                </table>
                <p>Water always finds its level.</p>""");

        assertThat(texts(doc, Block.TablePart.HEADER)).containsExactly("Materials Part | Material | Since");
        assertThat(texts(doc, Block.TablePart.ROW)).containsExactly("Gate | Steel | 1890", "Channel | Concrete");
        assertThat(doc.blocks().getFirst().text()).isEqualTo("Parts of a sluice.");
        assertThat(doc.blocks().getLast().text()).isEqualTo("Water always finds its level.");
    }

    @Test
    void should_align_filing_style_html_cells_under_spanning_year_headers() throws Exception {
        // as EDGAR filings write statements: "$", the number and ")" in cells of their own, under headers
        // that span them, with spacer cells between the years
        ExtractedDocument doc = html("""
                <table>
                  <tr><td>(Dollars in millions)</td><td></td><td colspan="3">2018</td><td></td><td colspan="3">2017</td></tr>
                  <tr><td>Net income</td><td></td><td>$</td><td>5,363</td><td></td><td></td><td>$</td><td>4,869</td><td></td></tr>
                  <tr><td>Purchases of property, plant and equipment (PP&amp;E)</td><td></td><td></td><td>(1,577</td><td>)</td><td></td><td></td><td>(1,373</td><td>)</td></tr>
                  <tr><td>Other &mdash; net</td><td></td><td></td><td>&mdash;</td><td></td><td></td><td></td><td>12</td><td></td></tr>
                </table>""");

        assertThat(texts(doc, Block.TablePart.HEADER)).containsExactly("2018 | 2017 (Dollars in millions)");
        assertThat(texts(doc, Block.TablePart.ROW))
                .containsExactly(
                        "Net income | $5,363 | $4,869",
                        "Purchases of property, plant and equipment (PP&E) | (1,577) | (1,373)",
                        "Other \u2014 net | \u2014 | 12");
    }

    @Test
    void should_honour_rowspan_when_placing_cells_under_headers() throws Exception {
        ExtractedDocument doc = html("""
                <table>
                  <tr><th>Segment</th><th>Region</th><th>2019</th><th>2018</th></tr>
                  <tr><td rowspan="2">Consumer</td><td>US</td><td>754</td><td>633</td></tr>
                  <tr><td>International</td><td>815</td><td>811</td></tr>
                </table>""");

        assertThat(texts(doc, Block.TablePart.ROW))
                .containsExactly("Consumer | US | 754 | 633", "International | 815 | 811");
    }

    @Test
    void should_keep_tables_without_headers_as_joined_cells() throws Exception {
        ExtractedDocument doc = html("""
                <table><tr><td>Top left</td><td>Top right</td></tr>
                       <tr><td>Bottom left<table><tr><td>nested</td><td>cell</td></tr></table></td><td>Bottom right</td></tr></table>""");

        assertThat(texts(doc, Block.TablePart.HEADER)).isEmpty();
        assertThat(texts(doc, Block.TablePart.ROW))
                .as("a table without headers is plain text")
                .isEmpty();
        assertThat(texts(doc, Block.TablePart.NONE))
                .extracting(t -> t.replaceAll("\\s+", " ").strip())
                .containsExactly("Top left | Top right", "Bottom left nested cell | Bottom right");
    }

    @Test
    void should_guess_the_header_row_of_a_docx_table_of_numbers() throws Exception {
        Path file = tmp.resolve("results.docx");
        try (XWPFDocument docx = new XWPFDocument();
                OutputStream out = Files.newOutputStream(file)) {
            docx.createParagraph().createRun().setText("Results by year.");
            String[][] cells = {
                {"(In thousands)", "2019", "2018"},
                {"Revenue", "$ 1,234", "$ 1,100"},
                {"Operating loss", "(56)", "\u2014"},
                {"Employees at year end", "310", "290"}
            };
            XWPFTable table = docx.createTable(cells.length, 3);
            for (int r = 0; r < cells.length; r++) {
                XWPFTableRow row = table.getRow(r);
                for (int c = 0; c < 3; c++) {
                    row.getCell(c).setText(cells[r][c]);
                }
            }
            docx.createParagraph().createRun().setText("Amounts are unaudited.");
            docx.write(out);
        }

        ExtractedDocument doc = extractor.extract(file, file.toUri().toString());

        assertThat(texts(doc, Block.TablePart.HEADER)).containsExactly("2019 | 2018 (In thousands)");
        assertThat(texts(doc, Block.TablePart.ROW))
                .containsExactly(
                        "Revenue | $1,234 | $1,100",
                        "Operating loss | (56) | \u2014",
                        "Employees at year end | 310 | 290");
        assertThat(doc.blocks().getFirst().text()).isEqualTo("Results by year.");
        assertThat(doc.blocks().getLast().text()).isEqualTo("Amounts are unaudited.");
    }
}
