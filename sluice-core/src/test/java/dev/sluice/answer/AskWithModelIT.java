package dev.sluice.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.IngestOptions;
import dev.sluice.Sluice;
import dev.sluice.embed.EmbeddingModelSpec;
import dev.sluice.eval.BeirCorpusSource;
import dev.sluice.extract.ExtractionLimits;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.llm.Budget;
import dev.sluice.llm.LlmCallRecord;
import dev.sluice.llm.LlmGateway;
import dev.sluice.llm.LlmSettings;
import dev.sluice.llm.PriceTable;
import dev.sluice.sqlite.SqliteCatalog;
import dev.sluice.testkit.Fixtures;
import dev.sluice.testkit.ScriptedOpenAiServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Answers written by a language model, against a real OpenAI-protocol server on 127.0.0.1 that
 * follows a script, with the real index, model and catalog: citation checks, escalation to the
 * stronger model, "not in the passages", and every way back to an extractive answer.
 */
class AskWithModelIT {
    private static final Path TINY = Fixtures.tinyBeir();
    private static final String QUESTION = "what makes bread rise";

    @TempDir
    static Path work;

    static Path index;

    private ScriptedOpenAiServer server;
    private SqliteCatalog catalog;
    private Sluice.Searcher searcher;
    private long startMillis;

    @BeforeAll
    static void importTheCorpus() {
        index = work.resolve("index");
        IngestOptions defaults = IngestOptions.defaults(List.of(TINY), index);
        Sluice.ingest(
                new IngestOptions(
                        List.of(new BeirCorpusSource("tiny", TINY)),
                        index,
                        EmbeddingModelSpec.BGE_SMALL_EN_V15_Q,
                        IngestOptions.DEFAULT_MAX_CHUNK_TOKENS,
                        IngestOptions.DEFAULT_OVERLAP_TOKENS,
                        ExtractionLimits.defaults(),
                        1,
                        defaults.embedThreads()),
                ProgressListener.NONE);
    }

    @BeforeEach
    void open() throws Exception {
        startMillis = System.currentTimeMillis();
        server = new ScriptedOpenAiServer();
        catalog = SqliteCatalog.open(index.resolve(SqliteCatalog.FILE_NAME));
        searcher = Sluice.openSearcher(index);
    }

    @AfterEach
    void close() {
        searcher.close();
        catalog.close();
        server.close();
    }

    private Answer ask(String strongModel, Budget.Limits limits) {
        LlmSettings settings = LlmSettings.builder(server.baseUrl(), "cheap-model", null)
                .retries(0, 10)
                .timeoutMillis(5_000)
                .build();
        PriceTable prices = PriceTable.defaults()
                .with("cheap-model", PriceTable.Price.perMillion("1", "2"))
                .with("strong-model", PriceTable.Price.perMillion("10", "20"));
        try (LlmGateway gateway = new LlmGateway(settings, prices, new Budget(catalog, limits), catalog)) {
            ModelAnswerer model =
                    new ModelAnswerer(gateway, PromptLibrary.load(null).get("answer"), strongModel, 200);
            return searcher.ask(QUESTION, Asker.Options.DEFAULTS, model);
        }
    }

    /** This test's ledger rows (the catalog is shared by the tests of this class). */
    private List<LlmCallRecord> ledger() {
        return catalog.llmCalls(startMillis);
    }

    @Test
    void should_show_a_model_answer_whose_citations_hold_and_record_its_prompt_version() {
        server.then(ScriptedOpenAiServer.ok("Yeast ferments sugars and the gas makes the dough rise [1].", 300, 20));

        Answer answer = ask(null, Budget.Limits.none());

        assertThat(answer.kind()).isEqualTo(Answer.Kind.MODEL);
        assertThat(answer.grounded()).isTrue();
        assertThat(answer.problems()).isEmpty();
        assertThat(answer.model()).isEqualTo("cheap-model");
        assertThat(answer.promptVersion()).matches("answer@[0-9a-f]{12}");
        assertThat(answer.citations())
                .singleElement()
                .satisfies(c -> assertThat(c.path()).isEqualTo("d3"));
        assertThat(server.requests().getFirst().lastUserMessage())
                .contains("[1] (d3 § Bread)")
                .contains("Question: " + QUESTION);
        assertThat(ledger()).singleElement().satisfies(row -> {
            assertThat(row.purpose()).isEqualTo("answer");
            assertThat(row.promptVersion()).isEqualTo(answer.promptVersion());
            assertThat(row.inputTokens()).isEqualTo(300);
            assertThat(row.outputTokens()).isEqualTo(20);
        });
    }

    @Test
    void should_escalate_to_the_strong_model_when_the_cheap_answer_cites_a_passage_it_was_not_given() {
        server.then(
                ScriptedOpenAiServer.ok("Bread rises thanks to yeast [9].", 300, 10),
                ScriptedOpenAiServer.ok("Yeast releases carbon dioxide gas into the dough [1].", 300, 12));

        Answer answer = ask("strong-model", Budget.Limits.none());

        assertThat(answer.kind()).isEqualTo(Answer.Kind.MODEL);
        assertThat(answer.model()).isEqualTo("strong-model");
        assertThat(answer.note()).contains("escalated from cheap-model");
        assertThat(server.requests())
                .extracting(r -> r.body().path("model").asText())
                .containsExactly("cheap-model", "strong-model");
    }

    @Test
    void should_fall_back_to_an_extractive_answer_when_the_model_quotes_what_the_passage_does_not_say() {
        server.then(ScriptedOpenAiServer.ok(
                "The passage says \"bread rises because of baking powder alone\" [1].", 300, 15));

        Answer answer = ask(null, Budget.Limits.none());

        assertThat(answer.kind()).isEqualTo(Answer.Kind.EXTRACTIVE);
        assertThat(answer.note()).contains("failed its citation check").contains("quotes");
        assertThat(answer.text()).startsWith("Bread rises because yeast ferments sugars");
    }

    @Test
    void should_say_not_found_when_the_model_finds_no_answer_in_the_passages() {
        server.then(ScriptedOpenAiServer.ok("NOT_IN_CONTEXT", 300, 3));

        Answer answer = ask(null, Budget.Limits.none());

        assertThat(answer.kind()).isEqualTo(Answer.Kind.NOT_FOUND);
        assertThat(answer.note()).contains("found no answer in the passages");
        assertThat(answer.citations()).isEmpty();
    }

    @Test
    void should_answer_extractively_without_calling_the_model_when_the_budget_is_spent() {
        Answer answer = ask(null, Budget.Limits.usd("0.000001", null, null, null));

        assertThat(server.requests())
                .as("no call that would pass the budget is made")
                .isEmpty();
        assertThat(answer.kind()).isEqualTo(Answer.Kind.EXTRACTIVE);
        assertThat(answer.note()).contains("model unavailable (budget_exceeded");
    }

    @Test
    void should_answer_extractively_when_the_server_keeps_failing() {
        server.fallback(new ScriptedOpenAiServer.Status(500, null));

        Answer answer = ask(null, Budget.Limits.none());

        assertThat(answer.kind()).isEqualTo(Answer.Kind.EXTRACTIVE);
        assertThat(answer.note()).contains("model unavailable (failed");
        assertThat(answer.grounded()).isTrue();
    }
}
