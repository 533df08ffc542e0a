package dev.sluice.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.sluice.KnowledgeBase;
import dev.sluice.answer.Answer;
import dev.sluice.answer.Asker;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.Flags;
import dev.sluice.config.SluiceConfig;
import dev.sluice.ingest.IngestReport;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.ingest.RunOptions;
import dev.sluice.retrieve.SearchFilters;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.retrieve.SearchRequest;
import dev.sluice.source.DirectorySource;
import dev.sluice.source.Source;
import dev.sluice.sqlite.SqliteCatalog;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Traces of real operations on a real knowledge base (Lucene, SQLite, the ONNX model): what a search,
 * an answer and an ingest run record, kept in the catalog, and the same spans sent over OTLP/HTTP to
 * a receiver on 127.0.0.1, decoded with the OpenTelemetry protocol's own classes.
 */
class TracingIT {
    @TempDir
    Path work;

    private KnowledgeBase knowledgeBase() throws Exception {
        Path docs = Files.createDirectories(work.resolve("docs"));
        for (String name : List.of("rivers.md", "security.md", "canals.md", "coffee.md")) {
            try (InputStream in = TracingIT.class.getResourceAsStream("/golden/" + name)) {
                Files.copy(in, docs.resolve(name));
            }
        }
        Files.write(
                docs.resolve("broken.pdf"), "%PDF-1.7 garbage".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return KnowledgeBase.open(EffectiveConfig.resolve(
                SluiceConfig.defaults(), Flags.NONE.with(EffectiveConfig.INDEX, work.resolve("index"), "--index")));
    }

    @Test
    void should_trace_a_search_an_answer_and_an_ingest_run_into_the_catalog() throws Exception {
        try (KnowledgeBase kb = knowledgeBase()) {
            IngestReport report = kb.sync(
                    kb.adHocRun(List.<Source>of(DirectorySource.of(work.resolve("docs"))), RunOptions.DEFAULTS),
                    ProgressListener.NONE);
            assertThat(report.quarantined()).hasSize(1);

            String searchTrace;
            try (Tracing.Operation request = kb.trace("test search", Context.root(), SpanKind.SERVER)) {
                kb.search(new SearchRequest("how is water flow controlled", SearchMode.HYBRID, 3, SearchFilters.NONE));
                searchTrace = request.traceId();
            }
            List<SpanRecord> spans = kb.trace(searchTrace);
            assertThat(spans)
                    .extracting(SpanRecord::name)
                    .contains(
                            "test search",
                            "search",
                            "embed.query",
                            "retrieve.bm25",
                            "retrieve.dense",
                            "retrieve.fusion");
            SpanRecord search = named(spans, "search");
            assertThat(search.parentSpanId())
                    .isEqualTo(named(spans, "test search").spanId());
            assertThat(search.attributes()).containsEntry("sluice.mode", "hybrid");
            assertThat(named(spans, "retrieve.fusion").parentSpanId()).isEqualTo(search.spanId());
            @SuppressWarnings("unchecked")
            List<String> lexical =
                    (List<String>) named(spans, "retrieve.bm25").attributes().get("sluice.candidates.chunk_ids");
            @SuppressWarnings("unchecked")
            List<String> hits = (List<String>) search.attributes().get("sluice.hits.chunk_ids");
            assertThat(hits).hasSize(3);
            List<String> bm25Alone = kb
                    .search(new SearchRequest("how is water flow controlled", SearchMode.BM25, 10, SearchFilters.NONE))
                    .stream()
                    .map(dev.sluice.retrieve.SearchHit::chunkId)
                    .toList();
            assertThat(lexical)
                    .as("hybrid's bm25 step names bm25's own ranking, before fusion, exactly")
                    .isNotEmpty()
                    .isEqualTo(bm25Alone);
            assertThat(((Number) named(spans, "retrieve.fusion").attributes().get("sluice.candidates")).intValue())
                    .isEqualTo(3);
            assertThat(named(spans, "embed.query").attributes()).containsEntry("sluice.cache.hit", false);

            String askTrace;
            try (Tracing.Operation request = kb.trace("test ask", Context.root(), SpanKind.SERVER)) {
                Answer answer = kb.ask("What does a sluice gate control?", Asker.Options.DEFAULTS);
                assertThat(answer.kind()).isEqualTo(Answer.Kind.EXTRACTIVE);
                askTrace = request.traceId();
            }
            List<SpanRecord> asked = kb.trace(askTrace);
            assertThat(asked).extracting(SpanRecord::name).contains("ask", "answer.context", "answer.citations");
            assertThat(named(asked, "ask").attributes()).containsEntry("sluice.answer.kind", "extractive");
            assertThat(named(asked, "answer.citations").attributes()).containsEntry("sluice.citations.refused", false);
            assertThat(named(asked, "embed.query").attributes())
                    .as("the same question's vector again comes from the cache")
                    .containsKey("sluice.cache.hit");

            kb.flushTraces();
            TraceSummary ingest = kb.traces().recentTraces(10).stream()
                    .filter(t -> t.name().equals("ingest"))
                    .findFirst()
                    .orElseThrow();
            SpanRecord run = kb.trace(ingest.traceId()).getFirst();
            assertThat(((Number) run.attributes().get("sluice.run.ingested")).intValue())
                    .isEqualTo(4);
            assertThat(run.events())
                    .filteredOn(e -> e.name().equals("quarantined"))
                    .singleElement()
                    .satisfies(e -> assertThat(e.attributes()).containsEntry("sluice.document", "broken.pdf"));
            assertThat(run.events())
                    .filteredOn(e -> e.name().equals("conflict check"))
                    .singleElement()
                    .satisfies(e -> assertThat(e.attributes()).containsKey("sluice.review.added"));
        }
    }

    @Test
    void should_send_spans_over_otlp_http_where_the_standard_variables_say() throws Exception {
        List<ExportTraceServiceRequest> received = new CopyOnWriteArrayList<>();
        List<String> headers = new CopyOnWriteArrayList<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            headers.add(exchange.getRequestHeaders().getFirst("X-Team"));
            received.add(ExportTraceServiceRequest.parseFrom(
                    exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        try (SqliteCatalog store = SqliteCatalog.open(work.resolve("catalog.sqlite"));
                Tracing tracing = Tracing.create(
                        () -> store,
                        TraceLimits.DEFAULTS,
                        Map.of(
                                "OTEL_EXPORTER_OTLP_ENDPOINT",
                                        "http://127.0.0.1:"
                                                + collector.getAddress().getPort(),
                                "OTEL_EXPORTER_OTLP_HEADERS", "X-Team=search%20ops",
                                "OTEL_SERVICE_NAME", "sluice-test"))) {
            String traceId;
            try (Tracing.Operation op = tracing.operation("search", Context.root(), SpanKind.INTERNAL)) {
                Span child = Traces.child("retrieve.bm25");
                child.setAttribute("sluice.candidates", 7L);
                child.end();
                traceId = op.traceId();
            }
            tracing.flush();
            assertThat(store.trace(traceId)).extracting(SpanRecord::name).containsExactly("search", "retrieve.bm25");
            long deadline = System.currentTimeMillis() + 10_000;
            while (received.stream().mapToInt(r -> r.getResourceSpansCount()).sum() == 0
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            collector.stop(0);
        }
        var resourceSpans = received.stream()
                .flatMap(r -> r.getResourceSpansList().stream())
                .toList();
        assertThat(resourceSpans).isNotEmpty();
        assertThat(resourceSpans.getFirst().getResource().getAttributesList()).anySatisfy(a -> {
            assertThat(a.getKey()).isEqualTo("service.name");
            assertThat(a.getValue().getStringValue()).isEqualTo("sluice-test");
        });
        var spans = resourceSpans.stream()
                .flatMap(r -> r.getScopeSpansList().stream())
                .flatMap(s -> s.getSpansList().stream())
                .toList();
        assertThat(spans).extracting(s -> s.getName()).containsExactlyInAnyOrder("search", "retrieve.bm25");
        assertThat(headers).contains("search ops");
    }

    @Test
    void should_read_the_collector_endpoint_from_the_standard_variables() {
        assertThat(Tracing.otlpEndpoint(Map.of())).isNull();
        assertThat(Tracing.otlpEndpoint(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/")))
                .isEqualTo("http://collector:4318/v1/traces");
        assertThat(Tracing.otlpEndpoint(Map.of(
                        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
                        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://traces:4318/custom")))
                .isEqualTo("http://traces:4318/custom");
    }

    private static SpanRecord named(List<SpanRecord> spans, String name) {
        return spans.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " in "
                        + spans.stream().map(SpanRecord::name).toList()));
    }

    @Test
    void should_trace_each_llm_call_with_model_prompt_version_tokens_cost_and_breaker_state() throws Exception {
        try (dev.sluice.testkit.ScriptedOpenAiServer model = new dev.sluice.testkit.ScriptedOpenAiServer()) {
            model.then(dev.sluice.testkit.ScriptedOpenAiServer.ok(
                    "A sluice gate controls the flow of water [1].", 1_000, 20));
            Path docs = Files.createDirectories(work.resolve("docs"));
            for (String name : List.of("rivers.md", "security.md", "canals.md", "coffee.md")) {
                try (InputStream in = TracingIT.class.getResourceAsStream("/golden/" + name)) {
                    Files.copy(in, docs.resolve(name));
                }
            }
            Path yaml = work.resolve("sluice.yaml");
            Files.writeString(
                    yaml,
                    "index: index\nsources:\n  - name: docs\n    path: docs\nllm:\n  baseUrl: " + model.baseUrl()
                            + "\n  model: gpt-4o-mini\n  retries: 0\n");
            try (KnowledgeBase kb = KnowledgeBase.open(
                    EffectiveConfig.resolve(dev.sluice.config.ConfigLoader.load(yaml), Flags.NONE))) {
                kb.sync(kb.configuredRun(RunOptions.DEFAULTS), ProgressListener.NONE);
                String traceId;
                try (Tracing.Operation request = kb.trace("test ask", Context.root(), SpanKind.SERVER)) {
                    Answer answer = kb.ask("What does a sluice gate control?", Asker.Options.DEFAULTS);
                    assertThat(answer.kind()).isEqualTo(Answer.Kind.MODEL);
                    traceId = request.traceId();
                }
                kb.flushTraces();
                SpanRecord call = named(kb.trace(traceId), "llm.call");
                assertThat(call.attributes())
                        .containsEntry("sluice.llm.model", "gpt-4o-mini")
                        .containsEntry("sluice.llm.purpose", "answer")
                        .containsEntry("sluice.llm.outcome", "ok")
                        .containsEntry("sluice.llm.cache_hit", false)
                        .containsEntry("sluice.llm.breaker_open", false)
                        .containsKey("sluice.llm.prompt_version");
                assertThat(((Number) call.attributes().get("sluice.llm.input_tokens")).longValue())
                        .isEqualTo(1_000);
                assertThat(((Number) call.attributes().get("sluice.llm.output_tokens")).longValue())
                        .isEqualTo(20);
                double cost = ((Number) call.attributes().get("sluice.llm.cost_usd")).doubleValue();
                assertThat(cost)
                        .as("the ledger's charge for the same call")
                        .isCloseTo(kb.ledger().llmTotals().picoUsd() / 1e12, org.assertj.core.data.Offset.offset(1e-12))
                        .isPositive();
            }
        }
    }
}
