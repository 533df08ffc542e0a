package dev.sluice.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.KnowledgeBase;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.Flags;
import dev.sluice.conflict.Conflict;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.ingest.RunOptions;
import dev.sluice.llm.LlmCallRecord;
import dev.sluice.observe.SpanRecord;
import dev.sluice.observe.Tracing;
import dev.sluice.testkit.ScriptedOpenAiServer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Answers over two handbooks that disagree on parental leave, in a real knowledge base (Lucene, SQLite,
 * the ONNX model) on a temporary folder: the answer says the sources disagree and cites both, extractive
 * or written by a model (a real OpenAI-protocol server on 127.0.0.1 following a script); when the
 * handbooks agree nothing is said; with {@code llm.judgeConflicts} the model confirms or rejects each
 * candidate, every call in the ledger.
 */
class ConflictingSourcesIT {
    private static final String QUESTION =
            "How long is parental leave at Acme, and when are parental leave requests due?";

    private static final String HANDBOOK = """
            # Acme employee handbook

            ## Parental leave

            Acme employees receive 16 weeks of paid parental leave. Parental leave requests are due 30 days before \
            the leave starts. The leave can be taken in one or two blocks.

            ## Holidays

            The office closes between Christmas and New Year, and on public holidays.
            """;

    private static final String FAQ = """
            # HR questions and answers

            ## How long is parental leave?

            Parental leave at Acme lasts %s weeks. Parental leave requests are due %s days before the leave starts. \
            Pay continues during the leave.

            ## Who do I ask about payroll?

            Write to the payroll team; they answer within two working days.
            """;

    @TempDir
    Path work;

    private KnowledgeBase knowledgeBase(String faqWeeks, String faqDays, String llm) throws Exception {
        Path docs = Files.createDirectories(work.resolve("docs"));
        Files.writeString(docs.resolve("handbook.md"), HANDBOOK, StandardCharsets.UTF_8);
        Files.writeString(docs.resolve("hr-faq.md"), FAQ.formatted(faqWeeks, faqDays), StandardCharsets.UTF_8);
        Path yaml = work.resolve("sluice.yaml");
        Files.writeString(yaml, "index: index\nsources:\n  - name: hr\n    path: docs\n" + llm, StandardCharsets.UTF_8);
        KnowledgeBase kb = KnowledgeBase.openOrCreate(EffectiveConfig.resolve(ConfigLoader.load(yaml), Flags.NONE));
        kb.sync(kb.configuredRun(RunOptions.DEFAULTS), ProgressListener.NONE);
        return kb;
    }

    private static String llm(ScriptedOpenAiServer server, boolean judge) {
        return """
                llm:
                  baseUrl: %s
                  model: cheap-model
                  retries: 0
                  judgeConflicts: %s
                """.formatted(server.baseUrl(), judge);
    }

    /** The citation number of the passage from {@code path} in an answer's context. */
    private static int number(Answer answer, String path) {
        return answer.context().stream()
                .filter(c -> c.hit().path().equals(path))
                .findFirst()
                .orElseThrow()
                .number();
    }

    @Test
    void should_say_the_handbooks_disagree_and_cite_both_in_an_extractive_answer() throws Exception {
        try (KnowledgeBase kb = knowledgeBase("12", "60", "")) {
            Answer answer;
            String traceId;
            try (Tracing.Operation request = kb.trace("test ask", Context.root(), SpanKind.SERVER)) {
                answer = kb.ask(QUESTION, Asker.Options.DEFAULTS);
                traceId = request.traceId();
            }

            assertThat(answer.kind()).isEqualTo(Answer.Kind.EXTRACTIVE);
            int handbook = number(answer, "handbook.md");
            int faq = number(answer, "hr-faq.md");
            assertThat(answer.conflicts())
                    .extracting(Conflict::kind, Conflict::valueA, Conflict::valueB)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(
                                    "number",
                                    handbook < faq ? "16 weeks" : "12 weeks",
                                    handbook < faq ? "12 weeks" : "16 weeks"),
                            org.assertj.core.groups.Tuple.tuple(
                                    "number",
                                    handbook < faq ? "30 days" : "60 days",
                                    handbook < faq ? "60 days" : "30 days"));
            assertThat(answer.text())
                    .contains("Sources disagree on parental leave")
                    .contains("[" + handbook + "] says 16 weeks")
                    .contains("[" + faq + "] says 12 weeks");
            assertThat(answer.citations())
                    .extracting(Citation::path)
                    .as("both sides are cited")
                    .contains("handbook.md", "hr-faq.md");
            assertThat(answer.grounded()).isTrue();
            assertThat(answer.problems()).isEmpty();
            assertThat(new CitationVerifier()
                            .verify(answer.text(), answer.context())
                            .passedAsIs())
                    .as("the warning passes the citation check as written")
                    .isTrue();

            List<SpanRecord> spans = kb.trace(traceId);
            Object counted = spans.stream()
                    .filter(s -> s.name().equals("ask"))
                    .findFirst()
                    .orElseThrow()
                    .attributes()
                    .get("sluice.answer.conflicts");
            assertThat(((Number) counted).intValue()).isEqualTo(2);
            assertThat(spans).extracting(SpanRecord::name).contains("answer.conflicts");
        }
    }

    @Test
    void should_not_warn_when_the_handbooks_agree() throws Exception {
        try (KnowledgeBase kb = knowledgeBase("16", "30", "")) {
            Answer answer = kb.ask(QUESTION, Asker.Options.DEFAULTS);

            assertThat(answer.kind()).isEqualTo(Answer.Kind.EXTRACTIVE);
            assertThat(answer.context()).extracting(c -> c.hit().path()).contains("handbook.md", "hr-faq.md");
            assertThat(answer.conflicts()).isEmpty();
            assertThat(answer.text()).doesNotContain("disagree");
        }
    }

    @Test
    void should_add_the_warning_after_a_model_answer_that_picked_one_side() throws Exception {
        try (ScriptedOpenAiServer server = new ScriptedOpenAiServer()) {
            server.fallback(ScriptedOpenAiServer.ok("Parental leave at Acme lasts 12 weeks [2].", 300, 20));
            try (KnowledgeBase kb = knowledgeBase("12", "60", llm(server, false))) {
                Answer answer = kb.ask(QUESTION, Asker.Options.DEFAULTS);

                assertThat(answer.kind()).isEqualTo(Answer.Kind.MODEL);
                assertThat(answer.text())
                        .startsWith("Parental leave at Acme lasts 12 weeks [2].")
                        .contains("[" + number(answer, "handbook.md") + "] says 16 weeks")
                        .contains("[" + number(answer, "hr-faq.md") + "] says 12 weeks");
                assertThat(answer.citations()).extracting(Citation::path).contains("handbook.md", "hr-faq.md");
                assertThat(answer.conflicts()).hasSize(2);
                assertThat(server.requests())
                        .as("without llm.judgeConflicts, no judge is asked")
                        .hasSize(1);
            }
        }
    }

    @Test
    void should_let_the_model_judge_confirm_one_candidate_and_reject_the_other() throws Exception {
        try (ScriptedOpenAiServer server = new ScriptedOpenAiServer()) {
            server.then(
                    ScriptedOpenAiServer.ok(
                            "{\"conflict\": true, \"reason\": \"16 and 12 weeks cannot both hold\"}", 200, 15),
                    ScriptedOpenAiServer.ok("{\"conflict\": false, \"reason\": \"a deadline, not a rule\"}", 200, 15));
            server.fallback(ScriptedOpenAiServer.ok("Parental leave at Acme lasts 16 weeks [1].", 300, 20));
            long start = System.currentTimeMillis();
            try (KnowledgeBase kb = knowledgeBase("12", "60", llm(server, true))) {
                Answer answer = kb.ask(QUESTION, Asker.Options.DEFAULTS);

                String firstJudged = server.requests().getFirst().lastUserMessage();
                assertThat(firstJudged).contains("Decide whether they really contradict each other");
                assertThat(answer.conflicts())
                        .singleElement()
                        .satisfies(c -> assertThat(firstJudged).contains(c.valueA() + " against " + c.valueB()));
                assertThat(answer.kind()).isEqualTo(Answer.Kind.MODEL);
                assertThat(answer.text()).containsOnlyOnce("Sources disagree");
                List<LlmCallRecord> calls = kb.ledger().llmCalls(start);
                assertThat(calls)
                        .extracting(LlmCallRecord::purpose)
                        .containsExactlyInAnyOrder("conflict-judge", "conflict-judge", "answer");
                assertThat(calls)
                        .filteredOn(c -> c.purpose().equals("conflict-judge"))
                        .allSatisfy(c -> assertThat(c.promptVersion()).matches("conflict-judge@[0-9a-f]{12}"));

                kb.ask(QUESTION, Asker.Options.DEFAULTS);
                assertThat(server.requests())
                        .as("the same candidates are judged once: the second answer's judge calls come from the cache")
                        .hasSize(3);
            }
        }
    }
}
