package dev.sluice.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.KnowledgeBase;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.Flags;
import dev.sluice.ingest.IngestReport;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.ingest.RunOptions;
import dev.sluice.retrieve.SearchFilters;
import dev.sluice.retrieve.SearchHit;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.retrieve.SearchRequest;
import dev.sluice.testkit.ScriptedOpenAiServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transforms inside a real sync (Lucene, SQLite, the ONNX model, an OpenAI-protocol server on 127.0.0.1):
 * labels become filterable fields, questions are searchable text of their chunk, an unchanged knowledge base
 * calls no model, a new prompt version re-enriches from the store but for that step, and a run stopped by
 * its budget indexes the documents and the next run enriches them.
 */
class TransformsIngestIT {
    private static final String POLICY = """
            # Parental leave policy

            Employees receive sixteen weeks of paid parental leave. Requests go to the HR office thirty days
            before the leave starts.
            """;

    private static final String REPORT = """
            # Quarterly report

            Revenue grew in the third quarter, driven by subscriptions in the northern region. Costs stayed flat.
            """;

    @TempDir
    Path work;

    private ScriptedOpenAiServer server;

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedOpenAiServer();
        server.respond(TransformFixture::reply);
        Path docs = Files.createDirectories(work.resolve("docs"));
        Files.writeString(docs.resolve("leave-policy.md"), POLICY, StandardCharsets.UTF_8);
        Files.writeString(docs.resolve("q3-report.md"), REPORT, StandardCharsets.UTF_8);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private KnowledgeBase open(String version, String budget) throws Exception {
        Path yaml = work.resolve("sluice.yaml");
        Files.writeString(yaml, """
                index: index
                llm:
                  baseUrl: %s
                  model: mini
                  strongModel: big
                  retries: 0
                  prices:
                    mini: {inputPerMillion: 1.00, outputPerMillion: 2.00}
                    big: {inputPerMillion: 10.00, outputPerMillion: 40.00}
                sources:
                  - name: docs
                    path: docs
                transforms:
                  %s
                  steps:
                    - {name: doctype, kind: classify, labels: [policy, report], version: %s}
                    - {name: asks, kind: questions, count: 1, version: v1}
                """.formatted(server.baseUrl(), budget, version), StandardCharsets.UTF_8);
        return KnowledgeBase.openOrCreate(EffectiveConfig.resolve(ConfigLoader.load(yaml), Flags.NONE));
    }

    private static IngestReport sync(KnowledgeBase kb) {
        return kb.sync(kb.configuredRun(RunOptions.DEFAULTS), ProgressListener.NONE);
    }

    private static List<SearchHit> search(KnowledgeBase kb, String query, SearchFilters filters) {
        return kb.searcher().search(new SearchRequest(query, SearchMode.BM25, 10, filters));
    }

    @Test
    void should_index_labels_as_filters_and_questions_as_searchable_text_and_replay_from_the_store() throws Exception {
        try (KnowledgeBase kb = open("v1", "concurrency: 2")) {
            IngestReport first = sync(kb);
            assertThat(first.ingested()).isEqualTo(2);
            assertThat(first.transforms().calls()).isEqualTo(4); // one label and one question set per document
            assertThat(first.transformsStopped()).isNull();

            SearchFilters policies = SearchFilters.NONE.withMetadata(Map.of("doctype", List.of("policy")));
            assertThat(search(kb, "leave quarter revenue", policies))
                    .isNotEmpty()
                    .allMatch(h -> h.path().equals("leave-policy.md"));
            SearchFilters reports = SearchFilters.NONE.withMetadata(Map.of("doctype", List.of("report")));
            assertThat(search(kb, "leave quarter revenue", reports))
                    .allMatch(h -> h.path().equals("q3-report.md"));
            assertThat(search(kb, "passage say", SearchFilters.NONE))
                    .as("the questions a chunk answers are searched with it, not shown as its text")
                    .isNotEmpty()
                    .allMatch(h -> !h.text().contains("What does passage"));

            int calls = server.requests().size();
            IngestReport again = sync(kb);
            assertThat(again.unchanged()).isEqualTo(2);
            assertThat(server.requests())
                    .as("an unchanged knowledge base calls no model")
                    .hasSize(calls);
        }
        int before = server.requests().size();
        try (KnowledgeBase kb = open("v2", "concurrency: 2")) {
            IngestReport replay = sync(kb);
            assertThat(replay.ingested())
                    .as("a new prompt version re-enriches every document")
                    .isEqualTo(2);
            assertThat(server.requests().subList(before, server.requests().size()))
                    .as("only the step whose version changed calls the model")
                    .hasSize(2)
                    .allMatch(r -> r.lastUserMessage().contains("Choose exactly one label"));
            assertThat(replay.transforms().cacheHits()).isEqualTo(2);
        }
    }

    @Test
    void should_index_documents_when_the_budget_stops_transforms_and_enrich_them_in_the_next_run() throws Exception {
        try (KnowledgeBase kb = open("v1", "budget: {perRunUsd: 0.0000001}")) {
            IngestReport paused = sync(kb);
            assertThat(paused.ingested()).isEqualTo(2);
            assertThat(paused.transforms().pending()).isEqualTo(4);
            assertThat(paused.transformsStopped()).contains("budget");
            assertThat(server.requests()).isEmpty();
            assertThat(search(kb, "leave", SearchFilters.NONE.withMetadata(Map.of("doctype", List.of("policy")))))
                    .as("not enriched yet")
                    .isEmpty();
        }
        try (KnowledgeBase kb = open("v1", "budget: {perRunUsd: 1.00}")) {
            IngestReport resumed = sync(kb);
            assertThat(resumed.ingested())
                    .as("documents left incomplete are processed again")
                    .isEqualTo(2);
            assertThat(resumed.transforms().calls()).isEqualTo(4);
            assertThat(search(kb, "leave", SearchFilters.NONE.withMetadata(Map.of("doctype", List.of("policy")))))
                    .isNotEmpty();
            IngestReport done = sync(kb);
            assertThat(done.unchanged()).isEqualTo(2);
        }
    }
}
