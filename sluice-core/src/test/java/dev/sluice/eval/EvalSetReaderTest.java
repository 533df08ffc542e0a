package dev.sluice.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.SluiceException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalSetReaderTest {
    @TempDir
    Path dir;

    private Path write(String relative, String... lines) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    private void beir(String queries, String qrels) throws IOException {
        write("queries.jsonl", queries.split("\n"));
        write("qrels/test.tsv", qrels.split("\n"));
    }

    // --- BEIR ---

    @Test
    void should_read_beir_queries_and_graded_qrels_keeping_only_judged_queries_in_file_order() throws IOException {
        beir("""
                {"_id": "q2", "text": "second"}
                {"_id": "q1", "text": "first"}

                {"_id": "q3", "text": "not judged"}""", "query-id\tcorpus-id\tscore\nq1\td1\t2\nq2\td2\t1\nq1\td3\t0");
        EvalSet set = EvalSetReader.readBeir(dir, "test");
        assertThat(set.queryIds()).containsExactly("q2", "q1");
        assertThat(set.queries().get(0)).isEqualTo(new EvalQuery("q2", "second", null));
        assertThat(set.qrels().judgments("q1")).containsExactly(Map.entry("d1", 2), Map.entry("d3", 0));
        assertThat(set.qrels().relevantCount("q1")).isEqualTo(1);
        assertThat(set.name()).endsWith("/test");
    }

    @Test
    void should_read_qrels_without_a_header_line() throws IOException {
        beir("{\"_id\": \"q1\", \"text\": \"t\"}", "q1\td1\t1");
        assertThat(EvalSetReader.readBeir(dir, "test").qrels().judgments("q1")).containsEntry("d1", 1);
    }

    @Test
    void should_name_file_and_line_of_malformed_json() throws IOException {
        beir("{\"_id\": \"q1\", \"text\": \"t\"}\n{\"_id\": \"q2\", \"text\": ", "q1\td1\t1");
        assertThatThrownBy(() -> EvalSetReader.readBeir(dir, "test"))
                .isInstanceOf(SluiceException.class)
                .hasMessageStartingWith(dir.resolve("queries.jsonl") + " line 2: not valid JSON: ");
    }

    @Test
    void should_reject_trailing_garbage_after_a_json_object() throws IOException {
        beir("{\"_id\": \"q1\", \"text\": \"t\"} x", "q1\td1\t1");
        assertThatThrownBy(() -> EvalSetReader.readBeir(dir, "test"))
                .hasMessageContaining("queries.jsonl line 1: not valid JSON");
    }

    @Test
    void should_name_file_and_line_of_a_missing_or_blank_query_field() throws IOException {
        beir("{\"_id\": \"q1\", \"text\": \"t\"}\n{\"text\": \"no id\"}", "q1\td1\t1");
        assertThatThrownBy(() -> EvalSetReader.readBeir(dir, "test"))
                .hasMessageEndingWith("queries.jsonl line 2: missing \"_id\"");
        beir("{\"_id\": \"q1\", \"text\": \"  \"}", "q1\td1\t1");
        assertThatThrownBy(() -> EvalSetReader.readBeir(dir, "test"))
                .hasMessageEndingWith("queries.jsonl line 1: \"text\" is blank");
    }

    @Test
    void should_name_both_lines_of_a_duplicate_query_id() throws IOException {
        beir("{\"_id\": \"q1\", \"text\": \"a\"}\n\n{\"_id\": \"q1\", \"text\": \"b\"}", "q1\td1\t1");
        assertThatThrownBy(() -> EvalSetReader.readBeir(dir, "test"))
                .hasMessageContaining("queries.jsonl line 3: duplicate query id 'q1' (first at line 1)");
    }

    @Test
    void should_name_file_and_line_of_a_non_integer_grade() throws IOException {
        beir("{\"_id\": \"q1\", \"text\": \"a\"}", "query-id\tcorpus-id\tscore\nq1\td1\t1\nq1\td2\thigh");
        assertThatThrownBy(() -> EvalSetReader.readBeir(dir, "test"))
                .hasMessageContaining(
                        dir.resolve("qrels").resolve("test.tsv") + " line 3: score 'high' is not an integer");
    }

    @Test
    void should_name_file_and_line_of_a_wrong_column_count() throws IOException {
        beir("{\"_id\": \"q1\", \"text\": \"a\"}", "q1\t0\td1\t1");
        assertThatThrownBy(() -> EvalSetReader.readBeir(dir, "test"))
                .hasMessageContaining(
                        "test.tsv line 1: expected 3 tab-separated columns (query-id, corpus-id, score), got 4");
    }

    @Test
    void should_name_both_lines_of_a_duplicate_judgment() throws IOException {
        beir("{\"_id\": \"q1\", \"text\": \"a\"}", "q1\td1\t1\nq1\td1\t2");
        assertThatThrownBy(() -> EvalSetReader.readBeir(dir, "test"))
                .hasMessageContaining("test.tsv line 2: duplicate judgment for query 'q1' and document 'd1'")
                .hasMessageContaining("(first at " + dir.resolve("qrels").resolve("test.tsv") + " line 1)");
    }

    @Test
    void should_fail_when_qrels_judge_a_query_that_queries_jsonl_lacks() throws IOException {
        beir("{\"_id\": \"q1\", \"text\": \"a\"}", "q1\td1\t1\nq9\td1\t1\nq8\td2\t1\nq9\td3\t1");
        assertThatThrownBy(() -> EvalSetReader.readBeir(dir, "test"))
                .hasMessageContaining("test.tsv line 2: query 'q9' is not in ")
                .hasMessageContaining("(2 judged queries are missing from it)");
    }

    @Test
    void should_refuse_an_empty_query_set() throws IOException {
        beir("", "q1\td1\t1");
        assertThatThrownBy(() -> EvalSetReader.readBeir(dir, "test"))
                .hasMessageContaining("queries.jsonl has no queries");
        beir("{\"_id\": \"q1\", \"text\": \"a\"}", "query-id\tcorpus-id\tscore");
        assertThatThrownBy(() -> EvalSetReader.readBeir(dir, "test")).hasMessageContaining("test.tsv has no judgments");
    }

    @Test
    void should_list_the_splits_present_when_the_split_is_missing() throws IOException {
        beir("{\"_id\": \"q1\", \"text\": \"a\"}", "q1\td1\t1");
        write("qrels/dev.tsv", "q1\td1\t1");
        assertThatThrownBy(() -> EvalSetReader.readBeir(dir, "train"))
                .hasMessageContaining("train.tsv; splits present: dev, test");
    }

    @Test
    void should_name_the_line_of_invalid_utf8() throws IOException {
        Path file = dir.resolve("queries.jsonl");
        Files.write(file, new byte[] {'{', '}', '\n', '"', (byte) 0xC3, (byte) 0x28, '"', '\n'});
        write("qrels/test.tsv", "q1\td1\t1");
        assertThatThrownBy(() -> EvalSetReader.readBeir(dir, "test"))
                .hasMessageContaining("queries.jsonl line ")
                .hasMessageContaining("not valid UTF-8");
    }

    // --- BEIR corpus ---

    @Test
    void should_stream_a_gzipped_corpus_in_file_order() throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("corpus.jsonl.gz")))) {
            out.write("""
                    {"_id": "d2", "title": "Two", "text": "second"}
                    {"_id": "d1", "text": "no title"}
                    """.getBytes(StandardCharsets.UTF_8));
        }
        List<CorpusDoc> docs = new ArrayList<>();
        long count = EvalSetReader.readBeirCorpus(dir, docs::add);
        assertThat(count).isEqualTo(2);
        assertThat(docs).containsExactly(new CorpusDoc("d2", "Two", "second"), new CorpusDoc("d1", "", "no title"));
    }

    @Test
    void should_name_both_lines_of_a_duplicate_document_id() throws IOException {
        write(
                "corpus.jsonl",
                "{\"_id\": \"d1\", \"text\": \"a\"}",
                "{\"_id\": \"d2\", \"text\": \"b\"}",
                "{\"_id\": \"d1\", \"text\": \"c\"}");
        assertThatThrownBy(() -> EvalSetReader.readBeirCorpus(dir, d -> {}))
                .hasMessageContaining("corpus.jsonl line 3: duplicate document id 'd1' (first at line 1)");
    }

    @Test
    void should_say_what_a_beir_folder_holds_when_the_corpus_is_missing() {
        assertThatThrownBy(() -> EvalSetReader.readBeirCorpus(dir, d -> {}))
                .hasMessageContaining("no corpus.jsonl (or .jsonl.gz) in " + dir)
                .hasMessageContaining("qrels/<split>.tsv");
    }

    // --- Sluice JSONL ---

    @Test
    void should_read_sluice_jsonl_with_plain_and_graded_relevant_entries_and_answers() throws IOException {
        Path file = write(
                "golden.jsonl",
                "{\"id\": \"q1\", \"question\": \"What?\", \"relevant\": [\"doc-a\", {\"id\": \"https://x/b\", \"grade\": 2}], \"answer\": \"This.\"}",
                "{\"id\": \"q2\", \"question\": \"Why?\", \"relevant\": [{\"id\": \"doc-c\"}], \"extra\": true}");
        EvalSet set = EvalSetReader.readJsonl(file);
        assertThat(set.name()).isEqualTo("golden");
        assertThat(set.queries())
                .containsExactly(new EvalQuery("q1", "What?", "This."), new EvalQuery("q2", "Why?", null));
        assertThat(set.qrels().judgments("q1")).containsExactly(Map.entry("doc-a", 1), Map.entry("https://x/b", 2));
        assertThat(set.qrels().judgments("q2")).containsExactly(Map.entry("doc-c", 1));
    }

    @Test
    void should_name_file_and_line_of_a_bad_sluice_jsonl_entry() throws IOException {
        Path file = write(
                "golden.jsonl",
                "{\"id\": \"q1\", \"question\": \"a\", \"relevant\": [\"d\"]}",
                "{\"id\": \"q2\", \"question\": \"b\", \"relevant\": [{\"id\": \"d\", \"grade\": 1.5}]}");
        assertThatThrownBy(() -> EvalSetReader.readJsonl(file))
                .hasMessage(file + " line 2: \"relevant\"[0].grade must be an integer such as 0, 1 or 2, got 1.5");

        Path noRelevant = write("empty-rel.jsonl", "{\"id\": \"q1\", \"question\": \"a\", \"relevant\": []}");
        assertThatThrownBy(() -> EvalSetReader.readJsonl(noRelevant))
                .hasMessageContaining("empty-rel.jsonl line 1: \"relevant\" must be a non-empty array");

        Path missing = write("missing.jsonl", "{\"id\": \"q1\", \"relevant\": [\"d\"]}");
        assertThatThrownBy(() -> EvalSetReader.readJsonl(missing))
                .hasMessageContaining("missing.jsonl line 1: missing \"question\"");

        Path twice =
                write("twice.jsonl", "{\"id\": \"q1\", \"question\": \"a\", \"relevant\": [\"d\", {\"id\": \"d\"}]}");
        assertThatThrownBy(() -> EvalSetReader.readJsonl(twice))
                .hasMessageContaining("twice.jsonl line 1: \"relevant\" lists 'd' twice");

        Path notObject = write("array.jsonl", "[1, 2]");
        assertThatThrownBy(() -> EvalSetReader.readJsonl(notObject))
                .hasMessageContaining("array.jsonl line 1: expected a JSON object, got array");
    }

    @Test
    void should_name_both_lines_of_a_duplicate_question_id_in_sluice_jsonl() throws IOException {
        Path file = write(
                "golden.jsonl",
                "{\"id\": \"q1\", \"question\": \"a\", \"relevant\": [\"d\"]}",
                "{\"id\": \"q1\", \"question\": \"b\", \"relevant\": [\"e\"]}");
        assertThatThrownBy(() -> EvalSetReader.readJsonl(file))
                .hasMessageContaining("golden.jsonl line 2: duplicate query id 'q1' (first at line 1)");
    }

    @Test
    void should_refuse_an_empty_sluice_jsonl_file() throws IOException {
        Path file = write("empty.jsonl", "", "  ");
        assertThatThrownBy(() -> EvalSetReader.readJsonl(file)).hasMessageContaining("empty.jsonl has no queries");
    }

    // --- pages and passages ---

    @Test
    void should_read_page_and_passage_entries_as_evidence_that_also_makes_the_document_relevant() throws IOException {
        Path file = write(
                "pages.jsonl",
                "{\"id\": \"q1\", \"question\": \"capex?\", \"relevant\": [{\"doc\": \"filings/3M.pdf\", \"page\": 60},"
                        + " {\"doc\": \"filings/3M.pdf\", \"page\": [62, 63], \"grade\": 2},"
                        + " {\"id\": \"notes.md\", \"passage\": \"Capital spending rose.\", \"note\": \"ignored\"}]}",
                "{\"id\": \"q2\", \"question\": \"old style\", \"relevant\": [\"doc-a\", {\"id\": \"doc-b\", \"grade\": 0}]}");
        EvalSet set = EvalSetReader.readJsonl(file);
        assertThat(set.evidence("q1"))
                .containsExactly(
                        new Evidence("filings/3M.pdf", 60, null, file.toString(), 1),
                        new Evidence("filings/3M.pdf", 62, null, file.toString(), 1),
                        new Evidence("filings/3M.pdf", 63, null, file.toString(), 1),
                        new Evidence("notes.md", 0, "Capital spending rose.", file.toString(), 1));
        assertThat(set.qrels().judgments("q1"))
                .as("one judgment per document, with the highest grade of its entries")
                .containsExactly(Map.entry("filings/3M.pdf", 2), Map.entry("notes.md", 1));
        assertThat(set.evidence("q2")).isEmpty();
        assertThat(set.qrels().judgments("q2")).containsExactly(Map.entry("doc-a", 1), Map.entry("doc-b", 0));
        assertThat(set.hasEvidence()).isTrue();
        assertThat(set.queriesWithoutEvidence()).containsExactly("q2");
    }

    @Test
    void should_let_a_document_entry_and_page_entries_of_the_same_document_stand_together() throws IOException {
        Path file = write(
                "mixed.jsonl",
                "{\"id\": \"q1\", \"question\": \"a\", \"relevant\": [\"d.pdf\", {\"doc\": \"d.pdf\", \"page\": 2},"
                        + " {\"doc\": \"d.pdf\", \"page\": 3}]}");
        EvalSet set = EvalSetReader.readJsonl(file);
        assertThat(set.qrels().judgments("q1")).containsExactly(Map.entry("d.pdf", 1));
        assertThat(set.evidence("q1")).extracting(Evidence::page).containsExactly(2, 3);
    }

    @Test
    void should_name_file_line_and_field_of_every_bad_page_or_passage_entry() throws IOException {
        String[][] cases = {
            {
                "{\"doc\": \"d\", \"page\": 0}",
                "\"relevant\"[0].page must be a positive whole number (pages count"
                        + " from 1, as PDF viewers count them), got 0"
            },
            {"{\"doc\": \"d\", \"page\": -3}", "\"relevant\"[0].page must be a positive whole number"},
            {"{\"doc\": \"d\", \"page\": 1.5}", "\"relevant\"[0].page must be a positive whole number"},
            {"{\"doc\": \"d\", \"page\": \"60\"}", "\"relevant\"[0].page must be a positive whole number"},
            {"{\"doc\": \"d\", \"page\": [60, 0]}", "\"relevant\"[0].page[1] must be a positive whole number"},
            {"{\"doc\": \"d\", \"page\": []}", "\"relevant\"[0].page is an empty list"},
            {"{\"doc\": \"d\", \"passage\": \"  \"}", "\"relevant\"[0].passage is empty"},
            {"{\"doc\": \"d\", \"passage\": \"...\"}", "\"relevant\"[0].passage has no letters or digits"},
            {"{\"doc\": \"d\", \"passage\": 7}", "\"relevant\"[0].passage must be a string, got number 7"},
            {
                "{\"doc\": \"d\", \"page\": 2, \"passage\": \"text\"}",
                "\"relevant\"[0] gives both \"page\" and \"passage\""
            },
            {"{\"doc\": \"d\", \"id\": \"d\", \"page\": 2}", "\"relevant\"[0] gives both \"id\" and \"doc\""},
            {"{\"page\": 2}", "\"relevant\"[0] needs a string \"doc\" (or \"id\")"},
            {"{\"doc\": \"d\", \"page\": 2, \"grade\": 0}", "\"relevant\"[0].grade must be > 0 for a page or passage"},
        };
        for (String[] c : cases) {
            Path file = write(
                    "bad.jsonl",
                    "{\"id\": \"q1\", \"question\": \"a\", \"relevant\": [\"d\"]}",
                    "{\"id\": \"q2\", \"question\": \"b\", \"relevant\": [" + c[0] + "]}");
            assertThatThrownBy(() -> EvalSetReader.readJsonl(file))
                    .as(c[0])
                    .isInstanceOf(SluiceException.class)
                    .hasMessageStartingWith(file + " line 2: " + c[1]);
        }
    }

    @Test
    void should_refuse_the_same_page_or_passage_twice_but_not_two_pages_of_one_document() throws IOException {
        Path pages = write(
                "pages.jsonl",
                "{\"id\": \"q1\", \"question\": \"a\", \"relevant\": [{\"doc\": \"d\", \"page\": 2},"
                        + " {\"doc\": \"d\", \"page\": [3, 2]}]}");
        assertThatThrownBy(() -> EvalSetReader.readJsonl(pages))
                .hasMessage(pages + " line 1: \"relevant\" lists page 2 of 'd' twice (\"relevant\"[0] and"
                        + " \"relevant\"[1]); keep one entry");
        Path passages = write(
                "passages.jsonl",
                "{\"id\": \"q1\", \"question\": \"a\", \"relevant\": [{\"doc\": \"d\", \"passage\": \"Net income\"},"
                        + " {\"doc\": \"d\", \"passage\": \"net   INCOME.\"}]}");
        assertThatThrownBy(() -> EvalSetReader.readJsonl(passages))
                .hasMessageContaining("passages.jsonl line 1: \"relevant\" lists the same passage of 'd' twice");
    }

    // --- unknown documents ---

    @Test
    void should_name_qrels_file_line_and_count_of_unknown_document_ids() throws IOException {
        beir("{\"_id\": \"q1\", \"text\": \"a\"}", "query-id\tcorpus-id\tscore\nq1\td1\t1\nq1\tgone\t1\nq1\tlost\t0");
        EvalSet set = EvalSetReader.readBeir(dir, "test");
        set.checkDocumentIds(java.util.Set.of("d1", "gone", "lost"));
        assertThatThrownBy(() -> set.checkDocumentIds(java.util.Set.of("d1")))
                .hasMessageStartingWith(
                        dir.resolve("qrels").resolve("test.tsv") + " line 3: document 'gone' (query 'q1')"
                                + " is not in the corpus; 2 of 3 judgments name unknown documents");
    }
}
