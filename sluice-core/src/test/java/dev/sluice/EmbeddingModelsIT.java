package dev.sluice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.config.ConfigLoader;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.Flags;
import dev.sluice.embed.EmbeddingModelSpec;
import dev.sluice.index.IndexSettings;
import dev.sluice.index.LuceneIndex;
import dev.sluice.ingest.IngestReport;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.ingest.RunOptions;
import dev.sluice.llm.LlmCallRecord;
import dev.sluice.retrieve.SearchFilters;
import dev.sluice.retrieve.SearchHit;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.retrieve.SearchRequest;
import dev.sluice.testkit.ScriptedEmbeddings;
import dev.sluice.testkit.ScriptedOpenAiServer;
import java.io.IOException;
import java.io.InputStream;
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
 * Ingest and search through a real knowledge base (Lucene, SQLite) with a model configured by path (the
 * shipped bge's own files) and with an embeddings endpoint (a scripted OpenAI-protocol server on
 * 127.0.0.1): identity recorded in the index, a changed model building a new generation, retries, the
 * ledger, the budget, the vector cache, and a misbehaving endpoint refused.
 */
class EmbeddingModelsIT {
    private static final Map<String, String> DOCS = Map.of(
            "locks.md", "# Locks\n\nA canal lock lifts a boat by filling its chamber with water.\n",
            "bread.md", "# Bread\n\nYeast ferments sugars and the gas makes bread dough rise.\n",
            "stars.md", "# Stars\n\nA star shines because nuclear fusion in its core releases energy.\n");

    @TempDir
    Path work;

    private ScriptedOpenAiServer server;
    private KnowledgeBase kb;

    @BeforeEach
    void docs() throws IOException {
        Path docs = Files.createDirectories(work.resolve("docs"));
        for (Map.Entry<String, String> doc : DOCS.entrySet()) {
            Files.writeString(docs.resolve(doc.getKey()), doc.getValue(), StandardCharsets.UTF_8);
        }
        server = new ScriptedOpenAiServer();
    }

    @AfterEach
    void close() {
        if (kb != null) {
            kb.close();
        }
        server.close();
    }

    private KnowledgeBase open(String model) throws IOException {
        if (kb != null) {
            kb.close();
        }
        Path yaml = work.resolve("sluice.yaml");
        Files.writeString(
                yaml,
                "index: index\nsources:\n  - name: notes\n    path: docs\nembedding:\n  model:\n" + model.indent(4),
                StandardCharsets.UTF_8);
        kb = KnowledgeBase.open(EffectiveConfig.resolve(ConfigLoader.load(yaml), Flags.NONE));
        return kb;
    }

    private IngestReport sync() {
        return kb.sync(kb.configuredRun(RunOptions.DEFAULTS), ProgressListener.NONE);
    }

    private List<String> search(String query, SearchMode mode) {
        return kb.search(new SearchRequest(query, mode, 3, SearchFilters.NONE)).stream()
                .map(SearchHit::path)
                .toList();
    }

    private static void extract(EmbeddingModelSpec spec, Path folder) throws IOException {
        Files.createDirectories(folder);
        for (String[] file :
                new String[][] {{spec.modelResource(), "model.onnx"}, {spec.tokenizerResource(), "tokenizer.json"}}) {
            try (InputStream in = EmbeddingModelSpec.class.getResourceAsStream(file[0])) {
                Files.copy(in, folder.resolve(file[1]), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Test
    void should_ingest_and_search_with_a_model_from_files_and_build_a_new_generation_when_the_file_changes()
            throws IOException {
        Path folder = work.resolve("models/custom");
        extract(EmbeddingModelSpec.BGE_SMALL_EN_V15_Q, folder);
        open("path: models/custom\npooling: cls\nid: custom\nqueryPrefix: \"" + ModelPrefix.BGE + "\"\n");
        assertThat(sync().ingested()).isEqualTo(3);
        IndexSettings first = LuceneIndex.settingsOf(work.resolve("index"));
        assertThat(first.modelId()).isEqualTo("custom");
        assertThat(first.modelVersion()).isEqualTo(kb.config().model().version());
        assertThat(search("how does a boat go up a canal", SearchMode.DENSE))
                .first()
                .isEqualTo("locks.md");
        assertThat(search("why does dough rise", SearchMode.HYBRID)).first().isEqualTo("bread.md");
        assertThat(sync().embeddingsComputed())
                .as("unchanged files, same model: nothing embedded")
                .isZero();

        extract(EmbeddingModelSpec.ALL_MINILM_L6_V2_Q, folder); // same id, another file: another model
        open("path: models/custom\npooling: mean\nmaxLength: 128\nid: custom\n");
        IngestReport rebuilt = sync();
        assertThat(rebuilt.embeddingsComputed())
                .as("every chunk embedded again by the new model")
                .isPositive();
        IndexSettings second = LuceneIndex.settingsOf(work.resolve("index"));
        assertThat(second.modelId()).isEqualTo("custom");
        assertThat(second.modelVersion()).isNotEqualTo(first.modelVersion());
        assertThat(search("how does a boat go up a canal", SearchMode.DENSE))
                .first()
                .isEqualTo("locks.md");
    }

    private String endpoint(String extra) {
        return endpoint(2, extra);
    }

    private String endpoint(int batchSize, String extra) {
        return """
                endpoint: %s
                model: text-embedding-3-small
                dimensions: 64
                batchSize: %d
                retries: 3
                """.formatted(server.baseUrl(), batchSize) + extra;
    }

    private List<LlmCallRecord> calls(String purpose) {
        return kb.ledger().llmCalls(0).stream()
                .filter(c -> c.purpose().equals(purpose))
                .toList();
    }

    @Test
    void should_ingest_and_search_through_an_endpoint_with_ledger_rows_and_cache_the_vectors() throws IOException {
        open(endpoint(""));
        assertThat(sync().ingested()).isEqualTo(3);
        ScriptedEmbeddings embeddings = server.embeddings();
        int requests = embeddings.requests().size();
        assertThat(requests).as("3 chunks at batchSize 2: two requests").isEqualTo(2);
        assertThat(embeddings.requests().getFirst().path("dimensions").asInt()).isEqualTo(64);
        IndexSettings settings = LuceneIndex.settingsOf(work.resolve("index"));
        assertThat(settings.modelId()).isEqualTo("text-embedding-3-small");
        assertThat(settings.modelVersion())
                .isEqualTo("endpoint:127.0.0.1:" + server.baseUrl().replaceAll(".*:(\\d+).*", "$1")
                        + "/text-embedding-3-small;dim=64");
        assertThat(settings.dimensions()).isEqualTo(64);
        List<LlmCallRecord> rows = calls("embed");
        assertThat(rows).hasSize(2).allSatisfy(r -> {
            assertThat(r.outcome()).isEqualTo("ok");
            assertThat(r.model()).isEqualTo("text-embedding-3-small");
            assertThat(r.inputTokens()).isPositive();
            assertThat(r.costPicoUsd()).as("priced at $0.02 per million tokens").isEqualTo(r.inputTokens() * 20_000);
        });

        assertThat(search("canal lock boat water", SearchMode.DENSE)).first().isEqualTo("locks.md");
        assertThat(calls("embed-query")).hasSize(1);

        IngestReport again = sync();
        assertThat(again.embeddingsComputed()).isZero();
        assertThat(embeddings.requests()).as("the second sync makes no call").hasSize(requests + 1);

        Files.writeString(
                work.resolve("docs/bread.md"), "# Bread\n\nFlour, water and yeast.\n", StandardCharsets.UTF_8);
        open(endpoint(""));
        assertThat(sync().embeddingsComputed()).as("only the changed chunk").isEqualTo(1);
    }

    @Test
    void should_retry_429_and_500_honouring_retry_after_and_book_the_attempts() throws IOException {
        server.embeddings().then(new ScriptedEmbeddings.Status(429, "1"), new ScriptedEmbeddings.Status(500, null));
        open(endpoint(8, ""));
        long started = System.nanoTime();
        assertThat(sync().ingested()).isEqualTo(3);
        assertThat((System.nanoTime() - started) / 1_000_000)
                .as("waited the Retry-After second")
                .isGreaterThanOrEqualTo(1000);
        assertThat(calls("embed")).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo("ok");
            assertThat(r.attempts()).isEqualTo(3);
        });
    }

    @Test
    void should_stop_the_run_cleanly_when_the_budget_is_spent_and_resume_when_it_allows() throws IOException {
        open(endpoint("dailyUsd: 0.0000000001\n"));
        assertThatThrownBy(this::sync).hasMessageContaining("budget");
        assertThat(server.embeddings().requests())
                .as("no request made over the budget")
                .isEmpty();
        assertThat(calls("embed")).extracting(LlmCallRecord::outcome).contains("budget_exceeded");
        assertThat(kb.catalog().documents()).as("nothing half-indexed").isEmpty();

        open(endpoint(""));
        assertThat(sync().ingested()).isEqualTo(3);
    }

    @Test
    void should_refuse_an_endpoint_that_gives_other_dimensions_naming_both() throws IOException {
        server.embeddings().then(new ScriptedEmbeddings.WrongDimensions(32));
        open(endpoint(8, "")); // one request: with two, both may be in flight when the first fails
        assertThatThrownBy(this::sync).hasMessageContaining("gave 32-dimension vectors, expected 64");
        assertThat(calls("embed")).extracting(LlmCallRecord::outcome).containsExactly("failed");
    }

    @Test
    void should_refuse_an_endpoint_that_gives_another_number_of_vectors_than_inputs() throws IOException {
        server.embeddings().then(new ScriptedEmbeddings.WrongCount());
        open(endpoint(8, ""));
        assertThatThrownBy(this::sync).hasMessageContaining("gave 2 vectors for 3 inputs");
        assertThat(server.embeddings().requests())
                .as("a broken reply is not retried")
                .hasSize(1);
    }

    /** The shipped bge's query instruction. */
    private static final class ModelPrefix {
        static final String BGE = "Represent this sentence for searching relevant passages: ";
    }
}
