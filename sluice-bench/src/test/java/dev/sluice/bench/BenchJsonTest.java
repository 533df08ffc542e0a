package dev.sluice.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.cli.SluiceCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench ... --json}: one JSON object on standard output with the figures beside their baselines,
 * the parameters, machine and JDK (small, fast runs of gateway and dedup).
 */
class BenchJsonTest {
    @TempDir
    Path work;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode figure(JsonNode report, String name) {
        for (JsonNode f : report.get("figures")) {
            if (f.get("name").asText().equals(name)) {
                return f;
            }
        }
        throw new AssertionError("no figure " + name + " in " + report.get("figures"));
    }

    @Test
    void should_print_the_gateway_figures_beside_the_bare_call_as_one_json_object() throws Exception {
        Result result = run("bench", "gateway", "--calls", "20", "--asks", "20", "--concurrency", "4", "--json");

        assertThat(result.exit()).as(result.err()).isZero();
        JsonNode report = JSON.readTree(result.out()); // the whole output is one object
        assertThat(report.get("benchmark").asText()).isEqualTo("gateway");
        assertThat(report.at("/machine/cores").asInt()).isPositive();
        assertThat(report.at("/machine/java").asText())
                .isEqualTo(Runtime.version().toString());
        assertThat(report.at("/parameters/calls").asInt()).isEqualTo(20);
        assertThat(report.at("/parameters/failure-rate").asDouble()).isEqualTo(0.3);
        JsonNode p50 = figure(report, "gatewayP50");
        assertThat(p50.get("unit").asText()).isEqualTo("ms");
        assertThat(p50.get("value").asDouble()).isPositive();
        assertThat(p50.get("baselineName").asText()).isEqualTo("bare HTTP call (baseline)");
        assertThat(p50.get("baseline").asDouble()).isPositive();
        assertThat(p50.get("change").asDouble())
                .isCloseTo(
                        p50.get("value").asDouble() / p50.get("baseline").asDouble() - 1,
                        org.assertj.core.data.Offset.offset(1e-3));
        assertThat(figure(report, "chaosAnsweredShare").get("value").asDouble()).isEqualTo(1.0);
        assertThat(figure(report, "chaosSpendUsd").get("baseline").asDouble()).isEqualTo(0.10);
        assertThat(report.at("/results/chaosWithinBudget").asBoolean()).isTrue();
        assertThat(report.get("report").toString()).contains("through the gateway");
    }

    @Test
    void should_print_the_dedup_figures_with_sha256_as_the_baseline_when_json_is_given() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            lines.add("{\"_id\":\"" + i + "\",\"title\":\"Study " + i + "\",\"text\":\"Sample " + i
                    + " was measured twice. The second reading of sample " + i + " differed by " + (i * 7)
                    + " units. Controls " + (i + 3) + " and " + (i + 5) + " showed no change at all.\"}");
        }
        Path corpus = Files.write(work.resolve("corpus.jsonl"), lines, StandardCharsets.UTF_8);

        Result result = run(
                "bench",
                "dedup",
                "--corpus",
                corpus.toString(),
                "--chunks",
                "300",
                "--queries",
                "20",
                "--sample",
                "30",
                "--json");

        assertThat(result.exit()).as(result.err()).isZero();
        JsonNode report = JSON.readTree(result.out());
        assertThat(report.get("benchmark").asText()).isEqualTo("dedup");
        assertThat(report.at("/parameters/chunks").asInt()).isEqualTo(300);
        JsonNode minHash = figure(report, "minHashChunksPerSecond");
        assertThat(minHash.get("baselineName").asText()).isEqualTo("sha256ChunksPerSecond");
        assertThat(minHash.get("value").asDouble()).isPositive();
        assertThat(minHash.get("baseline").asDouble()).isPositive();
        assertThat(figure(report, "indexBuildChunksPerSecond").get("value").asDouble())
                .isPositive();
        assertThat(figure(report, "findNearDuplicateP50Micros").get("unit").asText())
                .isEqualTo("µs");
        assertThat(report.at("/results/nearDuplicatesFound/theirSource").asInt()
                        + report.at("/results/nearDuplicatesFound/anotherChunk").asInt()
                        + report.at("/results/nearDuplicatesFound/nothing").asInt())
                .isEqualTo(10);
    }

    @Test
    void should_offer_json_on_every_bench_command() {
        for (String command : List.of(
                "ingest",
                "query",
                "sync",
                "gateway",
                "serve",
                "tracing",
                "query-path",
                "observe",
                "diagnose",
                "dedup",
                "dedup-sample",
                "checks",
                "transforms-effect",
                "regressions")) {
            Result help = run("bench", command, "--help");
            assertThat(help.out()).as(command).contains("--json");
        }
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SluiceCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }

    private record Result(int exit, String out, String err) {}
}
