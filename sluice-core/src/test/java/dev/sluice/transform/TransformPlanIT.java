package dev.sluice.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.KnowledgeBase;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.Flags;
import dev.sluice.core.UsageException;
import dev.sluice.llm.LlmCallRecord;
import dev.sluice.sqlite.SqliteCatalog;
import dev.sluice.testkit.ScriptedOpenAiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plans against the run that follows, on real Markdown files read, normalized and chunked by the real
 * extractor and chunker (the embedding model's tokenizer): the plan's items, cached items and calls are
 * exactly what the run does, and its input tokens are within the estimate's stated error of what the
 * server billed (it bills one token per four characters, as BPE tokenizers roughly count English).
 * Then the diff of two prompt versions and the status.
 */
class TransformPlanIT {
    @TempDir
    Path dir;

    private TransformFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new TransformFixture(dir);
        Path handbook = Files.createDirectories(dir.resolve("handbook"));
        Files.writeString(handbook.resolve("leave.md"), """
                # Leave policy

                Employees take 25 days of paid leave a year. Unused days carry over until the end of March,
                after which they lapse. Requests go to the line manager two weeks ahead.

                ## Sick leave

                Sick leave needs a doctor's note from the fourth day on.
                """);
        Files.writeString(handbook.resolve("q3.md"), """
                # Quarterly report

                Revenue grew 12% in the third quarter, driven by the new subscription plans. Costs stayed flat.
                """);
        Files.writeString(handbook.resolve("travel.md"), """
                # Travel report

                Trips fell by a third after the new rules. Trains replaced most short flights within Europe.
                """);
        Files.writeString(dir.resolve("strict.md"), """
                Choose exactly one label from: {{labels}}. Be strict: anything with numbers is a policy.
                Reply with JSON only: {"label": "<one of the labels>"}.

                Title: {{title}}

                {{text}}
                """);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private EffectiveConfig config(String doctype) throws Exception {
        Path file = dir.resolve("sluice.yaml");
        Files.writeString(file, """
                index: idx
                llm:
                  baseUrl: %s
                  model: mini
                  retries: 0
                  prices:
                    mini: {inputPerMillion: 1.00, outputPerMillion: 2.00}
                sources:
                  - name: handbook
                    path: handbook
                transforms:
                  steps:
                    - %s
                    - {name: asks, kind: questions, count: 2, version: v1}
                """.formatted(fx.server.baseUrl(), doctype));
        return EffectiveConfig.resolve(ConfigLoader.load(file), Flags.NONE);
    }

    private TransformRunSummary run(KnowledgeBase kb, EffectiveConfig config) {
        SqliteCatalog catalog = fx.keep(SqliteCatalog.open(createdIndex().resolve(SqliteCatalog.FILE_NAME)));
        try (Transforms t = Transforms.open(
                config.config().transforms(), catalog.transforms(), catalog, name -> null, Clock.systemUTC())) {
            kb.transforms().inputs(t::enrich, () -> {});
            return t.summary();
        }
    }

    private Path createdIndex() {
        try {
            return Files.createDirectories(dir.resolve("idx"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void should_plan_exactly_the_items_and_calls_the_run_then_makes_and_its_tokens_within_the_stated_error()
            throws Exception {
        EffectiveConfig config = config("{name: doctype, kind: classify, labels: [policy, report], version: v1}");
        try (KnowledgeBase kb = KnowledgeBase.open(config)) {
            TransformPlan plan = kb.transforms().plan();
            assertThat(plan.documents()).isEqualTo(3);
            assertThat(plan.rows())
                    .extracting(r -> r.transform() + "/" + r.source())
                    .containsExactly("doctype/handbook", "asks/handbook");
            assertThat(plan.rows().getFirst().items()).isEqualTo(3);
            TransformPlan.Row total = plan.total();
            assertThat(total.cached()).isZero();
            assertThat(total.calls()).isEqualTo(total.items()).isGreaterThan(3);

            TransformRunSummary run = run(kb, config);
            assertThat(run.calls()).isEqualTo(total.calls());
            assertThat(run.valid()).isEqualTo(total.items());
            long billedIn = kb.ledger().llmCalls(0).stream()
                    .mapToLong(LlmCallRecord::inputTokens)
                    .sum();
            // The estimate counts 1 token per 3 characters, the server bills 1 per 4: within 25% below, never above.
            assertThat(billedIn).isLessThanOrEqualTo(total.inputTokens());
            assertThat((double) billedIn / total.inputTokens()).isGreaterThan(0.7);
            assertThat(run.costPicoUsd()).isLessThanOrEqualTo(total.maxCostPicoUsd());

            TransformPlan again = kb.transforms().plan();
            assertThat(again.total().cached()).isEqualTo(total.items());
            assertThat(again.total().calls()).isZero();
            assertThat(again.spentTodayPicoUsd()).isEqualTo(run.costPicoUsd());
        }
    }

    @Test
    void should_diff_two_prompt_versions_and_show_each_in_the_status() throws Exception {
        EffectiveConfig v1 = config("{name: doctype, kind: classify, labels: [policy, report], version: v1}");
        try (KnowledgeBase kb = KnowledgeBase.open(v1)) {
            run(kb, v1);
        }
        fx.server.respond(request -> request.lastUserMessage().contains("Be strict")
                        && request.lastUserMessage().contains("Revenue grew")
                ? ScriptedOpenAiServer.ok("{\"label\": \"policy\"}", 90, 6)
                : TransformFixture.reply(request));
        EffectiveConfig v2 =
                config("{name: doctype, kind: classify, labels: [policy, report], version: v2, prompt: strict.md}");
        try (KnowledgeBase kb = KnowledgeBase.open(v2)) {
            TransformRunSummary second = run(kb, v2);
            assertThat(second.calls()).as("only doctype is recomputed").isEqualTo(3);

            TransformDiff.Result diff = kb.transforms().diff("doctype", "v1", "v2", 50);
            assertThat(diff.sampled()).isEqualTo(3);
            assertThat(diff.same()).isEqualTo(2);
            assertThat(diff.changed()).isEqualTo(1);
            assertThat(diff.onlyFrom()).isZero();
            assertThat(diff.examples()).singleElement().satisfies(e -> {
                assertThat(e.item()).endsWith("q3.md");
                assertThat(e.fromOutput()).isEqualTo("{\"label\":\"report\"}");
                assertThat(e.toOutput()).isEqualTo("{\"label\":\"policy\"}");
            });
            assertThat(kb.transforms().diff("doctype", "v1", "v2", 1).sampled()).isEqualTo(1);
            assertThatThrownBy(() -> kb.transforms().diff("doctype", "v1", "v3", 10))
                    .isInstanceOf(UsageException.class)
                    .hasMessage("transform 'doctype' has no outputs under version 'v3'; its versions with outputs:"
                            + " v1, v2");

            List<TransformStore.Status> status = kb.transforms().status();
            assertThat(status)
                    .extracting(s ->
                            s.transform() + "@" + s.promptVersion() + " valid=" + s.valid() + " pending=" + s.pending())
                    .containsExactly(
                            "asks@v1 valid=" + status.getFirst().valid() + " pending=0",
                            "doctype@v1 valid=3 pending=0",
                            "doctype@v2 valid=3 pending=0");
            assertThat(status).allSatisfy(s -> assertThat(s.costPicoUsd()).isPositive());
        }
    }
}
