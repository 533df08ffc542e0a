package dev.sluice.examples.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.IngestOptions;
import dev.sluice.KnowledgeBase;
import dev.sluice.Sluice;
import dev.sluice.access.ApiKeys;
import dev.sluice.client.SluiceApiException;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.Flags;
import dev.sluice.config.SluiceConfig;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.serve.SluiceServer;
import dev.sluice.testkit.ScriptedOpenAiServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example app end to end: a real knowledge base of examples/handbook (real model, Lucene, SQLite),
 * searched embedded and through a real SluiceServer on 127.0.0.1, the chat model a scripted OpenAI
 * server that records what it was sent.
 */
class LangChain4jAppIT {
    private static final String QUESTION = "How many weeks of parental leave do new parents get?";
    private static final String ANSWER = "New parents get sixteen weeks of paid parental leave [leave.md].";

    @TempDir
    static Path work;

    private static Path index;

    @BeforeAll
    static void ingest() {
        index = work.resolve("index");
        Sluice.ingest(IngestOptions.defaults(List.of(Path.of("../handbook")), index), ProgressListener.NONE);
    }

    private static String run(Map<String, String> env) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = LangChain4jApp.run(QUESTION.split(" "), env, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** What the model was sent: the passage about parental leave, with its citation. */
    private static void assertThePassageReachedThePrompt(ScriptedOpenAiServer model) {
        assertThat(model.requests()).hasSize(1);
        String prompt = model.requests().getFirst().body().toString();
        assertThat(prompt)
                .contains(QUESTION)
                .contains("sixteen weeks of paid parental")
                .contains("leave.md § Leave policy > Parental leave");
        assertThat(model.requests().getFirst().authorization()).isEqualTo("Bearer test-openai-key");
    }

    @Test
    void should_answer_from_the_embedded_knowledge_base_with_its_passages_in_the_prompt() throws Exception {
        try (ScriptedOpenAiServer model = new ScriptedOpenAiServer()) {
            model.fallback(ScriptedOpenAiServer.ok(ANSWER, 120, 14));
            String out = run(Map.of(
                    "SLUICE_INDEX", index.toString(),
                    "OPENAI_BASE_URL", model.baseUrl(),
                    "OPENAI_API_KEY", "test-openai-key"));
            assertThat(out).startsWith(ANSWER).contains("  source: leave.md § Leave policy > Parental leave");
            assertThePassageReachedThePrompt(model);
        }
    }

    @Test
    void should_answer_through_a_remote_sluice_service_with_the_callers_key() throws Exception {
        KnowledgeBase kb = KnowledgeBase.open(EffectiveConfig.resolve(
                SluiceConfig.defaults(), Flags.NONE.with(EffectiveConfig.INDEX, index, "--index")));
        String key = ApiKeys.create(kb.keys(), "app", List.of(), List.of("query"), System.currentTimeMillis())
                .key();
        try (SluiceServer server = SluiceServer.start(kb, "127.0.0.1", 0);
                ScriptedOpenAiServer model = new ScriptedOpenAiServer()) {
            model.fallback(ScriptedOpenAiServer.ok(ANSWER, 120, 14));
            String url = "http://127.0.0.1:" + server.port();
            String out = run(Map.of(
                    "SLUICE_URL",
                    url,
                    "SLUICE_API_KEY",
                    key,
                    "OPENAI_BASE_URL",
                    model.baseUrl(),
                    "OPENAI_API_KEY",
                    "test-openai-key"));
            assertThat(out).startsWith(ANSWER).contains("  source: leave.md § Leave policy > Parental leave");
            assertThePassageReachedThePrompt(model);

            assertThatThrownBy(() -> run(Map.of(
                            "SLUICE_URL",
                            url,
                            "SLUICE_API_KEY",
                            "sk_sluice_0000000000000000_revoked",
                            "OPENAI_BASE_URL",
                            model.baseUrl())))
                    .isInstanceOf(SluiceApiException.Unauthenticated.class)
                    .hasMessageContaining("401 unauthenticated");
            assertThat(model.requests()).as("no model call without passages").hasSize(1);
        }
    }

    @Test
    void should_say_which_variables_to_set_when_neither_index_nor_url_is_given() {
        assertThatThrownBy(() -> LangChain4jApp.retriever(Map.of()))
                .hasMessageContaining("set SLUICE_INDEX to an index folder (embedded) or SLUICE_URL");
    }
}
