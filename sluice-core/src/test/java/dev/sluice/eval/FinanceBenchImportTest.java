package dev.sluice.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.SluiceException;
import dev.sluice.core.UsageException;
import dev.sluice.testkit.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FinanceBench importer on two lines copied unchanged from the FinanceBench release
 * (src/test/resources/eval/financebench/questions.jsonl) with blank PDFs of the right page counts made
 * here, and on the shared 28-question dev set with the real filings when ../shared/data is present.
 */
class FinanceBenchImportTest {
    private static final Path QUESTIONS = Path.of("src/test/resources/eval/financebench/questions.jsonl");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    Path docs;

    /** A PDF of blank pages. */
    static void blankPdf(Path target, int pages) throws IOException {
        try (PDDocument document = new PDDocument()) {
            for (int i = 0; i < pages; i++) {
                document.addPage(new PDPage());
            }
            document.save(target.toFile());
        }
    }

    @BeforeEach
    void filings() throws IOException {
        docs = Files.createDirectories(dir.resolve("filings"));
        blankPdf(docs.resolve("CORNING_2020_10K.pdf"), 72); // evidence on zero-based pages 69 and 71
        blankPdf(docs.resolve("JOHNSON_JOHNSON_2022Q4_EARNINGS.pdf"), 2); // evidence on zero-based page 0
    }

    private List<JsonNode> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(l -> {
                    try {
                        return JSON.readTree(l);
                    } catch (IOException e) {
                        throw new AssertionError(l, e);
                    }
                })
                .toList();
    }

    private Path questions(String... lines) throws IOException {
        return Files.write(dir.resolve("questions.jsonl"), List.of(lines), StandardCharsets.UTF_8);
    }

    private static String question(String id, String doc, String evidence) {
        return "{\"financebench_id\": \"" + id + "\", \"question\": \"q?\", \"answer\": \"a\", \"doc_name\": \"" + doc
                + "\", \"evidence\": " + evidence + "}";
    }

    @Test
    void should_turn_zero_based_evidence_pages_into_one_based_page_entries_the_reader_accepts() throws IOException {
        Path out = dir.resolve("evals").resolve("financebench.jsonl");
        FinanceBenchImport.Result result = FinanceBenchImport.convert(QUESTIONS, docs, "filings/", out);

        assertThat(result.questions()).isEqualTo(2);
        assertThat(result.evidencePages()).isEqualTo(3);
        assertThat(result.documents())
                .containsExactly("filings/CORNING_2020_10K.pdf", "filings/JOHNSON_JOHNSON_2022Q4_EARNINGS.pdf");
        List<JsonNode> lines = lines(out);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("id").asText()).isEqualTo("financebench_id_10130");
        assertThat(lines.get(0).get("answer").asText()).isEqualTo("63.86");
        assertThat(lines.get(0).get("relevant").toString())
                .isEqualTo("[{\"doc\":\"filings/CORNING_2020_10K.pdf\",\"page\":70},"
                        + "{\"doc\":\"filings/CORNING_2020_10K.pdf\",\"page\":72}]");
        assertThat(lines.get(1).get("relevant").toString())
                .isEqualTo("[{\"doc\":\"filings/JOHNSON_JOHNSON_2022Q4_EARNINGS.pdf\",\"page\":1}]");

        EvalSet set = EvalSetReader.readJsonl(out);
        assertThat(set.queryIds()).containsExactly("financebench_id_10130", "financebench_id_00651");
        assertThat(set.evidence("financebench_id_10130"))
                .extracting(Evidence::docId, Evidence::page)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("filings/CORNING_2020_10K.pdf", 70),
                        org.assertj.core.groups.Tuple.tuple("filings/CORNING_2020_10K.pdf", 72));
        assertThat(set.queries().get(1).text()).startsWith("Is growth in JnJ's adjusted EPS expected to accelerate");
        assertThat(set.qrels().judgments("financebench_id_00651"))
                .containsExactly(Map.entry("filings/JOHNSON_JOHNSON_2022Q4_EARNINGS.pdf", 1));
    }

    @Test
    void should_write_one_entry_per_distinct_page_and_no_prefix_by_default() throws IOException {
        Path in = questions(
                question(
                        "fb1",
                        "CORNING_2020_10K",
                        "[{\"doc_name\": \"CORNING_2020_10K\", \"evidence_page_num\": 3},"
                                + " {\"doc_name\": \"CORNING_2020_10K\", \"evidence_page_num\": 3, \"evidence_text\": \"again\"}]"));
        Path out = dir.resolve("fb.jsonl");
        FinanceBenchImport.convert(in, docs, null, out);
        assertThat(lines(out).getFirst().get("relevant").toString())
                .isEqualTo("[{\"doc\":\"CORNING_2020_10K.pdf\",\"page\":4}]");
    }

    @Test
    void should_name_the_line_and_the_missing_filing() throws IOException {
        Path in = questions(
                question("fb1", "CORNING_2020_10K", "[{\"doc_name\": \"CORNING_2020_10K\", \"evidence_page_num\": 0}]"),
                question("fb2", "CORNING_2020_10K", "[{\"doc_name\": \"NIKE_2021_10K\", \"evidence_page_num\": 0}]"));
        Path out = dir.resolve("fb.jsonl");
        assertThatThrownBy(() -> FinanceBenchImport.convert(in, docs, "", out))
                .isInstanceOf(SluiceException.class)
                .hasMessage(in + " line 2: evidence[0].doc_name 'NIKE_2021_10K': no file "
                        + docs.resolve("NIKE_2021_10K.pdf")
                        + "; check --docs, which must hold the filings as <doc_name>.pdf");
        assertThat(out).as("nothing written").doesNotExist();
    }

    @Test
    void should_name_the_line_of_a_page_beyond_the_end_of_the_filing() throws IOException {
        Path in = questions(question(
                "fb1",
                "JOHNSON_JOHNSON_2022Q4_EARNINGS",
                "[{\"doc_name\": \"JOHNSON_JOHNSON_2022Q4_EARNINGS\", \"evidence_page_num\": 1},"
                        + " {\"doc_name\": \"JOHNSON_JOHNSON_2022Q4_EARNINGS\", \"evidence_page_num\": 2}]"));
        assertThatThrownBy(() -> FinanceBenchImport.convert(in, docs, "", dir.resolve("fb.jsonl")))
                .isInstanceOf(SluiceException.class)
                .hasMessage(in + " line 1: evidence[1].evidence_page_num 2 (page 3 counting from 1) is beyond the"
                        + " last page of " + docs.resolve("JOHNSON_JOHNSON_2022Q4_EARNINGS.pdf") + ", which has 2"
                        + " pages");
    }

    @Test
    void should_name_the_line_and_field_of_malformed_questions() throws IOException {
        String[][] cases = {
            {question("fb1", "CORNING_2020_10K", "[]"), "line 1: \"evidence\" must be a non-empty array"},
            {
                question(
                        "fb1", "CORNING_2020_10K", "[{\"doc_name\": \"CORNING_2020_10K\", \"evidence_page_num\": -1}]"),
                "line 1: evidence[0].evidence_page_num must be a whole number >= 0 (FinanceBench counts pages from 0),"
                        + " got -1"
            },
            {
                question("fb1", "CORNING_2020_10K", "[{\"evidence_page_num\": 1}]"),
                "line 1: evidence[0].doc_name must be a filing name, got null"
            },
            {"{\"question\": \"q?\"}", "line 1: missing \"financebench_id\""},
            {"{\"financebench_id\": \"fb1\", \"question\": \"q?\"}", "line 1: missing \"doc_name\""},
        };
        for (String[] c : cases) {
            Path in = questions(c[0]);
            assertThatThrownBy(() -> FinanceBenchImport.convert(in, docs, "", dir.resolve("fb.jsonl")))
                    .as(c[0])
                    .isInstanceOf(SluiceException.class)
                    .hasMessageStartingWith(in + " " + c[1]);
        }
        Path twice = questions(
                question("fb1", "CORNING_2020_10K", "[{\"doc_name\": \"CORNING_2020_10K\", \"evidence_page_num\": 0}]"),
                question(
                        "fb1", "CORNING_2020_10K", "[{\"doc_name\": \"CORNING_2020_10K\", \"evidence_page_num\": 1}]"));
        assertThatThrownBy(() -> FinanceBenchImport.convert(twice, docs, "", dir.resolve("fb.jsonl")))
                .hasMessage(twice + " line 2: duplicate financebench_id 'fb1' (first at line 1)");
    }

    @Test
    void should_refuse_a_missing_questions_file_or_docs_folder_as_usage_errors() {
        assertThatThrownBy(() -> FinanceBenchImport.convert(dir.resolve("nope.jsonl"), docs, "", dir.resolve("o")))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("no FinanceBench questions file at " + dir.resolve("nope.jsonl"));
        assertThatThrownBy(() -> FinanceBenchImport.convert(QUESTIONS, dir.resolve("none"), "", dir.resolve("o")))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--docs: no folder at " + dir.resolve("none"));
        assertThatThrownBy(() -> FinanceBenchImport.convert(QUESTIONS, docs, "/abs/", dir.resolve("o")))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--path-prefix must be a relative path");
        assertThatThrownBy(() -> FinanceBenchImport.convert(QUESTIONS, docs, "", dir))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--out: " + dir + " is a folder");
    }

    @Test
    void should_import_the_shared_financebench_dev_set_against_the_real_filings() throws IOException {
        Optional<Path> questions = SharedData.resolve("financebench-dev/questions.jsonl");
        Optional<Path> filings = SharedData.resolve("documents/filings");
        Assumptions.assumeTrue(
                questions.isPresent() && filings.isPresent(),
                "shared data not found at ../shared/data/financebench-dev and documents/filings; skipping the real"
                        + " FinanceBench import");
        Path out = dir.resolve("financebench.jsonl");
        FinanceBenchImport.Result result = FinanceBenchImport.convert(questions.get(), filings.get(), "", out);
        assertThat(result.questions()).isEqualTo(28);
        assertThat(result.evidencePages()).as("six questions rest on two pages").isEqualTo(34);
        assertThat(result.documents()).hasSize(20);
        EvalSet set = EvalSetReader.readJsonl(out);
        assertThat(set.evidence("financebench_id_03029"))
                .as("the README's example: zero-based page 59 is the PDF's 60th page")
                .containsExactly(new Evidence("3M_2018_10K.pdf", 60, null, out.toString(), 1));
    }
}
