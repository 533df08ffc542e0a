package dev.sluice.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.llm.LlmCallRecord;
import dev.sluice.sqlite.SqliteCatalog;
import dev.sluice.testkit.ScriptedOpenAiServer;
import dev.sluice.testkit.ScriptedOpenAiServer.Ok;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transforms against a real OpenAI-protocol server on 127.0.0.1 and a real catalog file: caching,
 * replay after a prompt version change, repair, escalation, invalid outputs, provider failures,
 * concurrency. A "restart" closes every connection to the catalog and opens new ones on the same file:
 * everything a run leaves for the next is in that file (outputs, pending marks, the ledger), so this is
 * what a second process sees; {@code BudgetAcrossProcessesIT} already shows the ledger shared by two JVMs.
 */
class TransformsIT {
    private static final String CLASSIFY_AND_QUESTIONS = """
            concurrency: 2
            steps:
              - {name: doctype, kind: classify, labels: [policy, report], version: v1}
              - {name: asks, kind: questions, count: 2, version: v1}
            """;

    @TempDir
    Path dir;

    private TransformFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new TransformFixture(dir);
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    @Test
    void should_call_the_model_once_per_input_and_answer_a_second_run_from_the_store_after_a_restart()
            throws Exception {
        TransformSettings settings = fx.settings(CLASSIFY_AND_QUESTIONS);
        List<Enrichment> first = enrichAll(fx.open(settings));
        assertThat(fx.server.requests()).hasSize(3 + 6);
        assertThat(first.get(0).metadata()).containsExactly(Map.entry("doctype", List.of("policy")));
        assertThat(first.get(1).metadata()).containsExactly(Map.entry("doctype", List.of("report")));
        assertThat(first.get(0).questionsByChunkId()).hasSize(2);
        assertThat(first).allMatch(Enrichment::complete);

        fx.restart();
        Transforms again = fx.open(settings);
        List<Enrichment> second = enrichAll(again);
        assertThat(fx.server.requests()).as("no call for an unchanged input").hasSize(9);
        assertThat(second).isEqualTo(first);
        assertThat(again.summary().cacheHits()).isEqualTo(9);
        assertThat(again.summary().calls()).isZero();
        assertThat(again.summary().costPicoUsd()).isZero();
    }

    @Test
    void should_recompute_only_the_transform_whose_prompt_version_changed() throws Exception {
        enrichAll(fx.open(fx.settings(CLASSIFY_AND_QUESTIONS)));
        int before = fx.server.requests().size();
        fx.restart();
        Transforms v2 = fx.open(fx.settings(CLASSIFY_AND_QUESTIONS.replace(
                "labels: [policy, report], version: v1", "labels: [policy, report], version: v2")));
        enrichAll(v2);
        List<ScriptedOpenAiServer.Seen> replayed =
                fx.server.requests().subList(before, fx.server.requests().size());
        assertThat(replayed).hasSize(3).allMatch(r -> r.lastUserMessage().contains("Choose exactly one label"));
        assertThat(v2.summary().cacheHits()).isEqualTo(6);
        SqliteCatalog catalog = fx.catalog();
        assertThat(catalog.transforms().status())
                .extracting(s -> s.transform() + "@" + s.promptVersion() + "=" + s.valid())
                .containsExactly("asks@v1=6", "doctype@v1=3", "doctype@v2=3");
    }

    @Test
    void should_repair_prose_with_one_more_call_and_use_the_repaired_output() throws Exception {
        fx.server.then(
                ScriptedOpenAiServer.ok("It is clearly a policy document.", 80, 8),
                ScriptedOpenAiServer.ok("{\"label\": \"policy\"}", 100, 5));
        Transforms t = fx.open(fx.settings("steps:\n  - {name: doctype, kind: classify, labels: [policy, report]}\n"));
        Enrichment e = t.enrich(TransformFixture.handbook().getFirst());
        assertThat(e.metadata()).containsExactly(Map.entry("doctype", List.of("policy")));
        assertThat(fx.server.requests()).hasSize(2);
        assertThat(fx.server.requests().get(1).lastUserMessage())
                .contains("does not satisfy the required JSON schema: the reply is not JSON");
        assertThat(t.summary().escalations()).isZero();
        assertThat(t.summary().calls()).isEqualTo(2);
    }

    @Test
    void should_escalate_to_the_strong_model_when_the_cheap_one_stays_invalid_after_its_repair() throws Exception {
        fx.server.then(
                ScriptedOpenAiServer.ok("{\"label\": \"memo\"}", 80, 5),
                ScriptedOpenAiServer.ok("{\"label\": \"memo\"}", 100, 5),
                ScriptedOpenAiServer.ok("{\"label\": \"policy\"}", 80, 5));
        Transforms t = fx.open(fx.settings("steps:\n  - {name: doctype, kind: classify, labels: [policy, report]}\n"));
        Enrichment e = t.enrich(TransformFixture.handbook().getFirst());
        assertThat(e.metadata()).containsExactly(Map.entry("doctype", List.of("policy")));
        assertThat(fx.server.requests())
                .extracting(r -> r.body().path("model").asText())
                .containsExactly(TransformFixture.CHEAP, TransformFixture.CHEAP, TransformFixture.STRONG);
        assertThat(t.summary().escalations()).isEqualTo(1);
        List<LlmCallRecord> ledger = fx.catalog().llmCalls(0);
        assertThat(ledger).extracting(LlmCallRecord::purpose).containsOnly("transform:doctype");
        assertThat(ledger).extracting(LlmCallRecord::keyId).containsOnly(Transforms.LEDGER_KEY);
        assertThat(ledger).extracting(LlmCallRecord::outcome).containsExactly("invalid_output", "invalid_output", "ok");
        // The strong model's cost is booked at its own price: 80 x 10 + 5 x 40 micro-dollars per million.
        assertThat(ledger.get(2).costPicoUsd()).isEqualTo(80 * 10_000_000L + 5 * 40_000_000L);

        fx.restart();
        Transforms again =
                fx.open(fx.settings("steps:\n  - {name: doctype, kind: classify, labels: [policy, report]}\n"));
        assertThat(again.enrich(TransformFixture.handbook().getFirst()).metadata())
                .containsEntry("doctype", List.of("policy"));
        assertThat(fx.server.requests())
                .as("the strong model's output is found after the cheap one's invalid")
                .hasSize(3);
    }

    @Test
    void should_record_an_invalid_output_and_never_use_it_nor_pay_for_it_twice() throws Exception {
        fx.server.fallback(ScriptedOpenAiServer.ok("{\"label\": \"memo\"}", 80, 5));
        fx.server.respond(null);
        String yaml = "steps:\n  - {name: doctype, kind: classify, labels: [policy, report]}\n";
        Transforms t = fx.open(fx.settings(yaml));
        Enrichment e = t.enrich(TransformFixture.handbook().getFirst());
        assertThat(e.metadata()).isEmpty();
        assertThat(e.complete()).isFalse();
        assertThat(e.failures()).singleElement().satisfies(f -> {
            assertThat(f.transform()).isEqualTo("doctype");
            assertThat(f.item()).isEqualTo("file:///kb/leave.md");
            assertThat(f.reason())
                    .startsWith("the output of mini, then big broke the schema even after one repair:")
                    .contains("\"memo\" is not one of [\"policy\",\"report\"]");
            assertThat(f.fix()).contains("give it a new version");
        });
        assertThat(fx.server.requests()).hasSize(4);
        assertThat(t.summary().invalid()).isEqualTo(1);
        assertThat(fx.catalog().transforms().status()).singleElement().satisfies(s -> {
            assertThat(s.valid()).isZero();
            assertThat(s.invalid()).isEqualTo(1);
            assertThat(s.reasons()).hasSize(1);
        });

        fx.restart();
        Transforms again = fx.open(fx.settings(yaml));
        assertThat(again.enrich(TransformFixture.handbook().getFirst()).failures())
                .hasSize(1);
        assertThat(fx.server.requests())
                .as("an invalid output is not asked for again")
                .hasSize(4);
    }

    @Test
    void should_degrade_a_provider_failure_to_not_enriched_and_try_the_item_again_next_run() throws Exception {
        fx.server.then(new ScriptedOpenAiServer.Status(400, null));
        String yaml = "steps:\n  - {name: doctype, kind: classify, labels: [policy, report]}\n";
        Transforms t = fx.open(fx.settings(yaml));
        Enrichment e = t.enrich(TransformFixture.handbook().getFirst());
        assertThat(e.failures()).singleElement().satisfies(f -> {
            assertThat(f.reason()).startsWith("the model mini failed:");
            assertThat(f.fix()).contains("the next run tries this item again");
        });
        assertThat(t.summary().failed()).isEqualTo(1);
        fx.restart();
        assertThat(fx.open(fx.settings(yaml))
                        .enrich(TransformFixture.handbook().getFirst())
                        .complete())
                .isTrue();
        assertThat(fx.server.requests()).hasSize(2);
    }

    @Test
    void should_keep_calls_in_flight_within_the_concurrency_limit_across_calling_threads() throws Exception {
        fx.server.respond(request -> {
            Ok ok = (Ok) TransformFixture.reply(request);
            return new Ok(ok.text(), ok.inputTokens(), ok.outputTokens(), 120);
        });
        Transforms t = fx.open(fx.settings("concurrency: 2\nsteps:\n  - {name: asks, kind: questions}\n"));
        ExecutorService callers = Executors.newFixedThreadPool(3);
        try {
            List<Future<Enrichment>> done = new ArrayList<>();
            for (TransformInput doc : TransformFixture.handbook()) {
                done.add(callers.submit(() -> t.enrich(doc)));
            }
            for (Future<Enrichment> f : done) {
                assertThat(f.get().questionsByChunkId()).hasSize(2);
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(fx.server.requests()).hasSize(6);
        assertThat(fx.server.maxInFlight()).isEqualTo(2);
    }

    @Test
    void should_call_once_for_chunks_of_the_same_text_even_when_they_arrive_together() throws Exception {
        fx.server.respond(request -> {
            Ok ok = (Ok) TransformFixture.reply(request);
            return new Ok(ok.text(), ok.inputTokens(), ok.outputTokens(), 100);
        });
        Transforms t = fx.open(fx.settings("concurrency: 4\nsteps:\n  - {name: asks, kind: questions}\n"));
        TransformInput boilerplate = TransformFixture.document(
                "notes", "handbook", "Notes.", "Confidential.", "Confidential.", "Confidential.", "Confidential.");
        Enrichment e = t.enrich(boilerplate);
        assertThat(e.questionsByChunkId()).hasSize(4);
        assertThat(fx.server.requests()).hasSize(1);
        assertThat(t.summary().cacheHits()).isEqualTo(3);
    }

    @Test
    void should_space_requests_by_the_requests_per_minute_limit() throws Exception {
        Transforms t = fx.open(fx.settings("requestsPerMinute: 600\nsteps:\n  - {name: asks, kind: questions}\n"));
        TransformsIT.enrichAll(t);
        List<ScriptedOpenAiServer.Seen> seen = fx.server.requests();
        assertThat(seen).hasSize(6);
        // 600 a minute: one every 100 ms. From the second (the first also opened the connection) to the sixth:
        // four intervals, at least 400 ms less the jitter of the server's arrival times (on a loaded 2-core
        // machine one request reached the server 17 ms after its slot while the next was on time: 383 ms);
        // without the limit the six arrive within a few tens of milliseconds.
        assertThat((seen.getLast().atNanos() - seen.get(1).atNanos()) / 1_000_000)
                .isGreaterThanOrEqualTo(350);
    }

    @Test
    void should_fill_extract_fields_as_text_and_skip_nulls() throws Exception {
        Transforms t = fx.open(fx.settings("""
                steps:
                  - name: fields
                    kind: extract
                    fields: {company: string, fiscal_year: integer, currency: {type: string, enum: [USD, EUR]}}
                """));
        Enrichment e = t.enrich(TransformFixture.handbook().get(1));
        assertThat(e.metadata())
                .containsExactlyInAnyOrderEntriesOf(Map.of("company", List.of("ACME"), "fiscal_year", List.of("2023")));
        assertThat(fx.server
                        .requests()
                        .getFirst()
                        .body()
                        .path("response_format")
                        .path("json_schema")
                        .path("schema")
                        .path("properties")
                        .path("currency")
                        .path("enum")
                        .toString())
                .isEqualTo("[\"USD\",\"EUR\",null]");
    }

    @Test
    void should_return_none_and_call_nothing_when_no_transform_is_configured() throws Exception {
        SqliteCatalog catalog = fx.catalog();
        try (Transforms none = Transforms.open(TransformSettings.NONE, catalog.transforms(), catalog)) {
            assertThat(none.configured()).isFalse();
            assertThat(none.fingerprint()).isEmpty();
            assertThat(none.enrich(TransformFixture.handbook().getFirst())).isSameAs(Enrichment.NONE);
        }
        assertThat(fx.server.requests()).isEmpty();
    }

    @Test
    void should_change_the_fingerprint_with_a_prompt_version_or_a_model() throws Exception {
        String a = fx.open(fx.settings(CLASSIFY_AND_QUESTIONS)).fingerprint();
        String same = fx.open(fx.settings(CLASSIFY_AND_QUESTIONS)).fingerprint();
        String version = fx.open(
                        fx.settings(CLASSIFY_AND_QUESTIONS.replace("count: 2, version: v1", "count: 2, version: v9")))
                .fingerprint();
        String model = fx.open(
                        fx.settings(CLASSIFY_AND_QUESTIONS.replace("version: v1}", "version: v1, model: other}")))
                .fingerprint();
        assertThat(a).isEqualTo(same).isNotEqualTo(version).isNotEqualTo(model);
        assertThat(version).isNotEqualTo(model);
    }

    static List<Enrichment> enrichAll(Transforms t) {
        return TransformFixture.handbook().stream().map(t::enrich).toList();
    }
}
