package dev.sluice.transform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.llm.LlmCallRecord;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch mode against the scripted server's batch API (files, batches, output files over real HTTP): a
 * run submits its misses and calls nothing; a run while the batch is in progress neither calls nor
 * submits them again; a run after it completed collects the results into the store at half price, one
 * ledger row per item, and answers from the store.
 */
class TransformBatchIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BATCH = """
            batch: true
            steps:
              - {name: doctype, kind: classify, labels: [policy, report], version: v1}
            """;

    @TempDir
    Path dir;

    private TransformFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new TransformFixture(dir);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void should_submit_misses_as_one_batch_then_collect_them_at_half_price_in_a_later_run() throws Exception {
        Transforms first = fx.open(fx.settings(BATCH));
        List<Enrichment> submitted = TransformsIT.enrichAll(first);
        assertThat(submitted).allSatisfy(e -> assertThat(e.pending()).isEqualTo(1));
        fx.restart(); // closing the run submits its batch
        assertThat(fx.server.requests()).as("no chat call in batch mode").isEmpty();
        assertThat(fx.server.batches().created()).isEqualTo(1);
        List<String> lines = fx.server.batches().uploads().getFirst().lines().toList();
        assertThat(lines).hasSize(3);
        JsonNode line = JSON.readTree(lines.getFirst());
        assertThat(line.path("url").asText()).isEqualTo("/v1/chat/completions");
        assertThat(line.path("body").path("model").asText()).isEqualTo(TransformFixture.CHEAP);
        assertThat(line.path("body").path("response_format").path("type").asText())
                .isEqualTo("json_schema");
        assertThat(first.summary().batched()).isEqualTo(3);

        Transforms waiting = fx.open(fx.settings(BATCH));
        assertThat(TransformsIT.enrichAll(waiting))
                .allSatisfy(e -> assertThat(e.pending()).isEqualTo(1));
        fx.restart();
        assertThat(fx.server.batches().created())
                .as("items in an open batch are not submitted twice")
                .isEqualTo(1);

        fx.server.batches().finish();
        Transforms collecting = fx.open(fx.settings(BATCH));
        List<Enrichment> done = TransformsIT.enrichAll(collecting);
        assertThat(done).allMatch(Enrichment::complete);
        assertThat(done.getFirst().metadata()).containsEntry("doctype", List.of("policy"));
        assertThat(collecting.summary().collected()).isEqualTo(3);
        assertThat(collecting.summary().cacheHits()).isEqualTo(3);
        assertThat(fx.server.requests()).isEmpty();
        List<LlmCallRecord> ledger = fx.catalog().llmCalls(0);
        assertThat(ledger).hasSize(3).allSatisfy(row -> {
            assertThat(row.purpose()).isEqualTo("transform:doctype");
            assertThat(row.keyId()).isEqualTo(Transforms.LEDGER_KEY);
            assertThat(row.outcome()).isEqualTo("ok");
            // Half of the cheap model's price: (in x 1 + out x 2) micro-dollars per million tokens, halved.
            assertThat(row.costPicoUsd())
                    .isEqualTo((row.inputTokens() * 1_000_000L + row.outputTokens() * 2_000_000L) / 2);
        });
        assertThat(collecting.summary().costPicoUsd())
                .isEqualTo(ledger.stream().mapToLong(LlmCallRecord::costPicoUsd).sum());
        fx.restart();
        assertThat(fx.server.batches().created()).as("nothing left to submit").isEqualTo(1);
    }

    @Test
    void should_escalate_an_invalid_batch_output_synchronously_and_resubmit_the_items_of_an_expired_batch()
            throws Exception {
        fx.server.respond(request -> request.lastUserMessage().contains("Leave policy")
                ? dev.sluice.testkit.ScriptedOpenAiServer.ok("{\"label\": \"memo\"}", 90, 6)
                : TransformFixture.reply(request));
        TransformsIT.enrichAll(fx.open(fx.settings(BATCH)));
        fx.restart();
        fx.server.batches().finish();
        fx.server.respond(TransformFixture::reply);
        Transforms collecting = fx.open(fx.settings(BATCH));
        List<Enrichment> done = TransformsIT.enrichAll(collecting);
        assertThat(done).allMatch(Enrichment::complete);
        assertThat(collecting.summary().escalations()).isEqualTo(1);
        assertThat(fx.server.requests())
                .extracting(r -> r.body().path("model").asText())
                .containsExactly(TransformFixture.STRONG);
        fx.restart();

        // An expired batch is given up: its items go into the next run's batch.
        TransformInput fresh = TransformFixture.document("holiday", "handbook", "Holiday policy. 1 May.", "1 May.");
        fx.open(fx.settings(BATCH)).enrich(fresh);
        fx.restart();
        assertThat(fx.server.batches().created()).isEqualTo(2);
        fx.server.batches().expire();
        Transforms again = fx.open(fx.settings(BATCH));
        assertThat(again.enrich(fresh).pending()).isEqualTo(1);
        fx.restart();
        assertThat(fx.server.batches().created()).isEqualTo(3);
    }
}
