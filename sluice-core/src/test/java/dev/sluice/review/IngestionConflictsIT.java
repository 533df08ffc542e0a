package dev.sluice.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.KnowledgeBase;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.Flags;
import dev.sluice.ingest.IngestReport;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.ingest.RunOptions;
import dev.sluice.ingest.Stage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conflict check after a sync, on a real knowledge base (Lucene, SQLite, the ONNX model) in a
 * temporary folder: two HR documents and two filings that agree, disagree, or speak of other periods.
 */
class IngestionConflictsIT {
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

            Acme employees receive %s weeks of paid parental leave. Parental leave requests are due 30 days before \
            the leave starts. %s

            ## Who do I ask about payroll?

            Write to the payroll team; they answer within two working days.
            """;

    @TempDir
    Path work;

    private Path docs;

    private KnowledgeBase open(String checks) throws Exception {
        docs = Files.createDirectories(work.resolve("docs"));
        Path yaml = work.resolve("sluice.yaml");
        Files.writeString(
                yaml, "index: index\nsources:\n  - name: hr\n    path: docs\n" + checks, StandardCharsets.UTF_8);
        return KnowledgeBase.openOrCreate(EffectiveConfig.resolve(ConfigLoader.load(yaml), Flags.NONE));
    }

    private void write(String name, String text) throws Exception {
        Files.writeString(docs.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static IngestReport sync(KnowledgeBase kb) {
        return kb.sync(kb.configuredRun(RunOptions.DEFAULTS), ProgressListener.NONE);
    }

    private static List<ReviewItem> all(KnowledgeBase kb) {
        return kb.reviews().items(null, null, 100, 0);
    }

    @Test
    void should_keep_one_item_with_both_sides_and_their_lineage_when_a_figure_differs_for_the_same_thing()
            throws Exception {
        try (KnowledgeBase kb = open("")) {
            write("handbook.md", HANDBOOK);
            write("hr-faq.md", FAQ.formatted("12", "Pay continues during the leave."));
            IngestReport report = sync(kb);

            List<ReviewItem> items = all(kb);
            assertThat(items).hasSize(1);
            ReviewItem item = items.getFirst();
            assertThat(item.kind()).isEqualTo(ReviewItem.CONFLICT);
            assertThat(item.status()).isEqualTo(ReviewItem.OPEN);
            assertThat(item.difference()).isEqualTo("number");
            assertThat(item.subject()).contains("parental");
            assertThat(item.runId()).isEqualTo(report.runId());
            assertThat(List.of(item.left().value(), item.right().value()))
                    .containsExactlyInAnyOrder("16 weeks", "12 weeks");
            ReviewItem.Side faq = item.left().path().equals("hr-faq.md") ? item.left() : item.right();
            assertThat(faq.source()).isEqualTo("hr");
            assertThat(faq.sentence()).isEqualTo("Acme employees receive 12 weeks of paid parental leave.");
            assertThat(faq.headingPath()).contains("How long is parental leave?");
            assertThat(faq.chunkId()).isNotBlank();
            assertThat(faq.documentVersion())
                    .isEqualTo(kb.catalog().document(faq.documentUri()).contentHash());
            ReviewScan scan = kb.reviews().scan(report.runId()).orElseThrow();
            assertThat(report.stageMillis()).containsEntry(Stage.CONFLICTS, scan.millis());
            assertThat(scan.ok()).isTrue();
            assertThat(scan.documents()).isEqualTo(2);
            assertThat(scan.added()).isEqualTo(1);
        }
    }

    @Test
    void should_keep_nothing_when_the_other_document_restates_the_same_figures() throws Exception {
        try (KnowledgeBase kb = open("")) {
            write("handbook.md", HANDBOOK);
            write("hr-faq.md", FAQ.formatted("16", "Pay continues during the leave."));
            sync(kb);

            assertThat(all(kb)).isEmpty();
            assertThat(kb.reviews().lastScan().orElseThrow().candidates()).isPositive();
        }
    }

    @Test
    void should_keep_a_filing_that_states_another_figure_for_the_same_period_but_not_one_for_another_period()
            throws Exception {
        try (KnowledgeBase kb = open("")) {
            write("acme-2022.md", """
                    # Acme Corp annual report 2022

                    ## Results of operations

                    Net revenue in fiscal 2022 was $5.2 billion. Operating income in fiscal 2022 was $812 million.
                    """);
            write("acme-2023.md", """
                    # Acme Corp annual report 2023

                    ## Results of operations

                    Net revenue in fiscal 2023 was $6.1 billion. Operating income in fiscal 2022 was $798 million.
                    """);
            sync(kb);

            List<ReviewItem> items = all(kb);
            assertThat(items).hasSize(1); // revenue differs too, but for fiscal 2022 and fiscal 2023: two facts
            assertThat(List.of(
                            items.getFirst().left().value(),
                            items.getFirst().right().value()))
                    .containsExactlyInAnyOrder("$812 million", "$798 million");
            assertThat(items.getFirst().subject()).contains("operating income");
        }
    }

    @Test
    void should_keep_only_a_restated_figure_among_two_years_of_one_issuer_and_another_issuer() throws Exception {
        try (KnowledgeBase kb = open("")) {
            String filing = """
                    # Annual report

                    ## Compensation

                    The cost is expected to be recognized over a weighted-average period of %s years.

                    ## Results

                    Operating income in fiscal 2021 was %s.
                    """;
            write("ACME_2021_10K.md", filing.formatted("2.4", "$812 million"));
            write("ACME_2022_10K.md", filing.formatted("2.1", "$798 million"));
            write("GLOBEX_2022_10K.md", filing.formatted("3.0", "$455 million"));
            sync(kb);

            // 2.4 and 2.1 years hold for each ACME filing's own year; GLOBEX's figures are another company's.
            assertThat(all(kb)).singleElement().satisfies(i -> {
                assertThat(List.of(i.left().path(), i.right().path()))
                        .containsExactlyInAnyOrder("ACME_2021_10K.md", "ACME_2022_10K.md");
                assertThat(List.of(i.left().value(), i.right().value()))
                        .containsExactlyInAnyOrder("$812 million", "$798 million");
            });
        }
    }

    @Test
    void should_never_store_a_pair_twice_nor_reopen_a_resolved_one_when_nothing_in_its_sentences_changed()
            throws Exception {
        try (KnowledgeBase kb = open("")) {
            write("handbook.md", HANDBOOK);
            write("hr-faq.md", FAQ.formatted("12", "Pay continues during the leave."));
            sync(kb);
            long id = all(kb).getFirst().id();

            write("hr-faq.md", FAQ.formatted("12", "Pay continues during the whole leave.")); // re-indexed
            IngestReport second = sync(kb);
            assertThat(second.ingested()).isEqualTo(1);
            assertThat(all(kb)).extracting(ReviewItem::id).containsExactly(id);

            assertThat(kb.reviews().resolve(id, Resolution.BOTH_VALID, "FAQ is for contractors", "cli:test", 1L))
                    .isTrue();
            write("hr-faq.md", FAQ.formatted("12", "Pay continues during the leave, in full."));
            sync(kb);

            assertThat(all(kb)).singleElement().satisfies(i -> {
                assertThat(i.id()).isEqualTo(id);
                assertThat(i.status()).isEqualTo(ReviewItem.RESOLVED);
                assertThat(i.resolution()).isEqualTo(Resolution.BOTH_VALID);
                assertThat(i.note()).isEqualTo("FAQ is for contractors");
            });
        }
    }

    @Test
    void should_resolve_an_open_item_as_source_changed_when_its_sentence_is_gone_and_reopen_it_when_it_is_back()
            throws Exception {
        try (KnowledgeBase kb = open("")) {
            write("handbook.md", HANDBOOK);
            write("hr-faq.md", FAQ.formatted("12", "Pay continues during the leave."));
            sync(kb);
            long id = all(kb).getFirst().id();

            write("hr-faq.md", FAQ.formatted("16", "Pay continues during the leave."));
            IngestReport fixed = sync(kb);

            ReviewItem resolved = kb.reviews().item(id).orElseThrow();
            assertThat(resolved.status()).isEqualTo(ReviewItem.RESOLVED);
            assertThat(resolved.resolution()).isEqualTo(Resolution.SOURCE_CHANGED);
            assertThat(resolved.resolvedBy()).isEqualTo("sluice");
            assertThat(resolved.note()).contains("no longer says: Acme employees receive 12 weeks");
            assertThat(kb.reviews().scan(fixed.runId()).orElseThrow().sourceChanged())
                    .isEqualTo(1);

            write("hr-faq.md", FAQ.formatted("12", "Pay continues during the leave."));
            sync(kb);
            assertThat(kb.reviews().item(id).orElseThrow().open()).isTrue();

            Files.delete(docs.resolve("hr-faq.md"));
            sync(kb);
            ReviewItem deleted = kb.reviews().item(id).orElseThrow();
            assertThat(deleted.resolution()).isEqualTo(Resolution.SOURCE_CHANGED);
            assertThat(deleted.note()).contains("is no longer in the index");
        }
    }

    @Test
    void should_check_nothing_when_checks_conflicts_is_false() throws Exception {
        try (KnowledgeBase kb = open("checks:\n  conflicts: false\n")) {
            write("handbook.md", HANDBOOK);
            write("hr-faq.md", FAQ.formatted("12", "Pay continues during the leave."));
            IngestReport report = sync(kb);

            assertThat(all(kb)).isEmpty();
            assertThat(kb.reviews().lastScan()).isEmpty();
            assertThat(report.stageMillis().getOrDefault(Stage.CONFLICTS, 0L)).isZero();
        }
    }

    @Test
    void should_find_on_two_threads_what_it_finds_on_one() throws Exception {
        try (KnowledgeBase kb = open("checks:\n  conflicts: false\n")) {
            write("handbook.md", HANDBOOK);
            write("hr-faq.md", FAQ.formatted("12", "Pay continues during the leave."));
            write("leave-2.md", FAQ.formatted("14", "Ask HR for the form."));
            sync(kb);
            List<String> uris = kb.documents().keySet().stream().sorted().toList();
            dev.sluice.index.LuceneIndex index =
                    ((dev.sluice.backend.LuceneSearchIndex) kb.searcher().index()).lucene();
            org.apache.lucene.search.IndexSearcher searcher = index.acquire();
            try {
                ReviewScan two = IngestionConflicts.defaults().check(searcher, 9, uris, kb.reviews(), 1L, 2);
                ReviewScan one = IngestionConflicts.defaults().check(searcher, 9, uris, kb.reviews(), 2L, 1);

                assertThat(two.added()).isEqualTo(3); // 16, 12 and 14 weeks: three pairs
                assertThat(all(kb)).hasSize(3);
                assertThat(one.found()).isEqualTo(two.found());
                assertThat(one.chunks()).isEqualTo(two.chunks());
                assertThat(one.added()).isZero();
            } finally {
                index.release(searcher);
            }
        }
    }

    @Test
    void should_finish_the_sync_and_record_why_when_the_check_fails() throws Exception {
        try (KnowledgeBase kb = open("")) {
            write("handbook.md", HANDBOOK);
            sync(kb);
            try (Connection c = DriverManager.getConnection(
                            "jdbc:sqlite:" + work.resolve("index").resolve("catalog.sqlite"));
                    Statement s = c.createStatement()) {
                s.execute("DROP TABLE review_items"); // the check can no longer read or write its items
            }
            write("hr-faq.md", FAQ.formatted("12", "Pay continues during the leave."));
            IngestReport report = sync(kb);

            assertThat(report.ingested()).isEqualTo(1);
            assertThat(kb.documents().values()).anyMatch(d -> d.path().equals("hr-faq.md"));
            ReviewScan scan = kb.reviews().scan(report.runId()).orElseThrow();
            assertThat(scan.ok()).isFalse();
            assertThat(scan.error()).contains("review_items");
        }
    }
}
