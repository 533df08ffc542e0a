package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice traces}: every search records a trace; {@code traces show} prints it as a tree. */
class TracesCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void should_show_the_trace_of_a_search_as_a_tree_of_its_retrieval_steps() throws Exception {
        Path docs = Files.createDirectories(work.resolve("docs"));
        Files.writeString(docs.resolve("tides.md"), "# Tides\n\nThe moon pulls the oceans, which makes the tides.\n");
        Files.writeString(docs.resolve("bread.md"), "# Bread\n\nFlour, water, salt and yeast make bread.\n");
        String index = work.resolve("index").toString();
        assertThat(SluiceCliIT.run("ingest", docs.toString(), "--index", index, "--no-progress")
                        .exit())
                .isZero();

        SluiceCliIT.Run search = SluiceCliIT.run("search", "what makes the tides", "--index", index, "--json");
        assertThat(search.exit()).as(search.err()).isZero();
        String traceId = JSON.readTree(search.out()).get("traceId").asText();
        assertThat(traceId).matches("[0-9a-f]{32}");

        SluiceCliIT.Run shown = SluiceCliIT.run("traces", "show", traceId, "--index", index);
        assertThat(shown.exit()).as(shown.err()).isZero();
        assertThat(shown.out())
                .contains("trace " + traceId)
                .contains("- sluice search")
                .contains("  - search")
                .contains("    - retrieve.bm25")
                .contains("    - retrieve.dense")
                .contains("    - retrieve.fusion")
                .contains("sluice.candidates.chunk_ids")
                .contains("sluice.hits.chunk_ids");

        SluiceCliIT.Run json = SluiceCliIT.run("traces", "show", traceId, "--index", index, "--json");
        JsonNode spans = JSON.readTree(json.out()).get("spans");
        assertThat(spans.size()).isGreaterThanOrEqualTo(6);

        SluiceCliIT.Run list = SluiceCliIT.run("traces", "list", "--index", index, "--json");
        assertThat(JSON.readTree(list.out()).findValuesAsText("name")).contains("sluice search", "ingest");
        assertThat(list.out()).contains(traceId);

        SluiceCliIT.Run bad = SluiceCliIT.run("traces", "show", "xyz", "--index", index);
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("TRACE_ID must be 32 lowercase hex digits");
        SluiceCliIT.Run unknown = SluiceCliIT.run("traces", "show", "0".repeat(32), "--index", index);
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("no trace " + "0".repeat(32));
    }
}
