package dev.sluice.bench.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.retrieve.SearchMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Reading regression files: every mistake names the file and the dotted key. No shared data needed. */
class RegressionFileReaderTest {
    private static final Path FILE = Path.of("regressions/example.yaml");
    private static final String VALID = """
            name: example
            dataset: scifact-train
            split: train
            index: {model: bge-small-en-v1.5-q, maxChunkTokens: 256, overlapTokens: 32}
            slice: {queries: 5, otherDocuments: 10}
            modes:
              bm25:
                tolerance: 0.0005
                expected: {ndcg@10: 0.7003, recall@100: 0.9147}
              hybrid:
                tolerance: 0.003
                expected: {mrr@10: 0.7204}
            """;

    @Test
    void should_read_every_setting_of_a_valid_file() {
        RegressionFile file = RegressionFileReader.parse(FILE, VALID);

        assertThat(file.name()).isEqualTo("example");
        assertThat(file.index()).isEqualTo(new RegressionFile.IndexRecipe("bge-small-en-v1.5-q", 256, 32));
        assertThat(file.slice()).isEqualTo(new RegressionFile.Slice(5, 10));
        assertThat(file.modes())
                .extracting(RegressionFile.ModeFigures::mode)
                .containsExactly(SearchMode.BM25, SearchMode.HYBRID);
        assertThat(file.metrics()).extracting(m -> m.name()).containsExactly("ndcg@10", "recall@100", "mrr@10");
        assertThat(file.modes().getFirst().tolerance()).isEqualTo(0.0005);
    }

    @Test
    void should_read_every_file_in_the_repository_regressions_folder() throws Exception {
        Path folder = RegressionSliceTest.repositoryFile("regressions/scifact-train.yaml")
                .getParent();
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.filter(f -> f.toString().endsWith(".yaml")).map(RegressionFileReader::read))
                    .hasSizeGreaterThanOrEqualTo(2)
                    .allSatisfy(f -> assertThat(f.modes()).isNotEmpty());
        }
    }

    @Test
    void should_name_the_file_and_key_when_a_key_is_missing() {
        assertThatThrownBy(() -> RegressionFileReader.parse(FILE, VALID.replace("split: train\n", "")))
                .isInstanceOf(RegressionFileException.class)
                .hasMessageStartingWith("regressions/example.yaml: key 'split': missing")
                .extracting(e -> ((RegressionFileException) e).key())
                .isEqualTo("split");
    }

    @Test
    void should_refuse_a_negative_tolerance_with_an_example_of_a_good_one() {
        assertThatThrownBy(() -> RegressionFileReader.parse(FILE, VALID.replace("0.0005", "-0.01")))
                .hasMessage("regressions/example.yaml: key 'modes.bm25.tolerance': must be >= 0 and < 1, got -0.01;"
                        + " write e.g. 0.0005");
    }

    @Test
    void should_refuse_a_tolerance_that_is_not_a_number() {
        assertThatThrownBy(() -> RegressionFileReader.parse(FILE, VALID.replace("0.003", "small")))
                .hasMessageStartingWith("regressions/example.yaml: key 'modes.hybrid.tolerance': must be a number");
    }

    @Test
    void should_refuse_a_misspelt_key_rather_than_ignore_it() {
        assertThatThrownBy(
                        () -> RegressionFileReader.parse(FILE, VALID.replace("tolerance: 0.003", "tolerence: 0.003")))
                .hasMessageStartingWith("regressions/example.yaml: key 'modes.hybrid.tolerence': unknown key;"
                        + " known here: [expected, tolerance]");
    }

    @Test
    void should_name_the_metric_key_when_a_metric_is_unknown() {
        assertThatThrownBy(() -> RegressionFileReader.parse(FILE, VALID.replace("mrr@10", "mrrr@10")))
                .hasMessageStartingWith(
                        "regressions/example.yaml: key 'modes.hybrid.expected.mrrr@10': unknown metric");
    }

    @Test
    void should_name_the_mode_key_when_a_mode_is_unknown() {
        assertThatThrownBy(() -> RegressionFileReader.parse(FILE, VALID.replace("  bm25:", "  splade:")))
                .hasMessage("regressions/example.yaml: key 'modes.splade': unknown mode; known: bm25, dense, hybrid");
    }

    @Test
    void should_name_the_model_key_when_the_model_is_unknown() {
        assertThatThrownBy(
                        () -> RegressionFileReader.parse(FILE, VALID.replace("bge-small-en-v1.5-q", "no-such-model")))
                .hasMessageStartingWith("regressions/example.yaml: key 'index.model': embedding model 'no-such-model'");
    }

    @Test
    void should_give_the_line_when_the_file_is_not_yaml() {
        assertThatThrownBy(() -> RegressionFileReader.parse(FILE, "name: [unclosed\nsplit: train\n"))
                .hasMessageStartingWith("regressions/example.yaml: not valid YAML at line");
    }

    @Test
    void should_say_how_to_find_the_files_when_one_is_absent() {
        assertThatThrownBy(() -> RegressionFileReader.read(Path.of("regressions/absent.yaml")))
                .hasMessage("regressions/absent.yaml: no such file; list them with: ls regressions/");
    }
}
