package dev.sluice.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.chunk.ChunkerSettings;
import dev.sluice.chunk.HeadingAwareChunker;
import dev.sluice.chunk.TokenCounter;
import dev.sluice.core.AccessList;
import dev.sluice.core.QuarantineReason;
import dev.sluice.core.UsageException;
import dev.sluice.extract.DocumentExtractor;
import dev.sluice.ingest.DocumentProcessor;
import dev.sluice.ingest.RemoteDocument;
import dev.sluice.quality.QualitySettings;
import dev.sluice.quality.TextNormalizer;
import dev.sluice.source.SourceItem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What travels between driver and executors, and the job's command line; no Spark, no model. */
class WireTest {
    /** A word per token: enough to chunk without loading a model. */
    private static final TokenCounter WORDS = new TokenCounter() {
        @Override
        public int count(String text) {
            return tokenEndOffsets(text).length;
        }

        @Override
        public int[] tokenEndOffsets(String text) {
            List<Integer> ends = new ArrayList<>();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\S+").matcher(text);
            while (m.find()) {
                ends.add(m.end());
            }
            return ends.stream().mapToInt(Integer::intValue).toArray();
        }
    };

    @TempDir
    Path work;

    @Test
    void should_bring_back_a_prepared_document_with_its_checks_chunks_and_exact_vectors_when_encoded_as_json()
            throws Exception {
        Path file = work.resolve("leave.md");
        Files.writeString(
                file,
                "# Leave\n\nParental leave is sixteen weeks. Write to jane.doe@example.com for details.\n\n"
                        + "## Sick leave\n\nSick leave needs a note after three days.\n",
                StandardCharsets.UTF_8);
        SourceItem item = new SourceItem(
                "handbook", file, file.toUri().toString(), "leave.md", Files.size(file), 1_000L, "sha256:ab");
        DocumentProcessor processor = new DocumentProcessor(
                new DocumentExtractor(),
                new TextNormalizer(),
                new HeadingAwareChunker(new ChunkerSettings(64, 8), WORDS));
        AccessList hr = new AccessList(List.of("ann"), List.of("hr"));
        var prepared = (DocumentProcessor.Prepared) processor.prepare(
                item, hr, DocumentProcessor.UNTIMED, new ExecutorChecks(QualitySettings.DEFAULTS, List.of(), 7));
        List<float[]> vectors = new ArrayList<>();
        List<Boolean> computed = new ArrayList<>();
        for (int i = 0; i < prepared.chunks().size(); i++) {
            vectors.add(new float[] {0.1f * i, (float) Math.PI, -1.0e-7f, Float.MIN_VALUE});
            computed.add(i % 2 == 0);
        }
        var checked = new dev.sluice.quality.DocumentChecker.Checked(
                prepared.checked().checks(), null, prepared.checked().signature(), null, null);
        RemoteDocument sent = new RemoteDocument(
                item, null, null, checked, prepared.info(), prepared.chunks(), vectors, computed, false);

        RemoteDocument back = Wire.document(Wire.write(sent));

        assertThat(back.item()).isEqualTo(item);
        assertThat(back.info()).isEqualTo(prepared.info());
        assertThat(back.info().access()).isEqualTo(hr);
        assertThat(back.chunks()).isEqualTo(prepared.chunks());
        assertThat(back.computed()).isEqualTo(computed);
        for (int i = 0; i < vectors.size(); i++) {
            assertThat(back.vectors().get(i)).containsExactly(vectors.get(i));
        }
        assertThat(back.checked().checks()).isEqualTo(checked.checks());
        assertThat(back.checked().checks().pii()).isNotEmpty(); // the e-mail address was found
        assertThat(back.checked().signature()).containsExactly(checked.signature());
    }

    @Test
    void should_bring_back_a_quarantined_document_with_its_reason_when_encoded_as_json() {
        SourceItem item = new SourceItem("handbook", Path.of("/data/x.pdf"), "file:///data/x.pdf", "x.pdf", 10, 20);
        RemoteDocument sent = RemoteDocument.quarantined(item, QuarantineReason.EMPTY, "no chunk after chunking", null);

        RemoteDocument back = Wire.document(Wire.write(sent));

        assertThat(back).isEqualTo(sent);
        assertThat(back.item().file()).isEqualTo(Path.of("/data/x.pdf"));
    }

    @Test
    void should_read_the_options_when_given_a_config_file_and_flags() {
        SparkIngest.Options options = SparkIngestArgs.parse(new String[] {
            "kb/sluice.yaml",
            "--partitions",
            "8",
            "--index-backend",
            "opensearch",
            "--index-setting",
            "url=http://h:9200"
        });

        assertThat(options.config().isAbsolute()).isTrue();
        assertThat(options.config().toString()).endsWith("kb/sluice.yaml");
        assertThat(options.partitions()).isEqualTo(8);
        assertThat(options.indexBackend()).isEqualTo("opensearch");
        assertThat(options.indexSettings()).isEqualTo(Map.of("url", "http://h:9200"));
        assertThat(SparkIngestArgs.parse(new String[] {"kb/sluice.yaml"}).indexBackend())
                .as("without the flag: sluice.yaml's index.backend")
                .isNull();
    }

    @Test
    void should_name_the_flag_when_a_number_or_the_config_file_is_missing() {
        assertThatThrownBy(() -> SparkIngestArgs.parse(new String[] {"sluice.yaml", "--partitions", "many"}))
                .isInstanceOf(UsageException.class)
                .hasMessage("--partitions takes a whole number, got many");
        assertThatThrownBy(() -> SparkIngestArgs.parse(new String[] {"--wave", "10"}))
                .isInstanceOf(UsageException.class)
                .hasMessage("give the knowledge base's sluice.yaml");
    }
}
