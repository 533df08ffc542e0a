package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documented FinanceBench workflow on a made-up three-page filing: {@code eval import-financebench},
 * {@code ingest} of the filings folder, {@code eval run} with the default metrics, which then include
 * the page metrics; and the importer's usage errors, which exit 2 without a stack trace.
 */
class EvalPagesCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    /** A PDF with one line of text per page. */
    private static void pdf(Path target, List<String> pages) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (String text : pages) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(font, 11);
                    content.newLineAtOffset(72, 760);
                    content.showText(text);
                    content.endText();
                }
            }
            document.save(target.toFile());
        }
    }

    private Path questions(String... lines) throws IOException {
        return Files.write(work.resolve("questions.jsonl"), List.of(lines), StandardCharsets.UTF_8);
    }

    private static String question(String id, String question, int zeroBasedPage) {
        return "{\"financebench_id\": \"" + id + "\", \"question\": \"" + question + "\", \"answer\": \"-\","
                + " \"doc_name\": \"ACME_2020_10K\", \"evidence\": [{\"doc_name\": \"ACME_2020_10K\","
                + " \"evidence_page_num\": " + zeroBasedPage + ", \"evidence_text\": \"...\"}]}";
    }

    @Test
    void should_import_ingest_and_report_page_metrics_by_default() throws Exception {
        Path filings = Files.createDirectories(work.resolve("filings"));
        pdf(
                filings.resolve("ACME_2020_10K.pdf"),
                List.of(
                        "Acme reports revenue of 41 million dollars from anvil sales in fiscal 2020.",
                        "Capital expenditure on rocket skates and purchases of equipment was 7 million dollars.",
                        "Risk factors include coyotes, falling rocks and the price of dynamite."));
        Path in = questions(
                question("fb1", "What was Acme's capital expenditure on equipment?", 1),
                question("fb2", "Which risk factors involve dynamite?", 2));
        Path out = work.resolve("evals").resolve("financebench.jsonl");

        SluiceCliIT.Run imported = SluiceCliIT.run(
                "eval",
                "import-financebench",
                in.toString(),
                "--docs",
                filings.toString(),
                "--out",
                out.toString(),
                "--json");
        assertThat(imported.exit()).as(imported.err()).isZero();
        JsonNode summary = JSON.readTree(imported.out());
        assertThat(summary.get("questions").asInt()).isEqualTo(2);
        assertThat(summary.get("evidencePages").asInt()).isEqualTo(2);
        assertThat(summary.get("documents").toString()).isEqualTo("[\"ACME_2020_10K.pdf\"]");
        assertThat(imported.err()).contains("next: sluice ingest " + filings);
        assertThat(Files.readAllLines(out, StandardCharsets.UTF_8).getFirst())
                .contains("\"relevant\":[{\"doc\":\"ACME_2020_10K.pdf\",\"page\":2}]");

        Path index = work.resolve("index");
        SluiceCliIT.Run ingest =
                SluiceCliIT.run("ingest", filings.toString(), "--index", index.toString(), "--max-tokens", "32");
        assertThat(ingest.exit()).as(ingest.err()).isZero();

        SluiceCliIT.Run run = SluiceCliIT.run(
                "eval",
                "run",
                "--set",
                out.toString(),
                "--index",
                index.toString(),
                "--modes",
                "bm25",
                "--k",
                "1,10",
                "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode means = JSON.readTree(run.out()).get("means").get("bm25");
        assertThat(means.has("hit@10")).isTrue();
        assertThat(means.get("page_hit@1").asDouble())
                .as("each question's words are on its evidence page only")
                .isEqualTo(1.0);
        assertThat(means.get("page_recall@10").asDouble()).isEqualTo(1.0);
        assertThat(means.get("page_mrr@10").asDouble()).isEqualTo(1.0);

        SluiceCliIT.Run table = SluiceCliIT.run(
                "eval",
                "run",
                "--set",
                out.toString(),
                "--index",
                index.toString(),
                "--modes",
                "bm25",
                "--metrics",
                "hit@1,page_recall@10");
        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out()).containsPattern("(?m)^page_recall@10 +1\\.0000$");
    }

    @Test
    void should_exit_2_naming_the_problem_for_usage_errors() throws IOException {
        SluiceCliIT.Run noDocs = SluiceCliIT.run("eval", "import-financebench", "questions.jsonl");
        assertThat(noDocs.exit()).isEqualTo(2);
        assertThat(noDocs.err()).contains("Missing required option: '--docs=DIR'");

        SluiceCliIT.Run noFile = SluiceCliIT.run(
                "eval", "import-financebench", work.resolve("none.jsonl").toString(), "--docs", work.toString());
        assertThat(noFile.exit()).isEqualTo(2);
        assertThat(noFile.err()).contains("no FinanceBench questions file at " + work.resolve("none.jsonl"));

        Path in = questions(question("fb1", "q", 0));
        SluiceCliIT.Run noFolder = SluiceCliIT.run(
                "eval",
                "import-financebench",
                in.toString(),
                "--docs",
                work.resolve("missing").toString());
        assertThat(noFolder.exit()).isEqualTo(2);
        assertThat(noFolder.err()).contains("--docs: no folder at " + work.resolve("missing"));

        SluiceCliIT.Run missingPdf = SluiceCliIT.run(
                "eval",
                "import-financebench",
                in.toString(),
                "--docs",
                work.toString(),
                "--out",
                work.resolve("fb.jsonl").toString());
        assertThat(missingPdf.exit())
                .as("a filing missing from the folder is a data error, as in eval run")
                .isEqualTo(1);
        assertThat(missingPdf.err()).contains(in + " line 1: doc_name 'ACME_2020_10K': no file");

        for (SluiceCliIT.Run r : List.of(noDocs, noFile, noFolder, missingPdf)) {
            assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }
}
