package dev.sluice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.access.ApiKeyRecord;
import dev.sluice.answer.Answer;
import dev.sluice.answer.AnswerRecord;
import dev.sluice.answer.AnswerStore;
import dev.sluice.answer.Asker;
import dev.sluice.answer.ContextChunk;
import dev.sluice.answer.FeedbackDiagnosis;
import dev.sluice.answer.FeedbackRecord;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.Flags;
import dev.sluice.diagnose.FeedbackBreakdown;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.ingest.RunOptions;
import dev.sluice.testkit.TopicNotes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thumbs-down through the front door ({@link KnowledgeBase#feedback()}) against a real knowledge base of
 * twenty one-topic notes: the diagnosis it runs is kept with the feedback, with or without an expected
 * document; a diagnosis that cannot run is noted; the breakdown per layer and the eval cases follow.
 */
class FeedbacksIT {
    private static final String VOLCANO = "where is a volcano found";
    private static final String GEYSER = "where is a geyser found";

    @TempDir
    Path work;

    private KnowledgeBase knowledgeBase() throws Exception {
        Path docs = work.resolve("docs");
        TopicNotes.write(docs, TopicNotes.TOPICS);
        Files.createDirectories(docs.resolve("drafts"));
        Files.writeString(docs.resolve("drafts/geyser.md"), TopicNotes.note("geyser"), StandardCharsets.UTF_8);
        Path yaml = work.resolve("sluice.yaml");
        Files.writeString(
                yaml,
                "index: index\nsources:\n  - name: docs\n    path: docs\n    exclude: [\"drafts/**\"]\n",
                StandardCharsets.UTF_8);
        KnowledgeBase kb = KnowledgeBase.openOrCreate(EffectiveConfig.resolve(ConfigLoader.load(yaml), Flags.NONE));
        kb.sync(kb.configuredRun(RunOptions.DEFAULTS), ProgressListener.NONE);
        kb.keys().addApiKey(new ApiKeyRecord("k_ana", "ana", List.of(), List.of("query"), 1, 0), "hash-ana");
        return kb;
    }

    /** Asks as the service does and records the answer under {@code id}, as the service records it. */
    private static void answered(KnowledgeBase kb, String id, String question) {
        Answer a = kb.ask(question, Asker.Options.DEFAULTS, "k_ana", null);
        List<String> uris = new ArrayList<>();
        for (ContextChunk c : a.context()) {
            if (!uris.contains(c.hit().documentUri())) {
                uris.add(c.hit().documentUri());
            }
        }
        kb.answers()
                .addAnswer(new AnswerRecord(
                        id,
                        "k_ana",
                        "ana",
                        question,
                        a.text(),
                        a.kind().name().toLowerCase(java.util.Locale.ROOT),
                        uris,
                        System.currentTimeMillis()));
    }

    private static AnswerStore.Feedback down(KnowledgeBase kb, String answerId, String expect, String expectText) {
        return kb.feedback()
                .add(
                        new FeedbackRecord(0, answerId, "k_ana", "ana", "down", "wrong", System.currentTimeMillis()),
                        expect,
                        expectText,
                        null);
    }

    @Test
    void should_keep_the_full_diagnosis_naming_the_layer_when_a_thumbs_down_names_the_expected_document()
            throws Exception {
        try (KnowledgeBase kb = knowledgeBase()) {
            answered(kb, "ans_geyser", GEYSER);
            AnswerStore.Feedback f = down(kb, "ans_geyser", "drafts/geyser.md", null);
            FeedbackDiagnosis d = f.diagnosis();
            assertThat(d.error()).as(d.toString()).isNull();
            assertThat(d.layer()).isEqualTo("data");
            assertThat(d.cause()).isEqualTo("excluded_by_rules");
            assertThat(d.expect()).isEqualTo("drafts/geyser.md");
            assertThat(d.expectedUri()).startsWith("file:").endsWith("drafts/geyser.md");
            assertThat(d.fix()).contains("[drafts/**]");
            assertThat(d.evidence()).containsEntry("answerId", "ans_geyser");

            AnswerStore.Feedback stored = kb.answers().feedback(1).getFirst();
            assertThat(stored.feedback().id()).isEqualTo(f.feedback().id());
            // read back from JSON: the same values, numbers as JSON reads them
            assertThat(stored.diagnosis().toString()).isEqualTo(d.toString());
        }
    }

    @Test
    void should_run_the_weaker_diagnosis_without_an_expected_document() throws Exception {
        try (KnowledgeBase kb = knowledgeBase()) {
            answered(kb, "ans_ok", VOLCANO);
            FeedbackDiagnosis fine = down(kb, "ans_ok", null, null).diagnosis();
            assertThat(fine.layer()).as(fine.toString()).isEqualTo("none");
            assertThat(fine.cause()).isEqualTo("needs_expected");
            assertThat(fine.expectedUri()).isNull();
            assertThat(fine.evidence().get("expected").toString()).startsWith("none given");

            answered(kb, "ans_swallow", "what is the airspeed velocity of an unladen swallow");
            FeedbackDiagnosis floor = down(kb, "ans_swallow", null, null).diagnosis();
            assertThat(floor.layer()).as(floor.toString()).isEqualTo("context");
            assertThat(floor.cause()).isEqualTo("relevance_floor");
            assertThat(floor.passed()).containsExactly("data", "staleness");

            Path volcano = work.resolve("docs/volcano.md");
            Files.writeString(volcano, TopicNotes.note("volcano") + "\nA volcano is found near plate boundaries.\n");
            Files.setLastModifiedTime(volcano, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
            FeedbackDiagnosis changed = down(kb, "ans_ok", null, null).diagnosis();
            assertThat(changed.layer()).as(changed.toString()).isEqualTo("staleness");
            assertThat(changed.cause()).isEqualTo("changed_since_indexed");
            assertThat(changed.summary()).contains("volcano.md");

            kb.sync(kb.configuredRun(RunOptions.DEFAULTS), ProgressListener.NONE);
            FeedbackDiagnosis reindexed = down(kb, "ans_ok", null, null).diagnosis();
            assertThat(reindexed.layer()).as(reindexed.toString()).isEqualTo("staleness");
            assertThat(reindexed.cause()).isEqualTo("changed_since_answered");
        }
    }

    @Test
    void should_keep_the_feedback_and_note_why_when_the_diagnosis_cannot_run() throws Exception {
        try (KnowledgeBase kb = knowledgeBase()) {
            answered(kb, "ans_1", VOLCANO);
            AnswerStore.Feedback f = down(kb, "ans_1", "nope.md", null);
            assertThat(f.feedback().id()).isPositive();
            assertThat(f.diagnosis().error()).startsWith("no document 'nope.md'");
            assertThat(kb.answers().feedback(1).getFirst().diagnosis().error()).startsWith("no document 'nope.md'");
            AnswerStore.Feedback up =
                    kb.feedback().add(new FeedbackRecord(0, "ans_1", "k_ana", "ana", "up", null, 1), null, null, null);
            assertThat(up.diagnosis()).isNull();
        }
    }

    @Test
    void should_break_down_diagnosed_thumbs_down_feedback_per_layer() throws Exception {
        try (KnowledgeBase kb = knowledgeBase()) {
            answered(kb, "ans_geyser", GEYSER);
            answered(kb, "ans_swallow", "what is the airspeed velocity of an unladen swallow");
            down(kb, "ans_geyser", "drafts/geyser.md", null); // data
            down(kb, "ans_geyser", "drafts/geyser.md", "where a geyser is found"); // data
            down(kb, "ans_swallow", null, null); // context
            down(kb, "ans_geyser", "nope.md", null); // could not run
            kb.feedback().add(new FeedbackRecord(0, "ans_geyser", "k_ana", "ana", "up", null, 1), null, null, null);

            FeedbackBreakdown b = kb.feedback().breakdown(0);
            assertThat(b.downs()).isEqualTo(4);
            assertThat(b.diagnosed()).isEqualTo(3);
            assertThat(b.byLayer())
                    .containsEntry("data", 2)
                    .containsEntry("context", 1)
                    .containsEntry("model", 0);
            assertThat(b.share("data")).isEqualTo(2 / 3.0);
            assertThat(b.weeks()).hasSize(1);
            assertThat(b.weeks().getFirst().share("context")).isEqualTo(1 / 3.0);
            assertThat(kb.feedback().breakdown(System.currentTimeMillis() + 1).diagnosed())
                    .isZero();
        }
    }

    @Test
    void should_append_diagnosed_feedback_with_an_expected_document_as_eval_cases_without_repeating_them()
            throws Exception {
        try (KnowledgeBase kb = knowledgeBase()) {
            answered(kb, "ans_geyser", GEYSER);
            answered(kb, "ans_swallow", "what is the airspeed velocity of an unladen swallow");
            long first =
                    down(kb, "ans_geyser", "drafts/geyser.md", null).feedback().id();
            down(kb, "ans_geyser", "drafts/geyser.md", null); // the same case again
            down(kb, "ans_swallow", null, null);
            down(kb, "ans_swallow", "nope.md", null);
            Path set = work.resolve("evals/feedback.jsonl");

            Feedbacks.CasesOutcome o = kb.feedback().casesFromFeedback(set, 0);
            assertThat(o.added()).isEqualTo(1);
            assertThat(o.alreadyPresent()).isEqualTo(1);
            assertThat(o.withoutExpected()).isEqualTo(2);
            assertThat(o.cases()).containsExactly("feedback-" + first);
            List<String> lines = Files.readAllLines(set, StandardCharsets.UTF_8);
            assertThat(lines).hasSize(1);
            assertThat(lines.getFirst())
                    .startsWith(
                            "{\"id\":\"feedback-" + first + "\",\"question\":\"" + GEYSER + "\",\"relevant\":[\"file:")
                    .contains("drafts/geyser.md\"]", "\"layer\":\"data\"", "\"cause\":\"excluded_by_rules\"");

            Feedbacks.CasesOutcome again = kb.feedback().casesFromFeedback(set, 0);
            assertThat(again.added()).isZero();
            assertThat(again.alreadyPresent()).isEqualTo(2);
            assertThat(Files.readAllLines(set, StandardCharsets.UTF_8)).hasSize(1);
            assertThat(dev.sluice.eval.EvalSetReader.readJsonl(set).queries()).hasSize(1);
        }
    }
}
