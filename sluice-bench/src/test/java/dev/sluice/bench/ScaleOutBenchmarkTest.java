package dev.sluice.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.cli.SluiceCli;
import dev.sluice.retrieve.SearchMode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * {@code bench scale-out} without the engines: its options, its message when OpenSearch is not there, and
 * the shape of its {@code --json} figures (the benchmark itself runs against the engines, never as a test).
 */
class ScaleOutBenchmarkTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Result(int exit, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SluiceCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void should_refuse_a_bad_option_naming_the_flag_before_reaching_an_engine() {
        Result zero = run("bench", "scale-out", "--chunks", "0");
        Result url = run("bench", "scale-out", "--pg-url", "postgres://x");

        assertThat(zero.exit()).isEqualTo(SluiceCli.EXIT_USAGE);
        assertThat(zero.err()).contains("--chunks must be > 0, got 0").doesNotContain("\tat ");
        assertThat(url.exit()).isEqualTo(SluiceCli.EXIT_USAGE);
        assertThat(url.err()).contains("--pg-url must be a jdbc:postgresql: URL, got postgres://x");
    }

    @Test
    void should_name_the_flag_and_the_script_when_opensearch_does_not_answer() {
        Result result = run("bench", "scale-out", "--opensearch-url", "http://127.0.0.1:1", "--chunks", "10");

        assertThat(result.exit()).isNotZero();
        assertThat(result.err())
                .contains("OpenSearch does not answer at http://127.0.0.1:1 (--opensearch-url)")
                .contains("scripts/engines/opensearch.sh start")
                .doesNotContain("\tat ");
    }

    @Test
    void should_record_opensearch_figures_beside_lucene_and_two_replicas_beside_one() throws Exception {
        BenchReport report = new BenchReport();
        List<ScaleOutBenchmark.IndexRow> rows = new ArrayList<>();
        for (SearchMode mode : List.of(SearchMode.BM25, SearchMode.DENSE, SearchMode.HYBRID)) {
            rows.add(new ScaleOutBenchmark.IndexRow(
                    mode, "Lucene", 2, 4, 2.5, 400, 700, 3, 9, 0, 1, Double.NaN, Double.NaN, 1.5));
            rows.add(new ScaleOutBenchmark.IndexRow(
                    mode,
                    "OpenSearch",
                    8,
                    16,
                    9,
                    110,
                    200,
                    12,
                    30,
                    0,
                    0.98,
                    3.5,
                    mode == SearchMode.HYBRID ? 2 : 1,
                    1.6));
        }
        ScaleOutBenchmark.recordIndexFigures(rows, 4, report);
        List<ScaleOutHttp.HttpRow> http = new ArrayList<>();
        for (SearchMode mode : List.of(SearchMode.HYBRID, SearchMode.BM25)) {
            for (String deployment : List.of("embedded", "1 replica", "2 replicas")) {
                http.add(new ScaleOutHttp.HttpRow(deployment, mode, phase(deployment, 10_000), 2.0));
            }
        }
        ScaleOutHttp.recordFigures(http, report);

        JsonNode json = JSON.readTree(report.toJson("scale-out", Map.of(), List.of()));
        Map<String, JsonNode> figures = new HashMap<>();
        json.get("figures").forEach(f -> figures.put(f.get("name").asText(), f));
        JsonNode hybrid = figures.get("openSearchHybridP50");
        assertThat(hybrid.get("value").asDouble()).isEqualTo(8);
        assertThat(hybrid.get("baselineName").asText()).isEqualTo(ScaleOutBenchmark.LUCENE);
        assertThat(hybrid.get("baseline").asDouble()).isEqualTo(2);
        assertThat(hybrid.get("change").asDouble()).isEqualTo(3);
        assertThat(figures.get("luceneBm25Threads4QueriesPerSecond").has("baseline"))
                .isFalse();
        assertThat(figures.get("openSearchDenseThreads4QueriesPerSecond")
                        .get("baseline")
                        .asDouble())
                .isEqualTo(700);
        assertThat(figures.get("openSearchBm25SameTopKAsLucene").get("value").asDouble())
                .isEqualTo(0.98);
        assertThat(figures.get("openSearchHybridRequestsPerSearch").get("value").asDouble())
                .isEqualTo(2);
        assertThat(figures.get("openSearchDenseEngineMillisPerSearch")
                        .get("value")
                        .asDouble())
                .isEqualTo(3.5);
        assertThat(figures).doesNotContainKey("luceneDenseEngineMillisPerSearch");
        assertThat(figures.get("httpTwoReplicasHybridP50").get("baselineName").asText())
                .isEqualTo("one replica (same run)");
        assertThat(figures.get("httpOneReplicaBm25QueriesPerSecond")
                        .get("baselineName")
                        .asText())
                .isEqualTo("embedded service (same run)");
        assertThat(figures.get("httpEmbeddedHybridP99").has("baseline")).isFalse();
        assertThat(json.at("/results/http")).hasSize(6);
        assertThat(json.at("/results/http/2/deployment").asText()).isEqualTo("2 replicas");
    }

    /** A closed-loop phase of 100 requests that each took {@code micros}. */
    private static LoadGenerator.Result phase(String label, long micros) {
        Histogram h = new Histogram(3);
        h.recordValueWithCount(micros, 100);
        return new LoadGenerator.Result(label, h, 10, Map.of(), -1, Double.NaN, 0);
    }
}
