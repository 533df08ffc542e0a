package dev.sluice.engines;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CLI over the scale-out backends, as a user runs it: sluice.yaml names a PostgreSQL catalog (and an
 * OpenSearch index, or the embedded one), and sync, search, ask, runs, status and keys work as in the
 * embedded mode, with what they record in the shared catalog.
 */
class ScaleOutCliEngineIT {
    @TempDir
    Path work;

    private ScaleOut kb;

    @AfterEach
    void drop() {
        if (kb != null) {
            kb.close();
        }
    }

    private ScaleOut open(String index) throws Exception {
        kb = new ScaleOut(work, index.equals("opensearch"));
        return kb;
    }

    @ParameterizedTest(name = "index {0}")
    @ValueSource(strings = {"lucene", "opensearch"})
    void should_sync_search_ask_and_report_with_the_catalog_in_postgresql(String index) throws Exception {
        ScaleOut kb = open(index);
        ScaleOut.Run sync = kb.cli("sync");
        assertThat(sync.exit()).as(sync.err()).isZero();
        assertThat(sync.out()).containsPattern("ingested\\s+4\\n");

        try (Connection c = ScaleOut.connect();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT count(*) FROM " + kb.schema + ".documents WHERE status = 'indexed'")) {
            rs.next();
            assertThat(rs.getInt(1))
                    .as("documents recorded in the schema, not in a SQLite file")
                    .isEqualTo(4);
        }
        assertThat(Files.exists(kb.folder.resolve("local").resolve("catalog.sqlite")))
                .isFalse();

        ScaleOut.Run search = kb.cli("search", "--mode", "hybrid", "how do locks raise boats");
        assertThat(search.exit()).as(search.err()).isZero();
        assertThat(search.out()).contains("canals.md");

        ScaleOut.Run ask = kb.cli("ask", "How do locks move boats between water levels?");
        assertThat(ask.exit()).as(ask.err()).isZero();
        assertThat(ask.out()).contains("canals.md");

        ScaleOut.Run again = kb.cli("sync");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).containsPattern("ingested\\s+0\\n").containsPattern("unchanged \\(skipped\\)\\s+4\\n");

        ScaleOut.Run runs = kb.cli("runs");
        assertThat(runs.exit()).as(runs.err()).isZero();
        assertThat(runs.out()).contains("ok").containsPattern("(?m)^\\s*2\\b");

        ScaleOut.Run status = kb.cli("status");
        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(status.out()).contains("docs");

        ScaleOut.Run key = kb.cli("keys", "create", "--principal", "ana");
        assertThat(key.exit()).as(key.err()).isZero();
        ScaleOut.Run keys = kb.cli("keys", "list");
        assertThat(keys.out()).contains("ana");
    }

    @org.junit.jupiter.api.Test
    void should_import_evaluate_and_tune_on_opensearch_leaving_bm25_at_the_index_settings() throws Exception {
        ScaleOut kb = open("opensearch");
        java.nio.file.Path tiny = dev.sluice.testkit.Fixtures.tinyBeir();
        ScaleOut.Run imported = kb.cli("eval", "import-beir", tiny.toString());
        assertThat(imported.exit()).as(imported.err()).isZero();

        ScaleOut.Run run = kb.cli("eval", "run", "--set", tiny.toString(), "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("ndcg");

        ScaleOut.Run tuned = kb.cli("eval", "tune", "--set", tiny.toString(), "--held-out", "0.5", "--json");
        assertThat(tuned.exit()).as(tuned.err()).isZero();
        com.fasterxml.jackson.databind.JsonNode result =
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(tuned.out());
        assertThat(result.get("candidates").asInt())
                .as("defaults and 1 + 90 fusion settings: no BM25 k1 and b, which the index fixes")
                .isEqualTo(92);
        assertThat(tuned.out()).contains("1.2").contains("0.75");
    }
}
