package dev.sluice.examples.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.IngestOptions;
import dev.sluice.KnowledgeBase;
import dev.sluice.Sluice;
import dev.sluice.access.ApiKeys;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.Flags;
import dev.sluice.config.SluiceConfig;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.serve.SluiceServer;
import dev.sluice.springai.SluiceDocumentRetriever;
import dev.sluice.testkit.ScriptedOpenAiServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.rag.retrieval.search.DocumentRetriever;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The example application end to end: a real knowledge base of examples/handbook (real model, Lucene,
 * SQLite), the Spring context started as {@code main} starts it, embedded and against a real SluiceServer
 * on 127.0.0.1, the chat model a scripted OpenAI server that records what it was sent.
 */
class SpringAiAppIT {
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

    private static ConfigurableApplicationContext start(ScriptedOpenAiServer model, String... sluice) {
        List<String> args = new ArrayList<>(List.of(sluice));
        args.add("--spring.ai.openai.base-url=" + model.baseUrl());
        args.add("--spring.ai.openai.api-key=test-openai-key");
        args.add("--spring.ai.openai.chat.options.model=test-model");
        return SpringApplication.run(SpringAiApp.class, args.toArray(String[]::new));
    }

    private static void assertThePassageReachedThePrompt(ScriptedOpenAiServer model) {
        assertThat(model.requests()).hasSize(1);
        String prompt = model.requests().getFirst().body().toString();
        assertThat(prompt)
                .contains(QUESTION)
                .contains("sixteen weeks of paid parental")
                .contains("[leave.md § Leave policy > Parental leave]");
        assertThat(model.requests().getFirst().authorization()).isEqualTo("Bearer test-openai-key");
    }

    @Test
    void should_answer_from_the_embedded_knowledge_base_with_its_passages_in_the_prompt() throws Exception {
        try (ScriptedOpenAiServer model = new ScriptedOpenAiServer();
                ConfigurableApplicationContext app = start(model, "--sluice.index=" + index)) {
            model.fallback(ScriptedOpenAiServer.ok(ANSWER, 120, 14));
            assertThat(app.getBean(DocumentRetriever.class)).isInstanceOf(SluiceDocumentRetriever.class);
            HandbookService.Reply reply = app.getBean(HandbookService.class).ask(QUESTION);
            assertThat(reply.answer()).isEqualTo(ANSWER);
            assertThat(reply.citations()).first().isEqualTo("leave.md § Leave policy > Parental leave");
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
                ScriptedOpenAiServer model = new ScriptedOpenAiServer();
                ConfigurableApplicationContext app =
                        start(model, "--sluice.url=http://127.0.0.1:" + server.port(), "--sluice.api-key=" + key)) {
            model.fallback(ScriptedOpenAiServer.ok(ANSWER, 120, 14));
            HandbookService.Reply reply = app.getBean(HandbookService.class).ask(QUESTION);
            assertThat(reply.answer()).isEqualTo(ANSWER);
            assertThat(reply.citations()).first().isEqualTo("leave.md § Leave policy > Parental leave");
            assertThePassageReachedThePrompt(model);
        }
    }
}
