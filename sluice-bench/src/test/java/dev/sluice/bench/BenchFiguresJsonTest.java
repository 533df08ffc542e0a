package dev.sluice.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.cli.SluiceCli;
import dev.sluice.embed.EmbeddingModelSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench ... --json} of the commands that used to carry their figures only in the text lines: tiny runs
 * (a few seconds each) whose {@code figures} must hold each printed figure, finite, beside the baseline the
 * text prints it with. Speed is never asserted.
 */
class BenchFiguresJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void should_record_the_pipeline_rate_beside_the_raw_model_and_langchain4j_when_ingest_runs_with_json()
            throws Exception {
        JsonNode report = runJson("bench", "ingest", "--generated", "4", "--sample", "12", "--threads", "1", "--json");

        assertThat(report.get("benchmark").asText()).isEqualTo("ingest");
        JsonNode pipeline = withBaseline(report, "pipelineChunksPerSecond", "chunks/s");
        assertThat(pipeline.get("baselineName").asText()).isEqualTo("best raw model (same run)");
        withBaseline(report, "pipelineChunksPerSecondVsLangChain4j", "chunks/s");
        withBaseline(report, "rawModelChunksPerSecond", "chunks/s");
        withBaseline(report, "checksSeconds", "s");
        for (String name : List.of(
                "rawCallersChunksPerSecond",
                "rawIntraOpChunksPerSecond",
                "langChain4jChunksPerSecond",
                "wallSeconds")) {
            assertThat(finite(report, name).get("value").asDouble()).as(name).isPositive();
        }
        assertThat(finite(report, "documents").get("value").asInt()).isEqualTo(4);
        assertThat(finite(report, "chunks").get("value").asInt()).isPositive();
        assertThat(finite(report, "checksShareOfWall").get("unit").asText()).isEqualTo("share");
        finite(report, "peakHeap");
        assertThat(report.at("/results/stageThreadSeconds").isObject()).isTrue();
        assertThat(report.at("/results/stageThreadSeconds").size()).isPositive();
    }

    @Test
    void should_record_hnsw_latency_and_recall_beside_exact_search_when_query_runs_with_json() throws Exception {
        JsonNode report = runJson(
                "bench",
                "query",
                "--beir",
                work.resolve("no-beir").toString(),
                "--chunks",
                "400",
                "--synthetic-queries",
                "20",
                "--json");

        assertThat(report.get("benchmark").asText()).isEqualTo("query");
        for (String mode : List.of("Bm25", "Dense", "Hybrid")) {
            assertThat(finite(report, "synthetic" + mode + "P50").get("unit").asText())
                    .isEqualTo("ms");
            finite(report, "synthetic" + mode + "P99");
            finite(report, "synthetic" + mode + "QueriesPerSecond");
        }
        double exact = finite(report, "syntheticExactSearchP50").get("value").asDouble();
        for (int candidates : new int[] {10, 50, 100}) {
            JsonNode recall = withBaseline(report, "syntheticHnswCandidates" + candidates + "RecallAt10", "share");
            assertThat(recall.get("baseline").asDouble()).isEqualTo(1.0);
            assertThat(recall.get("value").asDouble()).isBetween(0.0, 1.0);
            JsonNode p50 = withBaseline(report, "syntheticHnswCandidates" + candidates + "P50", "ms");
            assertThat(p50.get("baseline").asDouble()).isEqualTo(exact);
        }
        assertThat(finite(report, "syntheticChunks").get("value").asInt()).isEqualTo(400);
    }

    @Test
    void should_record_each_check_beside_extraction_when_checks_runs_with_json() throws Exception {
        Path pdfs = Files.createDirectories(work.resolve("pdfs"));
        for (int i = 0; i < 2; i++) {
            pdf(
                    pdfs.resolve("filing-" + i + ".pdf"),
                    "Annual report " + i,
                    "Revenue grew by " + (i + 3)
                            + " percent over the year. The company opened two new plants and hired staff.");
        }

        JsonNode report = runJson("bench", "checks", "--folder", pdfs.toString(), "--rounds", "1", "--json");

        assertThat(report.get("benchmark").asText()).isEqualTo("checks");
        assertThat(finite(report, "documents").get("value").asInt()).isEqualTo(2);
        double extract =
                finite(report, "extractDocumentsPerSecond").get("value").asDouble();
        for (String check : List.of("language", "garbled", "pii", "injection", "allFour")) {
            JsonNode rate = withBaseline(report, check + "DocumentsPerSecond", "docs/s");
            assertThat(rate.get("baseline").asDouble()).isEqualTo(extract);
            finite(report, check + "PerDocument");
            finite(report, check + "ShareOfExtract");
        }
        for (String count : List.of("piiHits", "injectionHits", "garbledDocuments")) {
            assertThat(finite(report, count).get("unit").asText()).isEqualTo("count");
        }
        assertThat(report.at("/results/allFourRoundSeconds").size()).isEqualTo(1);
    }

    @Test
    void should_record_each_sync_beside_the_first_and_the_watch_lag_when_sync_runs_with_json() throws Exception {
        JsonNode report = runJson("bench", "sync", "--generated", "8", "--lag-samples", "1", "--json");

        assertThat(report.get("benchmark").asText()).isEqualTo("sync");
        double first = finite(report, "firstSyncSeconds").get("value").asDouble();
        assertThat(withBaseline(report, "unchangedSyncSeconds", "s")
                        .get("baseline")
                        .asDouble())
                .isEqualTo(first);
        assertThat(withBaseline(report, "changedSyncSeconds", "s")
                        .get("baseline")
                        .asDouble())
                .isEqualTo(first);
        assertThat(finite(report, "watchSearchableP50").get("unit").asText()).isEqualTo("ms");
        finite(report, "watchSearchableP95");
        assertThat(report.at("/results/runs/first/ingested").asInt()).isEqualTo(8);
        assertThat(report.at("/results/runs/unchanged/unchanged").asInt()).isEqualTo(8);
        assertThat(report.at("/results/runs/changed/ingested").asInt()).isEqualTo(1);
    }

    @Test
    void should_record_each_query_path_configuration_beside_the_services_own() throws Exception {
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            queries.add("how does sluice gate number " + i + " hold back water");
        }
        BenchReport recorded = new BenchReport();
        QueryPathBenchmark.run(
                new QueryPathBenchmark.Options(EmbeddingModelSpec.BGE_SMALL_EN_V15_Q, queries, 2),
                new PrintWriter(new StringWriter(), true),
                recorded);
        JsonNode report = JSON.readTree(recorded.toJson("query-path", java.util.Map.of(), List.of()));

        double service = finite(report, "singleQueryPerQuery").get("value").asDouble();
        assertThat(figure(report, "singleQueryPerQuery").has("baseline")).isFalse();
        for (String name : List.of(
                "singleQueryTwoIntraOpThreads",
                "batchesOf2",
                "batchesOf16",
                "twoCallers",
                "singleQueryWithoutPrefix")) {
            assertThat(withBaseline(report, name + "PerQuery", "ms")
                            .get("baseline")
                            .asDouble())
                    .as(name)
                    .isEqualTo(service);
        }
        assertThat(finite(report, "batchedMinCosine").get("value").asDouble()).isGreaterThan(0.9);
    }

    /** A one-page PDF with a heading and a paragraph (Helvetica, so the text extracts as written). */
    private static void pdf(Path file, String heading, String text) throws Exception {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(font, 14);
                content.newLineAtOffset(50, 780);
                content.showText(heading);
                content.setFont(font, 11);
                content.newLineAtOffset(0, -24);
                content.showText(text);
                content.endText();
            }
            document.save(file.toFile());
        }
    }

    /** The figure {@code name}: present, with a finite value. */
    private static JsonNode finite(JsonNode report, String name) {
        JsonNode f = figure(report, name);
        assertThat(f.get("value").isNumber())
                .as("%s has a finite value: %s", name, f)
                .isTrue();
        return f;
    }

    /** The figure {@code name}: finite, in {@code unit}, beside a named, finite, positive baseline and its change. */
    private static JsonNode withBaseline(JsonNode report, String name, String unit) {
        JsonNode f = finite(report, name);
        assertThat(f.get("unit").asText()).as(name).isEqualTo(unit);
        assertThat(f.path("baselineName").asText())
                .as("%s has a baseline: %s", name, f)
                .isNotBlank();
        assertThat(f.get("baseline").isNumber())
                .as("%s baseline is finite: %s", name, f)
                .isTrue();
        assertThat(f.get("baseline").asDouble()).as(name).isPositive();
        assertThat(f.get("change").isNumber()).as("%s change: %s", name, f).isTrue();
        return f;
    }

    private static JsonNode figure(JsonNode report, String name) {
        for (JsonNode f : report.get("figures")) {
            if (f.get("name").asText().equals(name)) {
                return f;
            }
        }
        throw new AssertionError("no figure " + name + " in " + report.get("figures"));
    }

    /** Runs {@code sluice args}, expects exit 0, and reads its standard output as one JSON object. */
    private static JsonNode runJson(String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long t0 = System.nanoTime();
        int exit = SluiceCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        System.out.printf(Locale.ROOT, "%s: %.1f s%n", String.join(" ", args), (System.nanoTime() - t0) / 1e9);
        assertThat(exit).as(err.toString()).isZero();
        return JSON.readTree(out.toString());
    }
}
