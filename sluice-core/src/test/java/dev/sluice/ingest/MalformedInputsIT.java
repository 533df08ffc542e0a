package dev.sluice.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.IngestOptions;
import dev.sluice.Sluice;
import dev.sluice.catalog.DocumentRecord;
import dev.sluice.sqlite.SqliteCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays every malformed input kept in {@code src/test/resources/malformed} through one whole
 * ingestion run (real extraction, normalization, chunking, embedding, index and catalog): each file
 * must end indexed or quarantined with the reason {@code malformed-expected.tsv} names, the run must
 * reconcile, and nothing may escape as an internal error.
 */
class MalformedInputsIT {
    @TempDir
    Path work;

    @Test
    void should_end_every_kept_malformed_input_as_expected_and_lose_nothing() throws Exception {
        Map<String, List<String>> expected = expected();
        Path docs = copyInputs(Files.createDirectories(work.resolve("malformed")));
        try (Stream<Path> files = Files.list(docs)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("every kept input has an expected outcome in malformed-expected.tsv, and every line a file")
                    .containsExactlyInAnyOrderElementsOf(expected.keySet());
        }
        Path index = work.resolve("index");
        IngestReport report = Sluice.ingest(IngestOptions.defaults(List.of(docs), index), ProgressListener.NONE);
        assertThat(report.reconciles()).isTrue();
        assertThat(report.seen()).isEqualTo(expected.size());
        try (SqliteCatalog catalog = SqliteCatalog.openExisting(index)) {
            for (DocumentRecord d : catalog.documents().values()) {
                String outcome = d.indexed() ? "indexed" : d.reason();
                assertThat(expected.get(d.path()))
                        .as("%s ended as %s (%s)", d.path(), outcome, d.message())
                        .contains(outcome);
            }
            assertThat(catalog.documents()).hasSize(expected.size());
        }
    }

    private static Map<String, List<String>> expected() throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (InputStream in = MalformedInputsIT.class.getResourceAsStream("/malformed-expected.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t");
                out.put(parts[0], List.of(parts[1].strip().split("\\|")));
            }
        }
        return out;
    }

    private static Path copyInputs(Path target) throws IOException, URISyntaxException {
        Path source = Path.of(MalformedInputsIT.class.getResource("/malformed").toURI());
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : files.toList()) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
        return target;
    }
}
