package dev.sluice.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.catalog.RunCounts;
import dev.sluice.core.QuarantineReason;
import dev.sluice.ingest.IngestReport;
import dev.sluice.ingest.Quarantined;
import dev.sluice.ingest.RunObserver;
import dev.sluice.ingest.Stage;
import dev.sluice.source.DirectorySource;
import dev.sluice.source.Source;
import dev.sluice.source.http.FetchSettings;
import dev.sluice.source.http.UrlSource;
import dev.sluice.transform.TransformRunSummary;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The events of one run as the file transport writes them (no model, no index: the observer is told by
 * hand), each checked against the published OpenLineage schemas and Sluice's facet schema.
 */
class IngestLineageTest {
    @TempDir
    Path work;

    private static final RunObserver.Start START =
            new RunObserver.Start(7, 1_765_000_000_000L, "bge-small-en-v1.5-q", "1", "heading-aware-v3:256/32");

    private List<JsonNode> run(LineageSettings settings, List<Source> sources, boolean fail) throws Exception {
        Path index = work.resolve("handbook/.sluice/index");
        try (LineageEmitter emitter = LineageEmitter.open(settings, Map.of())) {
            IngestLineage lineage = new IngestLineage(emitter, index, sources, 256, 32);
            lineage.started(START);
            if (fail) {
                lineage.failed(START, new RunCounts(3, 2, 0, 1, 0, 5, 5, 0), "contract failed: minDocuments", false);
            } else {
                lineage.completed(START, report(), 1);
            }
        }
        List<String> lines = Files.readAllLines(settings.path(), StandardCharsets.UTF_8);
        for (String line : lines) {
            assertThat(OpenLineageSchema.errors(line)).as(line).isEmpty();
        }
        return lines.stream().map(OpenLineageSchema::parse).toList();
    }

    private static IngestReport report() {
        return new IngestReport(
                7,
                4,
                0,
                0,
                2,
                1,
                1,
                List.of(new Quarantined("file:///x/empty.md", "empty.md", QuarantineReason.EMPTY, "no text")),
                5,
                4,
                1,
                Map.of(Stage.EMBED, 10L),
                1234,
                "bge-small-en-v1.5-q",
                "index",
                Map.of(),
                IngestReport.Generation.SAME,
                List.of(),
                TransformRunSummary.EMPTY,
                null);
    }

    @Test
    void should_write_a_schema_valid_start_and_complete_line_per_event_when_the_transport_is_file() throws Exception {
        Path docs = Files.createDirectories(work.resolve("docs"));
        Source web = new UrlSource(
                "site",
                List.of(URI.create("https://example.com:8443/guide?page=2")),
                List.of(URI.create("https://example.com/sitemap.xml")),
                FetchSettings.defaults());
        List<JsonNode> events = run(
                LineageSettings.file(work.resolve("out/lineage.jsonl")),
                List.of(new DirectorySource("notes", docs, List.of(), List.of()), web),
                false);

        assertThat(events).extracting(e -> e.get("eventType").asText()).containsExactly("START", "COMPLETE");
        JsonNode start = events.get(0);
        JsonNode complete = events.get(1);
        assertThat(start.at("/run/runId").asText())
                .isEqualTo(complete.at("/run/runId").asText())
                .isEqualTo(LineageRunId.of(work.resolve("handbook/.sluice/index"), 7, START.startedMillis())
                        .toString());
        assertThat(UUID.fromString(start.at("/run/runId").asText()).version()).isEqualTo(7);
        assertThat(start.at("/job/namespace").asText()).isEqualTo("sluice");
        assertThat(start.at("/job/name").asText()).isEqualTo("handbook.sync");
        assertThat(start.at("/eventTime").asText()).startsWith("2025-12-06T05:46:40");
        assertThat(start.at("/run/facets/nominalTime/nominalStartTime").asText())
                .startsWith("2025-12-06T05:46:40");
        assertThat(start.at("/run/facets/processing_engine/name").asText()).isEqualTo("sluice");
        assertThat(start.at("/run/facets/sluice_settings/embeddingModel/id").asText())
                .isEqualTo("bge-small-en-v1.5-q");
        assertThat(start.at("/run/facets/sluice_settings/chunker/maxTokens").asInt())
                .isEqualTo(256);

        assertThat(complete.get("inputs"))
                .extracting(
                        d -> d.get("namespace").asText() + " " + d.get("name").asText())
                .containsExactly(
                        "file " + docs.toAbsolutePath(),
                        "https://example.com:8443 /guide?page=2",
                        "https://example.com /sitemap.xml");
        assertThat(complete.at("/inputs/0/facets/dataSource/uri").asText()).startsWith("file:///");
        assertThat(complete.at("/inputs/1/facets/dataSource/name").asText()).isEqualTo("site");
        JsonNode output = complete.at("/outputs/0");
        assertThat(output.get("namespace").asText()).isEqualTo("file");
        assertThat(output.get("name").asText()).endsWith("handbook/.sluice/index");
        assertThat(output.at("/outputFacets/outputStatistics/rowCount").asLong())
                .isEqualTo(5);
        assertThat(output.at("/facets/schema/fields"))
                .extracting(f -> f.get("name").asText())
                .contains("chunk_id", "text", "vector");

        JsonNode ingest = complete.at("/run/facets/sluice_ingest");
        assertThat(ingest.at("/documents/seen").asInt()).isEqualTo(4);
        assertThat(ingest.at("/documents/new").asInt()).isEqualTo(1);
        assertThat(ingest.at("/documents/changed").asInt()).isEqualTo(1);
        assertThat(ingest.at("/documents/unchanged").asInt()).isEqualTo(1);
        assertThat(ingest.at("/documents/deleted").asInt()).isEqualTo(1);
        assertThat(ingest.at("/documents/quarantined").asInt()).isEqualTo(1);
        assertThat(ingest.at("/chunks/written").asInt()).isEqualTo(5);
        assertThat(complete.at("/run/facets/sluice_quarantine/reasons/EMPTY").asInt())
                .isEqualTo(1);
    }

    @Test
    void should_write_fail_with_the_error_message_when_the_run_publishes_nothing() throws Exception {
        List<JsonNode> events =
                run(LineageSettings.file(work.resolve("lineage.jsonl")).withJob("nightly"), List.of(), true);

        assertThat(events).extracting(e -> e.get("eventType").asText()).containsExactly("START", "FAIL");
        JsonNode fail = events.get(1);
        assertThat(fail.at("/job/name").asText()).isEqualTo("nightly");
        assertThat(fail.at("/run/facets/errorMessage/message").asText()).isEqualTo("contract failed: minDocuments");
        assertThat(fail.at("/run/facets/sluice_ingest/documents/seen").asInt()).isEqualTo(3);
        assertThat(fail.at("/outputs/0/outputFacets").isMissingNode()).isTrue();
    }

    @Test
    void should_catch_an_event_that_breaks_the_published_schema() throws Exception {
        Path file = work.resolve("lineage.jsonl");
        run(LineageSettings.file(file), List.of(), false);
        String good = Files.readAllLines(file, StandardCharsets.UTF_8).getFirst();

        assertThat(OpenLineageSchema.errors(good.replaceFirst("\"runId\":\"[^\"]+\"", "\"runId\":\"run-7\"")))
                .as("a run id that is not a UUID")
                .isNotEmpty();
        assertThat(OpenLineageSchema.errors(good.replace("\"nominalStartTime\":", "\"nominalStart\":")))
                .as("a nominalTime facet without its start")
                .isNotEmpty();
        assertThat(OpenLineageSchema.errors(good.replace("\"catalogRunId\":7", "\"catalogRunId\":\"7\"")))
                .as("a Sluice facet field of the wrong type")
                .isNotEmpty();
    }

    @Test
    void should_give_a_run_the_same_id_every_time_and_another_id_in_another_index() {
        Path a = work.resolve("a");
        assertThat(LineageRunId.of(a, 3, 1000)).isEqualTo(LineageRunId.of(a, 3, 1000));
        assertThat(LineageRunId.of(a, 3, 1000)).isNotEqualTo(LineageRunId.of(a, 4, 1000));
        assertThat(LineageRunId.of(a, 3, 1000)).isNotEqualTo(LineageRunId.of(work.resolve("b"), 3, 1000));
        assertThat(LineageRunId.of(a, 3, 1000).variant()).isEqualTo(2);
        assertThat(LineageRunId.of(a, 3, 1000).compareTo(LineageRunId.of(a, 2, 999_999)))
                .isNegative();
    }

    @Test
    void should_name_the_knowledge_base_after_the_project_folder_for_the_default_index() {
        assertThat(IngestLineage.knowledgeBaseName(Path.of("/home/ann/handbook/.sluice/index")))
                .isEqualTo("handbook");
        assertThat(IngestLineage.knowledgeBaseName(Path.of("/srv/kb/legal"))).isEqualTo("legal");
    }
}
