package dev.sluice.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sqlite.SqliteCatalog;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Budgets: a run pauses cleanly at its per-run or daily limit (the items it did not start are pending,
 * with no output written for them) and the next run, after a restart on the same catalog file, resumes
 * exactly there: it calls the model only for the pending items and takes the rest from the store.
 */
class TransformBudgetIT {
    private static final String STEPS = """
            steps:
              - {name: doctype, kind: classify, labels: [policy, report], version: v1}
              - {name: asks, kind: questions, count: 2, version: v1}
            """;
    private static final int ITEMS = 3 + 6;

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
    void should_pause_at_the_per_run_budget_and_resume_exactly_the_pending_items_after_a_restart() throws Exception {
        long perRunPicoUsd = 1_000_000_000L; // $0.001: a few items of the cheap model, not all nine
        Transforms first = fx.open(fx.settings("concurrency: 2\nbudget: {perRunUsd: 0.001}\n" + STEPS));
        List<Enrichment> paused = TransformsIT.enrichAll(first);
        TransformRunSummary s1 = first.summary();
        assertThat(s1.pending()).isPositive();
        assertThat(s1.valid()).isPositive();
        assertThat(s1.valid() + s1.pending()).isEqualTo(ITEMS);
        assertThat(s1.costPicoUsd()).isLessThanOrEqualTo(perRunPicoUsd);
        assertThat(first.stoppedBecause()).contains("transforms.budget.perRunUsd");
        assertThat(paused.stream().mapToInt(Enrichment::pending).sum()).isEqualTo((int) s1.pending());
        assertThat(paused).anyMatch(e -> !e.complete());
        assertThat(fx.server.requests()).hasSize((int) s1.valid());
        SqliteCatalog catalog = fx.catalog();
        assertThat(catalog.transforms().status().stream()
                        .mapToLong(TransformStore.Status::valid)
                        .sum())
                .as("an output for every item done, none for a pending one")
                .isEqualTo(s1.valid());
        assertThat(catalog.transforms().status().stream()
                        .mapToLong(TransformStore.Status::pending)
                        .sum())
                .isEqualTo(s1.pending());

        fx.restart();
        Transforms second = fx.open(fx.settings("concurrency: 2\nbudget: {perRunUsd: 1.00}\n" + STEPS));
        List<Enrichment> resumed = TransformsIT.enrichAll(second);
        assertThat(fx.server.requests()).as("only the pending items are asked").hasSize(ITEMS);
        assertThat(second.summary().calls()).isEqualTo(s1.pending());
        assertThat(second.summary().cacheHits()).isEqualTo(s1.valid());
        assertThat(resumed).allMatch(Enrichment::complete);
        assertThat(fx.catalog().transforms().status())
                .allSatisfy(s -> assertThat(s.pending()).isZero());

        // The same as one run without a limit would have given.
        fx.restart();
        Transforms replay = fx.open(fx.settings(STEPS));
        assertThat(TransformsIT.enrichAll(replay)).isEqualTo(resumed);
        assertThat(replay.summary().calls()).isZero();
    }

    @Test
    void should_call_nothing_once_the_daily_budget_is_spent_by_an_earlier_run() throws Exception {
        Transforms first = fx.open(fx.settings(STEPS));
        TransformsIT.enrichAll(first);
        long spent = first.summary().costPicoUsd();
        assertThat(spent).isPositive();

        fx.restart();
        String daily =
                "budget: {dailyUsd: " + java.math.BigDecimal.valueOf(spent, 12).toPlainString() + "}\n";
        Transforms second = fx.open(fx.settings(daily + STEPS));
        TransformInput fresh = TransformFixture.document(
                "holiday", "handbook", "Holiday policy. Offices close on 1 May.", "Offices close on 1 May.");
        Enrichment e = second.enrich(fresh);
        assertThat(e.pending()).isEqualTo(2);
        assertThat(e.metadata()).isEmpty();
        assertThat(second.stoppedBecause()).contains("transforms.budget.dailyUsd");
        assertThat(fx.server.requests()).hasSize(ITEMS);

        fx.restart();
        Transforms third = fx.open(fx.settings("budget: {dailyUsd: 1.00}\n" + STEPS));
        assertThat(third.enrich(fresh).complete()).isTrue();
        assertThat(fx.server.requests()).hasSize(ITEMS + 2);
    }

    @Test
    void should_count_every_item_as_pending_when_the_llm_budget_refuses_the_call() throws Exception {
        // The llm section's own daily limit, held by the gateway's reservation in the ledger.
        fx.settings(STEPS);
        java.nio.file.Path yaml = dir.resolve("sluice.yaml");
        String text = java.nio.file.Files.readString(yaml)
                .replace("  retries: 0\n", "  retries: 0\n  budget: {dailyUsd: 0.0000001}\n");
        java.nio.file.Files.writeString(yaml, text);
        TransformSettings settings = dev.sluice.config.ConfigLoader.load(yaml).transforms();
        Transforms t = fx.open(settings);
        Enrichment e = t.enrich(TransformFixture.handbook().getFirst());
        assertThat(e.pending()).isEqualTo(3);
        assertThat(e.failures()).isEmpty();
        assertThat(t.stoppedBecause()).contains("the llm budget");
        assertThat(fx.server.requests()).isEmpty();
    }
}
