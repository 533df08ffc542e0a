package dev.sluice.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.llm.Budget;
import dev.sluice.llm.LlmException;
import dev.sluice.llm.LlmGateway;
import dev.sluice.llm.LlmSettings;
import dev.sluice.llm.PriceTable;
import dev.sluice.retrieve.SearchHit;
import dev.sluice.sqlite.SqliteCatalog;
import dev.sluice.testkit.ScriptedOpenAiServer;
import dev.sluice.testkit.ScriptedOpenAiServer.EmptyAtLimit;
import dev.sluice.testkit.ScriptedOpenAiServer.SlowStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ModelAnswerer#answerStreaming} against a real OpenAI-protocol server on 127.0.0.1. */
class ModelAnswererStreamingIT {
    private static final String QUESTION = "what makes bread dough rise";
    private static final List<ContextChunk> CONTEXT = List.of(new ContextChunk(
            1,
            new SearchHit(
                    1,
                    1f,
                    "d3#0",
                    "file:///d3",
                    "docs",
                    "d3",
                    "markdown",
                    "Bread",
                    List.of("Bread"),
                    0,
                    0,
                    0,
                    0,
                    40,
                    "heading-aware/3",
                    "m",
                    "1",
                    "Yeast makes bread dough rise.",
                    "Yeast makes bread dough rise.")));

    @TempDir
    Path work;

    private ScriptedOpenAiServer server;
    private SqliteCatalog catalog;
    private LlmGateway gateway;
    private ModelAnswerer answerer;
    private final List<String> pieces = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedOpenAiServer();
        catalog = SqliteCatalog.open(work.resolve("catalog.sqlite"));
        LlmSettings settings = LlmSettings.builder(server.baseUrl(), "gpt-4o-mini", null)
                .retries(0, 10)
                .timeoutMillis(5_000)
                .cacheEntries(0)
                .build();
        gateway = new LlmGateway(settings, PriceTable.defaults(), new Budget(catalog, Budget.Limits.none()), catalog);
        answerer = new ModelAnswerer(gateway, PromptLibrary.load(null).get("answer"), null, 200);
    }

    @AfterEach
    void stop() {
        gateway.close();
        server.close();
        catalog.close();
    }

    @Test
    void should_pass_each_piece_of_the_answer_on_as_it_streams_and_return_the_whole_text() {
        server.then(new SlowStream(List.of("Yeast makes ", "the dough ", "rise [1]."), 20, 300, 9));

        String text = answerer.answerStreaming(QUESTION, CONTEXT, "o4-mini", pieces::add);

        assertThat(text).isEqualTo("Yeast makes the dough rise [1].");
        assertThat(pieces).containsExactly("Yeast makes ", "the dough ", "rise [1].");
        JsonNode sent = server.requests().getFirst().body();
        assertThat(sent.path("stream").asBoolean()).isTrue();
        assertThat(sent.path("model").asText()).isEqualTo("o4-mini");
        assertThat(sent.path("max_completion_tokens").asInt()).isEqualTo(200);
        assertThat(sent.has("temperature"))
                .as("a reasoning model gets no temperature")
                .isFalse();
        assertThat(server.requests().getFirst().lastUserMessage())
                .contains("[1] (d3 § Bread)")
                .contains(QUESTION);
        assertThat(catalog.llmCalls(0)).singleElement().satisfies(row -> {
            assertThat(row.purpose()).isEqualTo("answer");
            assertThat(row.outputTokens()).isEqualTo(9);
        });
    }

    @Test
    void should_return_null_and_pass_nothing_on_when_the_streamed_reply_is_not_in_context() {
        server.then(new SlowStream(List.of(" NOT_", "IN_CON", "TEXT", ": nothing about bread"), 10, 300, 6));

        assertThat(answerer.answerStreaming(QUESTION, CONTEXT, null, pieces::add))
                .isNull();
        assertThat(pieces).isEmpty();
    }

    @Test
    void should_pass_on_a_reply_that_only_began_like_the_not_in_context_marker() {
        server.then(new SlowStream(List.of("NOT", "E: yeast ", "does it [1]."), 10, 300, 6));

        String text = answerer.answerStreaming(QUESTION, CONTEXT, null, pieces::add);

        assertThat(text).isEqualTo("NOTE: yeast does it [1].");
        assertThat(String.join("", pieces)).isEqualTo(text);
        assertThat(pieces).containsExactly("NOTE: yeast ", "does it [1].");
    }

    @Test
    void should_pass_on_a_short_reply_held_back_to_the_end() {
        server.then(new SlowStream(List.of("NOT"), 0, 300, 1));

        assertThat(answerer.answerStreaming(QUESTION, CONTEXT, null, pieces::add))
                .isEqualTo("NOT");
        assertThat(pieces).containsExactly("NOT");
    }

    @Test
    void should_fail_an_empty_reply_cut_at_the_token_limit_instead_of_calling_it_not_found() {
        server.then(new EmptyAtLimit(300, 200), new EmptyAtLimit(300, 200));

        assertThatThrownBy(() -> answerer.answerStreaming(QUESTION, CONTEXT, "o3", pieces::add))
                .isInstanceOf(LlmException.class)
                .hasMessageContaining("token limit of 200")
                .hasMessageContaining("raise llm.maxAnswerTokens");
        assertThatThrownBy(() -> answerer.answer(QUESTION, CONTEXT, "o3"))
                .isInstanceOf(LlmException.class)
                .hasMessageContaining("raise llm.maxAnswerTokens");
        assertThat(pieces).isEmpty();
    }
}
