package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.catalog.DocumentRecord;
import dev.sluice.eval.EvalQueryResult;
import dev.sluice.eval.EvalRunRecord;
import dev.sluice.sqlite.SqliteCatalog;
import dev.sluice.testkit.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice eval} end to end on a ten-document BEIR fixture (src/test/resources/eval/tiny-beir),
 * with the real model, index and catalog: import, runs in three modes, stored per-query results,
 * gates and their exit codes, comparison of stored runs, and bad eval sets.
 */
class EvalCliIT {
    private static final Path TINY = Fixtures.tinyBeir();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    static Path index;

    @BeforeAll
    static void importTheCorpus() {
        index = work.resolve("index");
        SluiceCliIT.Run imported = SluiceCliIT.run("eval", "import-beir", TINY.toString(), "--index", index.toString());
        assertThat(imported.exit()).as(imported.err()).isZero();
    }

    private static SluiceCliIT.Run eval(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "eval";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--index";
        all[args.length + 2] = index.toString();
        return SluiceCliIT.run(all);
    }

    private static Path config(String yaml) throws Exception {
        return Files.writeString(work.resolve("sluice-" + yaml.hashCode() + ".yaml"), yaml);
    }

    @Test
    void should_import_a_beir_corpus_keeping_its_ids_and_process_nothing_when_imported_again() {
        try (SqliteCatalog catalog = SqliteCatalog.openExisting(index)) {
            Map<String, DocumentRecord> docs = catalog.documents();
            assertThat(docs.values().stream().map(DocumentRecord::path).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrder("d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8", "d9", "d10");
            assertThat(docs).containsKey("beir:tiny-beir/d3");
        }
        SluiceCliIT.Run again = SluiceCliIT.run("eval", "import-beir", TINY.toString(), "--index", index.toString());
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).containsPattern("ingested\\s+0").containsPattern("unchanged \\(skipped\\)\\s+10");
    }

    @Test
    void should_print_the_import_summary_as_json_when_asked() throws Exception {
        SluiceCliIT.Run again =
                SluiceCliIT.run("eval", "import-beir", TINY.toString(), "--index", index.toString(), "--json");

        assertThat(again.exit()).as(again.err()).isZero();
        JsonNode json = JSON.readTree(again.out());
        assertThat(json.get("ingested").asInt()).isZero();
        assertThat(json.get("unchanged").asInt()).isEqualTo(10);
        assertThat(json.get("index").asText()).isNotBlank();
        assertThat(again.err()).contains("next: sluice eval run --set");
    }

    @Test
    void should_report_three_modes_and_store_per_query_results_that_add_up_to_the_means() throws Exception {
        SluiceCliIT.Run run = eval("run", "--set", TINY.toString(), "--k", "1,3,10", "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("queries").asInt())
                .as("q5 has no judgments and is left out, as BEIR does")
                .isEqualTo(4);
        assertThat(report.get("modes")).hasSize(3);
        long id = report.get("run").asLong();
        try (SqliteCatalog catalog = SqliteCatalog.openExisting(index)) {
            EvalRunRecord stored = catalog.evalRun(id);
            List<EvalQueryResult> rows = catalog.evalResults(id);
            assertThat(rows).hasSize(4 * 3);
            for (String mode : stored.modes()) {
                List<EvalQueryResult> ofMode =
                        rows.stream().filter(r -> r.mode().equals(mode)).toList();
                for (String metric : stored.metrics()) {
                    double mean = ofMode.stream()
                                    .mapToDouble(r -> r.values().get(metric))
                                    .sum()
                            / 4;
                    assertThat(report.get("means").get(mode).get(metric).asDouble())
                            .as("%s %s", mode, metric)
                            .isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-12));
                }
                for (EvalQueryResult r : ofMode) {
                    boolean relevantFirst = r.relevantRanks().containsValue(1);
                    assertThat(r.values().get("hit@1")).isEqualTo(relevantFirst ? 1.0 : 0.0);
                    assertThat(r.topDocuments()).isNotEmpty();
                }
            }
        }
        // BM25 on q3 ("why does the sea have tides"): d4 is the only document with "tides".
        EvalQueryResult q3 = null;
        try (SqliteCatalog catalog = SqliteCatalog.openExisting(index)) {
            q3 = catalog.evalResults(id).stream()
                    .filter(r -> r.mode().equals("bm25") && r.queryId().equals("q3"))
                    .findFirst()
                    .orElseThrow();
        }
        assertThat(q3.relevantRanks()).containsExactly(Map.entry("d4", 1));
        assertThat(q3.values().get("ndcg@10")).isEqualTo(1.0);
    }

    @Test
    void should_exit_3_naming_each_failing_gate_and_0_when_all_pass() throws Exception {
        Path passing = config("index: " + index + "\neval:\n  gates:\n    - ndcg@10 >= 0.1\n    - recall@10 > 0\n");
        SluiceCliIT.Run ok = SluiceCliIT.run(
                "eval", "run", "--set", TINY.toString(), "--modes", "bm25", "--gate", "--config", passing.toString());
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.err()).contains("gate passed");

        Path failing = config("index: " + index + "\neval:\n  gates:\n    - bm25:ndcg@10 >= 0.99\n"
                + "    - hybrid:ndcg@10 >= 0.99\n    - p@1 >= 2\n");
        SluiceCliIT.Run failed = SluiceCliIT.run(
                "eval",
                "run",
                "--set",
                TINY.toString(),
                "--modes",
                "bm25",
                "--k",
                "1,10",
                "--gate",
                "--config",
                failing.toString());
        assertThat(failed.exit()).isEqualTo(SluiceCli.EXIT_CHECK_FAILED);
        assertThat(failed.err())
                .contains("gate failed (2)")
                .containsPattern("bm25 ndcg@10 = 0\\.\\d{4}, needs >= 0\\.99")
                .contains("bm25 p@1 = ")
                .as("a gate for a mode that was not run does not apply")
                .doesNotContain("hybrid");
    }

    @Test
    void should_compare_two_stored_runs_and_refuse_runs_of_different_sets() throws Exception {
        SluiceCliIT.Run a = eval("run", "--set", TINY.toString(), "--modes", "bm25,hybrid", "--json");
        SluiceCliIT.Run b = eval("run", "--set", TINY.toString(), "--modes", "hybrid", "--json");
        long runA = JSON.readTree(a.out()).get("run").asLong();
        long runB = JSON.readTree(b.out()).get("run").asLong();

        SluiceCliIT.Run compared = eval("compare", Long.toString(runA), Long.toString(runB), "--json");

        assertThat(compared.exit()).as(compared.err()).isZero();
        JsonNode deltas = JSON.readTree(compared.out()).get("deltas");
        assertThat(deltas)
                .as("only the mode both runs share")
                .allSatisfy(d -> assertThat(d.get("mode").asText()).isEqualTo("hybrid"));
        assertThat(deltas).allSatisfy(d -> {
            assertThat(d.get("comparison").get("meanDelta").asDouble()).isZero();
            assertThat(d.get("comparison").get("pValue").asDouble()).isEqualTo(1.0);
        });

        Path other = Files.writeString(
                work.resolve("other.jsonl"), "{\"id\": \"x\", \"question\": \"tides\", \"relevant\": [\"d4\"]}\n");
        SluiceCliIT.Run c = eval("run", "--set", other.toString(), "--modes", "bm25", "--json");
        assertThat(c.exit()).as(c.err()).isZero();
        long runC = JSON.readTree(c.out()).get("run").asLong();
        SluiceCliIT.Run refused = eval("compare", Long.toString(runA), Long.toString(runC));
        assertThat(refused.exit())
                .as("comparing runs of different sets is the user's to change")
                .isEqualTo(2);
        assertThat(refused.err()).contains("measured different eval sets");
    }

    @Test
    void should_name_file_and_line_of_a_bad_eval_set_and_store_nothing() throws Exception {
        int before;
        try (SqliteCatalog catalog = SqliteCatalog.openExisting(index)) {
            before = catalog.evalRuns().size();
        }
        Path malformed = Files.writeString(
                work.resolve("bad.jsonl"),
                "{\"id\": \"a\", \"question\": \"tides\", \"relevant\": [\"d4\"]}\n{\"id\": \"b\", \"question\": \n");
        SluiceCliIT.Run bad = eval("run", "--set", malformed.toString());
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("bad.jsonl line 2").contains("not valid JSON");

        Path unknown = Files.writeString(
                work.resolve("unknown.jsonl"),
                "{\"id\": \"a\", \"question\": \"tides\", \"relevant\": [\"d4\"]}\n"
                        + "{\"id\": \"b\", \"question\": \"lava\", \"relevant\": [\"d99\"]}\n");
        SluiceCliIT.Run missing = eval("run", "--set", unknown.toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("unknown.jsonl line 2").contains("d99");
        assertThat(missing.err()).doesNotContain("Exception");

        try (SqliteCatalog catalog = SqliteCatalog.openExisting(index)) {
            assertThat(catalog.evalRuns()).hasSize(before);
        }
    }

    @Test
    void should_tune_on_train_queries_report_only_held_back_ones_and_recommend_a_config_that_loads() throws Exception {
        SluiceCliIT.Run tuned = eval("tune", "--set", TINY.toString(), "--held-out", "0.5", "--json");
        assertThat(tuned.exit()).as(tuned.err()).isZero();
        JsonNode result = JSON.readTree(tuned.out());
        assertThat(result.get("trainQueries").asInt()).isEqualTo(2);
        assertThat(result.get("heldOutQueries").asInt()).isEqualTo(2);
        assertThat(result.get("heldOutHybrid").get("queries").asInt())
                .as("figures come from the held-back queries only")
                .isEqualTo(2);
        assertThat(result.get("candidates").asInt())
                .as("defaults, 20 BM25 and 1 + 90 fusion settings")
                .isEqualTo(112);
        SluiceCliIT.Run again = eval("tune", "--set", TINY.toString(), "--held-out", "0.5", "--json");
        assertThat(JSON.readTree(again.out()).get("tuned"))
                .as("same seed, same choice")
                .isEqualTo(result.get("tuned"));

        SluiceCliIT.Run table = eval("tune", "--set", TINY.toString(), "--held-out", "0.5");
        String yaml = table.out().substring(table.out().indexOf("retrieval:"));
        Path file = config("index: " + index + "\n" + yaml);
        SluiceCliIT.Run shown = SluiceCliIT.run("config", "show", "--config", file.toString());
        assertThat(shown.exit()).as(shown.err()).isZero();
        SluiceCliIT.Run search = SluiceCliIT.run("search", "tides", "--config", file.toString(), "--json");
        assertThat(search.exit()).as(search.err()).isZero();
        assertThat(JSON.readTree(search.out()).get("results").get(0).get("path").asText())
                .isEqualTo("d4");

        SluiceCliIT.Run tooFew = eval("tune", "--set", TINY.toString());
        assertThat(tooFew.exit())
                .as("a set too small to split is a usage error")
                .isEqualTo(2);
        assertThat(tooFew.err()).contains("needs at least two train and two held-back queries");
    }

    @Test
    void should_try_chunk_settings_in_scratch_indexes_and_leave_the_index_as_it_was() throws Exception {
        int before;
        try (SqliteCatalog catalog = SqliteCatalog.openExisting(index)) {
            before = catalog.documents().size();
        }
        SluiceCliIT.Run tuned = eval(
                "tune",
                "--set",
                TINY.toString(),
                "--held-out",
                "0.5",
                "--reindex",
                "--chunk-sizes",
                "64,256",
                "--overlaps",
                "0,16");

        assertThat(tuned.exit()).as(tuned.err()).isZero();
        assertThat(tuned.err())
                .contains("indexing with chunks of at most 64 tokens, overlap 0")
                .contains("indexing with chunks of at most 64 tokens, overlap 16")
                .contains("indexing with chunks of at most 256 tokens, overlap 0")
                .contains("indexing with chunks of at most 256 tokens, overlap 16");
        assertThat(tuned.out()).contains("Chunking: chose among 5 settings").contains("chunking:\n  maxTokens: ");
        assertThat(tuned.out()).contains("retrieval:");
        try (SqliteCatalog catalog = SqliteCatalog.openExisting(index)) {
            assertThat(catalog.documents()).hasSize(before);
            assertThat(catalog.documents().values())
                    .allSatisfy(d -> assertThat(d.chunkerVersion()).endsWith("max=256;overlap=32"));
        }

        Path set = Files.writeString(
                work.resolve("reindex.jsonl"), "{\"id\": \"x\", \"question\": \"tides\", \"relevant\": [\"d4\"]}\n");
        SluiceCliIT.Run jsonl = eval("tune", "--set", set.toString(), "--reindex");
        assertThat(jsonl.exit()).isEqualTo(2);
        assertThat(jsonl.err()).contains("--reindex needs a BEIR folder");
    }
}
