package dev.sluice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.answer.Answer;
import dev.sluice.answer.Asker;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.Flags;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.ingest.RunOptions;
import dev.sluice.llm.LlmCallRecord;
import dev.sluice.observe.SpanRecord;
import dev.sluice.observe.Tracing;
import dev.sluice.retrieve.Reranking;
import dev.sluice.retrieve.SearchFilters;
import dev.sluice.retrieve.SearchHit;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.retrieve.SearchRequest;
import dev.sluice.retrieve.SearchResult;
import dev.sluice.testkit.ScriptedOpenAiServer;
import dev.sluice.testkit.ScriptedOpenAiServer.Status;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reranking in a real knowledge base (Lucene, SQLite, the ONNX model) on a temporary folder, with
 * {@code retrieval.rerank} enabled and the model a real OpenAI-protocol server on 127.0.0.1 that follows
 * a script: the search as configured comes back in the model's order and says so, the plain search never
 * asks the model, a failing model leaves the search's order, and an answer's context is built from the
 * reranked passages. Each time the trace holds a {@code retrieve.rerank} span with the model call under it.
 */
class RerankingIT {
    private static final String QUESTION = "how does a canal lock lift a boat";
    private static final Map<String, String> DOCS = Map.of(
            "locks.md",
                    "# Locks\n\nA canal lock lifts a boat by filling its chamber with water from the upper"
                            + " level; the gates close behind the boat and the paddles open.\n",
            "gates.md",
                    "# Gates\n\nLock gates are opened by the keeper once the water on both sides is level;"
                            + " a boat then leaves the lock.\n",
            "boats.md",
                    "# Narrowboats\n\nA narrowboat is seven feet wide so that it fits the narrow locks of"
                            + " English canals.\n",
            "rivers.md", "# Rivers\n\nRivers carry water from hills to the sea; weirs hold the level upstream.\n",
            "bread.md", "# Bread\n\nYeast ferments sugars, and the gas it releases makes bread dough rise.\n");

    @TempDir
    Path work;

    private ScriptedOpenAiServer server;
    private KnowledgeBase kb;

    @BeforeEach
    void open() throws Exception {
        server = new ScriptedOpenAiServer();
        Path docs = Files.createDirectories(work.resolve("docs"));
        for (Map.Entry<String, String> doc : DOCS.entrySet()) {
            Files.writeString(docs.resolve(doc.getKey()), doc.getValue(), StandardCharsets.UTF_8);
        }
        Path yaml = work.resolve("sluice.yaml");
        Files.writeString(yaml, """
                index: index
                sources:
                  - name: canals
                    path: docs
                retrieval:
                  rerank: {enabled: true, candidates: 4}
                llm:
                  baseUrl: %s
                  model: cheap-model
                  retries: 0
                """.formatted(server.baseUrl()), StandardCharsets.UTF_8);
        kb = KnowledgeBase.openOrCreate(EffectiveConfig.resolve(ConfigLoader.load(yaml), Flags.NONE));
        kb.sync(kb.configuredRun(RunOptions.DEFAULTS), ProgressListener.NONE);
    }

    @AfterEach
    void close() {
        kb.close();
        server.close();
    }

    private static SearchRequest request(int k) {
        return new SearchRequest(QUESTION, SearchMode.HYBRID, k, SearchFilters.NONE);
    }

    private static List<String> paths(List<SearchHit> hits) {
        return hits.stream().map(SearchHit::path).toList();
    }

    /** The model's reply that reverses the first {@code n} candidates: "n, ..., 2, 1". */
    private static String reversed(int n) {
        return IntStream.iterate(n, i -> i >= 1, i -> i - 1)
                .mapToObj(Integer::toString)
                .collect(Collectors.joining(", "));
    }

    private SpanRecord span(String traceId, String name) {
        return kb.trace(traceId).stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " in trace " + traceId));
    }

    private static int number(SpanRecord span, String key) {
        return ((Number) span.attributes().get(key)).intValue();
    }

    @Test
    void should_return_the_search_in_the_models_order_and_trace_the_reranking() {
        List<SearchHit> firstStage = kb.search(request(4));
        assertThat(firstStage).hasSize(4);
        assertThat(server.requests()).as("the plain search asks no model").isEmpty();
        server.then(ScriptedOpenAiServer.ok(reversed(4), 400, 10));

        SearchResult result;
        String traceId;
        try (Tracing.Operation op = kb.trace("test search", Context.root(), SpanKind.SERVER)) {
            result = kb.searchAsConfigured(request(2), null);
            traceId = op.traceId();
        }

        List<String> reversedPaths = new ArrayList<>(paths(firstStage));
        Collections.reverse(reversedPaths);
        assertThat(paths(result.hits())).containsExactlyElementsOf(reversedPaths.subList(0, 2));
        assertThat(result.hits()).extracting(SearchHit::rank).containsExactly(1, 2);
        Reranking r = result.reranking().orElseThrow();
        assertThat(r.reordered()).isTrue();
        assertThat(r.candidates()).isEqualTo(4);
        assertThat(r.moved()).isEqualTo(2);
        assertThat(server.requests().getFirst().lastUserMessage()).contains("Question: " + QUESTION);
        @SuppressWarnings("unchecked")
        Map<String, Object> json =
                (Map<String, Object>) JsonViews.search(request(2), result).get("rerank");
        assertThat(json)
                .containsEntry("enabled", true)
                .containsEntry("reordered", true)
                .containsEntry("reranker", r.reranker())
                .containsEntry("candidates", 4)
                .containsEntry("moved", 2)
                .containsEntry("cached", false)
                .containsEntry("fallbackReason", null);

        SpanRecord rerank = span(traceId, "retrieve.rerank");
        assertThat(number(rerank, "sluice.rerank.candidates")).isEqualTo(4);
        assertThat(number(rerank, "sluice.rerank.moved")).isEqualTo(2);
        assertThat(rerank.attributes())
                .containsEntry("sluice.rerank.cached", false)
                .containsEntry("sluice.rerank.reordered", true)
                .doesNotContainKey("sluice.rerank.fallback_reason");
        assertThat(rerank.parentSpanId()).isEqualTo(span(traceId, "search").spanId());
        SpanRecord call = span(traceId, "llm.call");
        assertThat(call.parentSpanId())
                .as("the model call is the reranking's child")
                .isEqualTo(rerank.spanId());
        assertThat(call.attributes()).containsEntry("sluice.llm.purpose", "rerank");

        SearchResult again = kb.searchAsConfigured(request(2), null);
        assertThat(paths(again.hits())).isEqualTo(paths(result.hits()));
        assertThat(again.reranking().orElseThrow().cached()).isTrue();
        assertThat(server.requests())
                .as("the same search is reranked from the cache")
                .hasSize(1);
        assertThat(kb.ledger().llmCalls(0))
                .extracting(LlmCallRecord::purpose, LlmCallRecord::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("rerank", "ok"),
                        org.assertj.core.groups.Tuple.tuple("rerank", "cached"));
    }

    @Test
    void should_keep_the_rest_of_a_longer_search_after_the_reranked_candidates() {
        List<SearchHit> firstStage = kb.search(request(5));
        server.then(ScriptedOpenAiServer.ok("2, 1", 400, 4));

        SearchResult result = kb.searchAsConfigured(request(5), null);

        List<String> expected = new ArrayList<>(paths(firstStage));
        Collections.swap(expected, 0, 1);
        assertThat(paths(result.hits())).containsExactlyElementsOf(expected);
        assertThat(result.hits()).extracting(SearchHit::rank).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void should_keep_the_search_order_and_say_why_when_the_model_fails() {
        List<SearchHit> firstStage = kb.search(request(3));
        server.then(new Status(500, null));

        SearchResult result;
        String traceId;
        try (Tracing.Operation op = kb.trace("test search", Context.root(), SpanKind.SERVER)) {
            result = kb.searchAsConfigured(request(3), null);
            traceId = op.traceId();
        }

        assertThat(paths(result.hits())).containsExactlyElementsOf(paths(firstStage));
        Reranking r = result.reranking().orElseThrow();
        assertThat(r.reordered()).isFalse();
        assertThat(r.fallbackReason()).startsWith("failed: ").contains("500");
        assertThat(span(traceId, "retrieve.rerank").attributes())
                .containsEntry("sluice.rerank.reordered", false)
                .containsEntry("sluice.rerank.fallback_reason", r.fallbackReason());
        assertThat(kb.ledger().llmCalls(0)).extracting(LlmCallRecord::outcome).containsExactly("failed");
    }

    @Test
    void should_build_the_answers_context_from_the_reranked_passages() {
        List<SearchHit> firstStage = kb.search(request(4));
        server.then(
                ScriptedOpenAiServer.ok(reversed(4), 400, 10),
                ScriptedOpenAiServer.ok("A lock fills its chamber with water from the upper level [1].", 600, 20));

        String traceId;
        Answer answer;
        try (Tracing.Operation op = kb.trace("test ask", Context.root(), SpanKind.SERVER)) {
            answer = kb.ask(QUESTION, new Asker.Options(4, 3000, null, SearchFilters.NONE));
            traceId = op.traceId();
        }

        assertThat(answer.context().getFirst().hit().path())
                .as("the model put the search's fourth passage first")
                .isEqualTo(firstStage.get(3).path());
        assertThat(kb.ledger().llmCalls(0)).extracting(LlmCallRecord::purpose).containsExactly("rerank", "answer");
        assertThat(span(traceId, "retrieve.rerank").attributes()).containsEntry("sluice.rerank.reordered", true);
        assertThat(span(traceId, "ask").attributes()).containsEntry("sluice.reranked", true);
    }
}
