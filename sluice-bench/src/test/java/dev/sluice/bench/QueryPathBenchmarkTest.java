package dev.sluice.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.embed.EmbeddingModelSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A small run of {@code bench query-path} with the real model: every configuration measured, speed not asserted. */
class QueryPathBenchmarkTest {
    @Test
    void should_measure_every_query_configuration_beside_the_services_own() throws Exception {
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            queries.add("how does sluice gate number " + i + " hold back water");
        }
        StringWriter text = new StringWriter();
        QueryPathBenchmark.run(
                new QueryPathBenchmark.Options(EmbeddingModelSpec.BGE_SMALL_EN_V15_Q, queries, 2),
                new PrintWriter(text, true));
        String report = text.toString();

        assertThat(report)
                .contains("| single query, 1 intra-op thread (the service's) |")
                .contains("| 1.00x |")
                .contains("| single query, 2 intra-op threads |")
                .contains("| batches of 16, 1 intra-op thread |")
                .contains("| two callers at once")
                .contains("| single query without the instruction prefix")
                .containsPattern("min cosine 0\\.9\\d{3}|min cosine 1\\.0000");
    }
}
