package dev.sluice.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.contract.RerankerContract;
import dev.sluice.llm.Budget;
import dev.sluice.llm.LlmCallRecord;
import dev.sluice.llm.LlmGateway;
import dev.sluice.llm.LlmSettings;
import dev.sluice.llm.PriceTable;
import dev.sluice.retrieve.Reranker;
import dev.sluice.retrieve.Reranking;
import dev.sluice.retrieve.SearchHit;
import dev.sluice.sqlite.SqliteCatalog;
import dev.sluice.testkit.ScriptedOpenAiServer;
import dev.sluice.testkit.ScriptedOpenAiServer.Hang;
import dev.sluice.testkit.ScriptedOpenAiServer.Status;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ListwiseLlmReranker} against a real OpenAI-protocol server on 127.0.0.1 that follows a script,
 * through the real gateway, with the ledger and budget in a real SQLite catalog. Also runs the
 * {@link RerankerContract}.
 */
class ListwiseLlmRerankerIT extends RerankerContract {
    private static final String MODEL = "gpt-4o-mini";

    @TempDir
    Path work;

    private ScriptedOpenAiServer server;
    private ScriptedOpenAiServer broken;
    private SqliteCatalog catalog;
    private final List<LlmGateway> gateways = new ArrayList<>();
    private Prompt prompt;

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedOpenAiServer();
        server.fallback(ScriptedOpenAiServer.ok("5, 2, 9, 1", 300, 8));
        broken = new ScriptedOpenAiServer();
        broken.fallback(new Status(500, null));
        catalog = SqliteCatalog.open(work.resolve("catalog.sqlite"));
        prompt = PromptLibrary.load(null).get("rerank");
    }

    @AfterEach
    void stop() {
        gateways.forEach(LlmGateway::close);
        server.close();
        broken.close();
        catalog.close();
    }

    private LlmSettings.Builder settings(ScriptedOpenAiServer to) {
        return LlmSettings.builder(to.baseUrl(), MODEL, null).retries(0, 10).timeoutMillis(2_000);
    }

    private ListwiseLlmReranker reranker(LlmSettings settings, Budget.Limits limits, int maxPassageChars) {
        LlmGateway gateway = new LlmGateway(settings, PriceTable.defaults(), new Budget(catalog, limits), catalog);
        gateways.add(gateway);
        return new ListwiseLlmReranker(gateway, prompt, null, maxPassageChars);
    }

    private ListwiseLlmReranker working() {
        return reranker(settings(server).build(), Budget.Limits.none(), 1000);
    }

    @Override
    protected Reranker reranker() {
        return working();
    }

    @Override
    protected Reranker failingReranker() {
        return reranker(settings(broken).build(), Budget.Limits.none(), 1000);
    }

    private static List<String> ids(Reranking r) {
        return r.hits().stream().map(SearchHit::chunkId).toList();
    }

    @Test
    void should_put_the_candidates_in_the_order_the_model_gives() {
        server.then(ScriptedOpenAiServer.ok("3, 1, 4, 2", 200, 6));

        Reranking r = working().rerank(QUESTION, RerankerContract.candidates(4), 4);

        assertThat(ids(r)).containsExactly("doc3#0", "doc1#0", "doc4#0", "doc2#0");
        assertThat(r.hits()).extracting(SearchHit::rank).containsExactly(1, 2, 3, 4);
        assertThat(r.reordered()).isTrue();
        assertThat(r.fallbackReason()).isNull();
        assertThat(r.moved()).isEqualTo(4);
        assertThat(r.cached()).isFalse();
        assertThat(r.reranker()).matches("llm gpt-4o-mini, prompt rerank@[0-9a-f]{12}");
    }

    @Test
    void should_cut_the_reordered_candidates_at_k() {
        server.then(ScriptedOpenAiServer.ok("[4] > [2] > [1] > [3]", 200, 12));

        Reranking r = working().rerank(QUESTION, RerankerContract.candidates(4), 2);

        assertThat(ids(r)).containsExactly("doc4#0", "doc2#0");
        assertThat(r.candidates()).isEqualTo(4);
    }

    @Test
    void should_ignore_unknown_numbers_and_keep_the_unnamed_candidates_after_the_named_ones_in_their_order() {
        server.then(ScriptedOpenAiServer.ok("7, 4, 0, 4, 12", 200, 9));

        Reranking r = working().rerank(QUESTION, RerankerContract.candidates(5), 5);

        assertThat(ids(r)).containsExactly("doc4#0", "doc1#0", "doc2#0", "doc3#0", "doc5#0");
        assertThat(r.reordered()).isTrue();
        assertThat(r.moved()).isEqualTo(4);
    }

    @Test
    void should_keep_the_original_order_when_the_reply_is_not_a_list_of_numbers() {
        server.then(ScriptedOpenAiServer.ok("The most relevant passage is 3, because it explains locks.", 200, 20));

        Reranking r = working().rerank(QUESTION, RerankerContract.candidates(4), 3);

        assertThat(ids(r)).containsExactly("doc1#0", "doc2#0", "doc3#0");
        assertThat(r.reordered()).isFalse();
        assertThat(r.fallbackReason()).startsWith("the reply is not a list of passage numbers");
        LlmCallRecord row = catalog.llmCalls(0).getFirst();
        assertThat(row.outcome())
                .as("the call itself succeeded and was paid for")
                .isEqualTo("ok");
        assertThat(row.outputTokens()).isEqualTo(20);
    }

    @Test
    void should_keep_the_original_order_when_the_server_answers_500() {
        server.then(new Status(500, null));

        Reranking r = working().rerank(QUESTION, RerankerContract.candidates(3), 3);

        assertThat(ids(r)).containsExactly("doc1#0", "doc2#0", "doc3#0");
        assertThat(r.fallbackReason()).startsWith("failed: ").contains("500");
        assertThat(catalog.llmCalls(0))
                .extracting(LlmCallRecord::purpose, LlmCallRecord::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("rerank", "failed"));
    }

    @Test
    void should_keep_the_original_order_when_the_server_does_not_answer_in_time() {
        server.then(new Hang(2_000));
        ListwiseLlmReranker impatient =
                reranker(settings(server).timeoutMillis(300).build(), Budget.Limits.none(), 1000);

        long start = System.nanoTime();
        Reranking r = impatient.rerank(QUESTION, RerankerContract.candidates(3), 2);

        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1_800);
        assertThat(ids(r)).containsExactly("doc1#0", "doc2#0");
        assertThat(r.fallbackReason()).startsWith("failed: ");
    }

    @Test
    void should_make_no_call_and_keep_the_original_order_when_the_budget_is_spent() {
        // A daily limit of a millionth of a dollar: less than the reserve of any call.
        ListwiseLlmReranker poor =
                reranker(settings(server).build(), Budget.Limits.usd("0.000001", null, null, null), 1000);

        Reranking r = poor.rerank(QUESTION, RerankerContract.candidates(4), 4);

        assertThat(ids(r)).containsExactly("doc1#0", "doc2#0", "doc3#0", "doc4#0");
        assertThat(r.fallbackReason()).startsWith("budget_exceeded: ");
        assertThat(server.requests()).as("no request reached the server").isEmpty();
        assertThat(catalog.llmCalls(0))
                .extracting(LlmCallRecord::purpose, LlmCallRecord::outcome, LlmCallRecord::attempts)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("rerank", "budget_exceeded", 0));
    }

    @Test
    void should_serve_the_same_question_over_the_same_passages_from_the_cache_without_a_second_call() {
        server.then(ScriptedOpenAiServer.ok("2, 1, 3", 200, 6), ScriptedOpenAiServer.ok("3, 2, 1", 200, 6));
        ListwiseLlmReranker reranker = working();

        Reranking first = reranker.rerank(QUESTION, RerankerContract.candidates(3), 3);
        Reranking second = reranker.rerank(QUESTION, RerankerContract.candidates(3), 3);

        assertThat(server.requests()).hasSize(1);
        assertThat(ids(second)).isEqualTo(ids(first)).containsExactly("doc2#0", "doc1#0", "doc3#0");
        assertThat(first.cached()).isFalse();
        assertThat(second.cached()).isTrue();
        assertThat(catalog.llmCalls(0)).extracting(LlmCallRecord::outcome).containsExactly("ok", "cached");

        Reranking otherQuestion = reranker.rerank("when do the gates open", RerankerContract.candidates(3), 3);
        assertThat(server.requests()).as("another question is another call").hasSize(2);
        assertThat(ids(otherQuestion)).containsExactly("doc3#0", "doc2#0", "doc1#0");
    }

    @Test
    void should_write_one_ledger_row_with_purpose_rerank_the_prompt_version_model_and_tokens() {
        server.then(ScriptedOpenAiServer.ok("2, 1", 321, 5));

        ListwiseLlmReranker reranker = working().forKey("team-a");
        reranker.rerank(QUESTION, RerankerContract.candidates(2), 2);

        LlmCallRecord row = catalog.llmCalls(0).getFirst();
        assertThat(catalog.llmCalls(0)).hasSize(1);
        assertThat(row.purpose()).isEqualTo("rerank");
        assertThat(row.promptVersion()).isEqualTo(prompt.version()).matches("rerank@[0-9a-f]{12}");
        assertThat(row.model()).isEqualTo(MODEL);
        assertThat(row.keyId()).isEqualTo("team-a");
        assertThat(row.inputTokens()).isEqualTo(321);
        assertThat(row.outputTokens()).isEqualTo(5);
        assertThat(row.costPicoUsd()).isPositive();
        assertThat(row.outcome()).isEqualTo("ok");
    }

    @Test
    void should_show_the_model_the_question_and_each_numbered_passage_cut_to_its_character_budget() {
        List<SearchHit> given = new ArrayList<>(RerankerContract.candidates(2));
        SearchHit longOne = given.get(1);
        String text = "Gates open at dawn. " + "The keeper lowers the upstream paddles slowly. ".repeat(20);
        given.set(
                1,
                new SearchHit(
                        2,
                        longOne.score(),
                        longOne.chunkId(),
                        longOne.documentUri(),
                        longOne.source(),
                        longOne.path(),
                        longOne.type(),
                        longOne.title(),
                        longOne.headingPath(),
                        longOne.pageStart(),
                        longOne.pageEnd(),
                        longOne.ordinal(),
                        longOne.start(),
                        longOne.end(),
                        longOne.chunkerVersion(),
                        longOne.modelId(),
                        longOne.modelVersion(),
                        text,
                        longOne.snippet()));
        server.then(ScriptedOpenAiServer.ok("2, 1", 200, 4));

        reranker(settings(server).build(), Budget.Limits.none(), 200).rerank(QUESTION, given, 2);

        String sent = server.requests().getFirst().lastUserMessage();
        assertThat(sent)
                .contains("Question: " + QUESTION)
                .contains("2 numbered passages")
                .contains("[1] (doc1.md § Section 1)\nPassage 1 says something")
                .contains("[2] (doc2.md § Section 2)\nGates open at dawn.")
                .doesNotContain(text.strip());
        String second = sent.substring(sent.indexOf("[2] (doc2.md"));
        String shown = second.substring(second.indexOf('\n') + 1).strip();
        assertThat(shown).endsWith(" …");
        assertThat(shown.length()).isLessThanOrEqualTo(200 + 2);
        assertThat(server.requests().getFirst().body().path("max_tokens").asInt())
                .as("room for the numbers only")
                .isEqualTo(ListwiseLlmReranker.replyTokens(2));
    }
}
