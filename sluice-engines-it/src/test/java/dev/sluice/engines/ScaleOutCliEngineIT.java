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
}
