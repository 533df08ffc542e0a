package dev.sluice.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.KnowledgeBase;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.Flags;
import dev.sluice.core.QuarantineReason;
import dev.sluice.ingest.ContractViolationException;
import dev.sluice.ingest.IngestReport;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.ingest.RunOptions;
import dev.sluice.retrieve.SearchHit;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.retrieve.SearchRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks and contracts in a real knowledge base (Lucene, SQLite, the ONNX model) on a temporary
 * folder: a contract stops a run before it publishes and the index keeps its last good version;
 * near-duplicates collapse in results or are skipped; personal data is redacted from the index or
 * quarantines its document, by policy; findings are recorded with each document and per source.
 */
class QualityChecksIT {
    @TempDir
    Path work;

    private static final String[] TOPICS = {
        "river", "harbour", "lighthouse", "orchard", "quarry", "glacier", "meadow", "canyon", "estuary", "volcano"
    };

    /** About 400 words on a topic, sentences varied enough that two topics share few word shingles. */
    private static String essay(String topic, int seed) {
        StringBuilder sb = new StringBuilder("# Notes on the " + topic + "\n\n");
        String[] verbs = {"shapes", "feeds", "guards", "changes", "hides", "reveals", "connects", "divides"};
        String[] things = {
            "the village",
            "old farms",
            "the northern road",
            "winter storms",
            "local trade",
            "the school",
            "night trains",
            "migrating birds",
            "the market",
            "fishing boats"
        };
        for (int i = 0; i < 40; i++) {
            sb.append(String.format(
                    Locale.ROOT,
                    "In year %d the %s %s %s, as record %d of the survey shows. ",
                    1900 + (i * 7 + seed) % 120,
                    topic,
                    verbs[(i + seed) % verbs.length],
                    things[(i * 3 + seed) % things.length],
                    i + seed * 100));
            if (i % 8 == 7) {
                sb.append("\n\n");
            }
        }
        return sb.toString();
    }

    private KnowledgeBase open(String sourceExtra, String top) throws Exception {
        Path yaml = work.resolve("sluice.yaml");
        Files.writeString(
                yaml,
                "index: index\n" + top + "sources:\n  - name: notes\n    path: docs\n" + sourceExtra,
                StandardCharsets.UTF_8);
        return KnowledgeBase.openOrCreate(EffectiveConfig.resolve(ConfigLoader.load(yaml), Flags.NONE));
    }

    private Path docs() throws Exception {
        return Files.createDirectories(work.resolve("docs"));
    }

    private static IngestReport sync(KnowledgeBase kb) {
        return kb.sync(kb.configuredRun(RunOptions.DEFAULTS), ProgressListener.NONE);
    }

    private static List<SearchHit> search(KnowledgeBase kb, String query, SearchMode mode) {
        return kb.searcher().search(new SearchRequest(query, mode, 10, null));
    }

    @Test
    void should_fail_a_run_that_breaks_its_contract_before_publishing_and_keep_the_last_good_index() throws Exception {
        Path docs = docs();
        for (int i = 0; i < 3; i++) {
            Files.writeString(docs.resolve(TOPICS[i] + ".md"), essay(TOPICS[i], i), StandardCharsets.UTF_8);
        }
        String contract = "    contract:\n      minDocuments: 3\n      maxPiiHits: {value: 0, severity: warn}\n";
        try (KnowledgeBase kb = open(contract, "")) {
            IngestReport first = sync(kb);
            assertThat(first.ingested()).isEqualTo(3);
            assertThat(first.quality()).singleElement().satisfies(q -> {
                assertThat(q.documents()).isEqualTo(3);
                assertThat(q.published()).isTrue();
                assertThat(q.results()).allMatch(ExpectationResult::passed);
            });

            Files.delete(docs.resolve(TOPICS[1] + ".md"));
            Files.writeString(
                    docs.resolve(TOPICS[0] + ".md"),
                    essay(TOPICS[0], 0) + "\n\nWrite to jane.doe@example.com for the raw survey data.\n",
                    StandardCharsets.UTF_8);
            assertThatThrownBy(() -> sync(kb))
                    .isInstanceOf(ContractViolationException.class)
                    .hasMessageContaining("sources[0].contract.minDocuments")
                    .hasMessageContaining("would have 2 documents, fewer than the 3 expected")
                    .hasMessageContaining("published nothing")
                    .satisfies(e -> assertThat(((ContractViolationException) e).violations())
                            .hasSize(1));

            kb.refresh();
            assertThat(search(kb, TOPICS[1] + " survey record", SearchMode.BM25))
                    .as("the deleted document is still searchable: nothing of the failed run was published")
                    .anyMatch(h -> h.path().equals(TOPICS[1] + ".md"));
            assertThat(search(kb, "jane.doe@example.com raw survey data", SearchMode.BM25))
                    .noneMatch(h -> h.text().contains("jane.doe"));
            var failedRun = kb.runs(1).getFirst();
            assertThat(failedRun.status()).isEqualTo("failed");
            assertThat(failedRun.error()).contains("contract failed").contains("minDocuments");

            List<SourceQuality> history = kb.qualityStore().sourceQuality("notes", 10);
            assertThat(history).hasSize(2);
            assertThat(history.getFirst().published()).isFalse();
            assertThat(history.getFirst().piiHits()).isEqualTo(1);
            assertThat(history.getFirst().results())
                    .filteredOn(r -> !r.passed())
                    .extracting(ExpectationResult::key)
                    .containsExactlyInAnyOrder("sources[0].contract.minDocuments", "sources[0].contract.maxPiiHits");
        }
        // The expectation lowered to a warning: the same run publishes and reports the warning.
        try (KnowledgeBase kb = open("    contract:\n      minDocuments: {value: 3, severity: warn}\n", "")) {
            IngestReport report = sync(kb);
            assertThat(report.deleted()).isEqualTo(1);
            assertThat(report.contractWarnings()).singleElement().satisfies(w -> {
                assertThat(w.key()).isEqualTo("sources[0].contract.minDocuments");
                assertThat(w.blocks()).isFalse();
            });
            DocumentChecks checks = kb.qualityStore()
                    .checks(kb.lineage(TOPICS[0] + ".md").document().uri());
            assertThat(checks.pii()).containsEntry("email", 1);
            assertThat(checks.piiSamples()).noneMatch(s -> s.contains("jane.doe@example.com"));
            assertThat(checks.language()).isEqualTo("en");
        }
    }

    @Test
    void should_collapse_a_near_duplicate_into_its_canonical_document_in_results() throws Exception {
        Path docs = docs();
        String original = essay(TOPICS[3], 3);
        Files.writeString(docs.resolve("a-orchard.md"), original, StandardCharsets.UTF_8);
        Files.writeString(docs.resolve(TOPICS[4] + ".md"), essay(TOPICS[4], 4), StandardCharsets.UTF_8);
        try (KnowledgeBase kb = open("", "")) {
            sync(kb);
            // A copy made later, with one sentence changed: a near-duplicate of the first.
            Files.writeString(
                    docs.resolve("b-orchard-copy.md"),
                    original.replaceFirst("In year", "In the year").replaceFirst("record 3 ", "record three "),
                    StandardCharsets.UTF_8);
            sync(kb);
            String copyUri = kb.lineage("b-orchard-copy.md").document().uri();
            String originalUri = kb.lineage("a-orchard.md").document().uri();
            DocumentChecks checks = kb.qualityStore().checks(copyUri);
            assertThat(checks.duplicateOf()).isEqualTo(originalUri);
            assertThat(checks.duplicateSimilarity()).isBetween(0.3, 1.0);

            for (SearchMode mode : List.of(SearchMode.BM25, SearchMode.HYBRID)) {
                List<SearchHit> hits = search(kb, "orchard shapes the village survey", mode);
                assertThat(hits)
                        .as(mode + ": the canonical document ranks")
                        .anyMatch(h -> h.documentUri().equals(originalUri));
                assertThat(hits)
                        .as(mode + ": its near-duplicate is collapsed into it")
                        .noneMatch(h -> h.documentUri().equals(copyUri));
                assertThat(hits).extracting(SearchHit::rank).startsWith(1, 2);
            }
            List<SourceQuality> q = kb.qualityStore().sourceQuality("notes", 1);
            assertThat(q.getFirst().duplicates()).isEqualTo(1);
        }
    }

    @Test
    void should_skip_an_exact_copy_as_a_duplicate_when_the_policy_says_skip() throws Exception {
        Path docs = docs();
        String text = essay(TOPICS[5], 5);
        Files.writeString(docs.resolve("one.md"), text, StandardCharsets.UTF_8);
        try (KnowledgeBase kb = open("    checks:\n      duplicates: {action: skip}\n", "")) {
            sync(kb);
            Files.writeString(docs.resolve("two.md"), text, StandardCharsets.UTF_8);
            IngestReport report = sync(kb);
            assertThat(report.quarantined()).singleElement().satisfies(q -> {
                assertThat(q.reason()).isEqualTo(QuarantineReason.DUPLICATE);
                assertThat(q.message()).contains("an exact copy of").contains("one.md");
            });
            assertThat(report.reconciles()).isTrue();
            assertThat(report.quality().getFirst().duplicatesSkipped()).isEqualTo(1);
            assertThat(report.quality().getFirst().quarantined())
                    .as("skipped duplicates do not count as quarantined for maxQuarantineShare")
                    .isZero();
        }
    }

    @Test
    void should_apply_a_changed_policy_to_documents_that_did_not_change() throws Exception {
        Path docs = docs();
        String withPii = essay(TOPICS[7], 7) + "\n\nQuestions to li.wei@example.net, please.\n";
        Files.writeString(docs.resolve("contacts.md"), withPii, StandardCharsets.UTF_8);
        try (KnowledgeBase kb = open("", "")) {
            sync(kb);
            assertThat(search(kb, "questions please", SearchMode.BM25))
                    .anyMatch(h -> h.text().contains("li.wei"));
            assertThat(sync(kb).unchanged())
                    .as("same policy, same file: nothing to do")
                    .isEqualTo(1);
        }
        try (KnowledgeBase kb = open("    checks:\n      pii: {action: redact}\n", "")) {
            IngestReport report = sync(kb);
            assertThat(report.ingested())
                    .as("the new policy reprocesses the unchanged file")
                    .isEqualTo(1);
            assertThat(report.embeddingsReused())
                    .as("chunks the redaction did not touch keep their vectors")
                    .isPositive();
            kb.refresh();
            assertThat(search(kb, "questions please", SearchMode.BM25))
                    .noneMatch(h -> h.text().contains("li.wei"));
            assertThat(sync(kb).unchanged()).isEqualTo(1);
        }
    }

    @Test
    void should_redact_personal_data_from_the_index_or_quarantine_the_document_by_policy() throws Exception {
        Path docs = docs();
        String withPii = essay(TOPICS[6], 6)
                + "\n\nPayments go to IBAN DE89 3704 0044 0532 0130 00; questions to maria.rossi@example.org.\n";
        Files.writeString(docs.resolve("payments.md"), withPii, StandardCharsets.UTF_8);
        try (KnowledgeBase kb = open("    checks:\n      pii: {action: redact}\n", "")) {
            IngestReport report = sync(kb);
            assertThat(report.ingested()).isEqualTo(1);
            List<SearchHit> hits = search(kb, "payments IBAN questions", SearchMode.BM25);
            assertThat(hits).isNotEmpty();
            assertThat(hits)
                    .noneMatch(h -> h.text().contains("maria.rossi") || h.text().contains("3704 0044"));
            assertThat(hits).anyMatch(h -> h.text().contains("[email]"));
            DocumentChecks checks = kb.qualityStore().checks(hits.getFirst().documentUri());
            assertThat(checks.outcome()).isEqualTo(DocumentChecks.REDACTED);
            assertThat(checks.pii()).containsEntry("iban", 1).containsEntry("email", 1);
        }
        try (KnowledgeBase kb = open("    checks:\n      pii: {action: quarantine}\n", "")) {
            IngestReport report = sync(kb);
            assertThat(report.quarantined()).singleElement().satisfies(q -> {
                assertThat(q.reason()).isEqualTo(QuarantineReason.PERSONAL_DATA);
                assertThat(q.message()).contains("email=1").contains("iban=1").doesNotContain("maria.rossi");
            });
            kb.refresh();
            assertThat(search(kb, "payments IBAN questions", SearchMode.BM25)).isEmpty();
        }
    }
}
