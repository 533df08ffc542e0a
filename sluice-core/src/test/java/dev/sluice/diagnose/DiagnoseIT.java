package dev.sluice.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.KnowledgeBase;
import dev.sluice.access.ApiKeyRecord;
import dev.sluice.answer.AnswerRecord;
import dev.sluice.answer.Asker;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.Flags;
import dev.sluice.core.AccessList;
import dev.sluice.core.UsageException;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.ingest.RunOptions;
import dev.sluice.retrieve.SearchFilters;
import dev.sluice.retrieve.SearchHit;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.retrieve.SearchRequest;
import dev.sluice.testkit.ScriptedOpenAiServer;
import dev.sluice.testkit.TopicNotes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each layer of a diagnosis reached by a real fault in a real knowledge base (Lucene, SQLite, the ONNX
 * model; a scripted OpenAI-protocol server for the model layer): twenty one-topic notes whose question
 * "where is a volcano found" finds volcano.md first, then one fault per test.
 */
class DiagnoseIT {
    private static final String QUESTION = "where is a volcano found";

    @TempDir
    Path work;

    private Path docs() {
        return work.resolve("docs");
    }

    /** A knowledge base over the twenty notes in {@code docs/}, with extra sluice.yaml text under the source and after it. */
    private KnowledgeBase knowledgeBase(String sourceExtra, String extra) throws Exception {
        TopicNotes.write(docs(), TopicNotes.TOPICS);
        return open(sourceExtra, extra);
    }

    private KnowledgeBase open(String sourceExtra, String extra) throws Exception {
        Path yaml = work.resolve("sluice.yaml");
        Files.writeString(
                yaml,
                "index: index\nsources:\n  - name: docs\n    path: docs\n" + sourceExtra + extra,
                StandardCharsets.UTF_8);
        return KnowledgeBase.openOrCreate(EffectiveConfig.resolve(ConfigLoader.load(yaml), Flags.NONE));
    }

    private static void sync(KnowledgeBase kb) {
        kb.sync(kb.configuredRun(RunOptions.DEFAULTS), ProgressListener.NONE);
    }

    private static Diagnosis diagnose(KnowledgeBase kb, String expect) {
        return kb.diagnose(DiagnosisRequest.of(QUESTION, expect, null, null, null));
    }

    private void write(String path, String text) throws Exception {
        Path file = docs().resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    // ---- none --------------------------------------------------------------------------------------

    @Test
    void should_find_no_failure_when_the_answer_rests_on_the_expected_document() throws Exception {
        try (KnowledgeBase kb = knowledgeBase("", "")) {
            sync(kb);
            Diagnosis d =
                    kb.diagnose(DiagnosisRequest.of(QUESTION, "volcano.md", "where a volcano is found", null, null));
            assertThat(d.layer()).as(d.toString()).isEqualTo(Layer.NONE);
            assertThat(d.cause()).isEqualTo("rests_on_expected");
            assertThat(d.failed()).isFalse();
            assertThat(d.passed())
                    .containsExactly(
                            Layer.DATA,
                            Layer.STALENESS,
                            Layer.RETRIEVAL,
                            Layer.CONTEXT,
                            Layer.CONTRADICTION,
                            Layer.MODEL);
            assertThat(d.evidence().get("ranks").toString()).contains("bm25=1", "dense=1", "hybrid=1");
            assertThat(d.view()).containsKeys("layer", "cause", "summary", "evidence", "fix", "passed");
        }
    }

    // ---- data --------------------------------------------------------------------------------------

    @Test
    void should_name_a_file_added_after_the_last_sync_never_seen_and_one_left_out_by_the_globs_excluded()
            throws Exception {
        try (KnowledgeBase kb = knowledgeBase("    exclude: [\"drafts/**\"]\n", "")) {
            sync(kb);
            write("geyser.md", TopicNotes.note("geyser"));
            write("drafts/geyser.md", TopicNotes.note("geyser"));
            write(".hidden.md", TopicNotes.note("geyser"));

            Diagnosis never = diagnose(kb, "geyser.md");
            assertThat(never.layer()).isEqualTo(Layer.DATA);
            assertThat(never.cause()).isEqualTo("never_seen");
            assertThat(never.fix()).contains("source docs was last synced", "run sluice sync");

            Diagnosis excluded = diagnose(kb, "drafts/geyser.md");
            assertThat(excluded.cause()).isEqualTo("excluded_by_rules");
            assertThat(excluded.evidence()).containsEntry("rule", "exclude globs");
            assertThat(excluded.fix()).contains("[drafts/**]");

            assertThat(diagnose(kb, ".hidden.md").evidence()).containsEntry("rule", "hidden");
        }
    }

    @Test
    void should_name_a_quarantined_document_with_its_reason() throws Exception {
        try (KnowledgeBase kb = knowledgeBase("", "")) {
            Files.write(docs().resolve("broken.pdf"), "%PDF-1.7 garbage".getBytes(StandardCharsets.US_ASCII));
            sync(kb);
            Diagnosis d = diagnose(kb, "broken.pdf");
            assertThat(d.layer()).isEqualTo(Layer.DATA);
            assertThat(d.cause()).isEqualTo("quarantined");
            assertThat(d.evidence()).containsKey("reason");
            assertThat(d.fix()).contains("--retry-quarantined");
        }
    }

    @Test
    void should_name_a_deleted_document_before_and_after_the_sync_that_removes_it() throws Exception {
        try (KnowledgeBase kb = knowledgeBase("", "")) {
            sync(kb);
            Files.delete(docs().resolve("volcano.md"));
            Diagnosis pending = diagnose(kb, "volcano.md");
            assertThat(pending.cause()).isEqualTo("deleted");
            assertThat(pending.evidence()).containsEntry("stillIndexed", true);

            sync(kb);
            Diagnosis removed = diagnose(kb, "volcano.md");
            assertThat(removed.layer()).isEqualTo(Layer.DATA);
            assertThat(removed.cause()).isEqualTo("deleted");
            assertThat(removed.evidence())
                    .containsEntry("removedRunId", kb.runs(1).getFirst().id());
            assertThat(removed.fix()).contains("restore volcano.md in source docs");
        }
    }

    @Test
    void should_report_a_hidden_document_as_not_visible_to_who_may_see_it_and_as_unknown_to_who_may_not()
            throws Exception {
        try (KnowledgeBase kb = knowledgeBase("", "")) {
            write("volcano.md.access.json", "{\"groups\": [\"geo\"]}");
            sync(kb);
            kb.keys().addApiKey(new ApiKeyRecord("k_ana", "ana", List.of("hr"), List.of("query"), 1, 0), "hash-ana");
            List<String> anaTokens = AccessList.callerTokens("ana", List.of("hr"));

            Diagnosis asAna = kb.diagnose(DiagnosisRequest.of(QUESTION, "volcano.md", null, null, "k_ana"));
            assertThat(asAna.layer()).isEqualTo(Layer.DATA);
            assertThat(asAna.cause()).isEqualTo("not_visible");
            assertThat(asAna.evidence()).containsEntry("access", "g:geo");

            DiagnosisRequest byAna = new DiagnosisRequest(QUESTION, "volcano.md", null, null, "k_ana", null, anaTokens);
            DiagnosisRequest unknown =
                    new DiagnosisRequest(QUESTION, "nosuch.md", null, null, "k_ana", null, anaTokens);
            String hidden = catchMessage(() -> kb.diagnose(byAna));
            String missing = catchMessage(() -> kb.diagnose(unknown));
            assertThat(hidden).isEqualTo(missing.replace("nosuch.md", "volcano.md"));
            assertThat(hidden).startsWith("no document 'volcano.md'");
        }
    }

    private static String catchMessage(Runnable r) {
        try {
            r.run();
        } catch (UsageException e) {
            return e.getMessage();
        }
        throw new AssertionError("no usage error");
    }

    @Test
    void should_name_an_unknown_document_answer_or_key() throws Exception {
        try (KnowledgeBase kb = knowledgeBase("", "")) {
            sync(kb);
            assertThatThrownBy(() -> diagnose(kb, "nosuch.md"))
                    .isInstanceOf(UsageException.class)
                    .hasMessageContaining("no document 'nosuch.md'");
            assertThatThrownBy(() -> kb.diagnose(DiagnosisRequest.of(null, "volcano.md", null, "ans_nope", null)))
                    .isInstanceOf(UsageException.class)
                    .hasMessageContaining("no answer 'ans_nope'");
            assertThatThrownBy(() -> kb.diagnose(DiagnosisRequest.of(QUESTION, "volcano.md", null, null, "k_nope")))
                    .isInstanceOf(UsageException.class)
                    .hasMessageContaining("no API key 'k_nope'");
        }
    }

    // ---- staleness ---------------------------------------------------------------------------------

    @Test
    void should_name_a_document_changed_at_its_source_since_it_was_indexed() throws Exception {
        try (KnowledgeBase kb = knowledgeBase("", "")) {
            sync(kb);
            Path file = docs().resolve("volcano.md");
            Files.writeString(file, TopicNotes.note("volcano") + "\nA volcano is found near plate boundaries.\n");
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
            Diagnosis d = kb.diagnose(DiagnosisRequest.of(QUESTION, "volcano.md", "near plate boundaries", null, null));
            assertThat(d.layer()).isEqualTo(Layer.STALENESS);
            assertThat(d.cause()).isEqualTo("changed_since_indexed");
            assertThat(d.evidence()).containsEntry("expectTextInIndex", false);
            assertThat(d.fix()).contains("source docs last synced", "file changed since: run sluice sync");
        }
    }

    @Test
    void should_name_a_document_chunked_otherwise_than_configured_now() throws Exception {
        try (KnowledgeBase kb = knowledgeBase("", "")) {
            sync(kb);
        }
        try (KnowledgeBase kb = open("", "chunking:\n  maxTokens: 128\n")) {
            Diagnosis d = diagnose(kb, "volcano.md");
            assertThat(d.layer()).isEqualTo(Layer.STALENESS);
            assertThat(d.cause()).isEqualTo("other_chunker");
            assertThat(d.fix()).contains("run sluice sync to re-chunk");
        }
    }

    @Test
    void should_name_a_failed_sync_and_a_breached_freshness_target() throws Exception {
        try (KnowledgeBase kb = knowledgeBase("    freshness: 1s\n", "")) {
            sync(kb);
            Thread.sleep(1_200);
            Diagnosis late = diagnose(kb, "volcano.md");
            assertThat(late.layer()).isEqualTo(Layer.STALENESS);
            assertThat(late.cause()).isEqualTo("freshness_breached");

            Path aside = Files.move(docs(), work.resolve("docs-away"));
            assertThatThrownBy(() -> sync(kb)).hasMessageContaining("does not exist");
            Diagnosis failed = diagnose(kb, "volcano.md");
            assertThat(failed.cause()).isEqualTo("source_sync_failed");
            assertThat(failed.evidence().get("lastError").toString()).contains("does not exist");
            Files.move(aside, docs());
        }
    }

    // ---- retrieval ---------------------------------------------------------------------------------

    @Test
    void should_name_a_document_buried_under_near_duplicates_not_in_the_top_k() throws Exception {
        try (KnowledgeBase kb = knowledgeBase("", "")) {
            for (int i = 1; i <= 9; i++) {
                write(
                        "volcano-" + i + ".md",
                        "# Where is a volcano found\n\nWhere is a volcano found? A volcano is found"
                                + " where a volcano is found, note " + i + ". Where is a volcano found: here.\n");
            }
            sync(kb);
            Asker.Options one = new Asker.Options(1, 3000, null, SearchFilters.NONE);
            Diagnosis d = kb.diagnose(new DiagnosisRequest(QUESTION, "volcano.md", null, null, null, one, null));
            assertThat(d.layer()).as(d.toString()).isEqualTo(Layer.RETRIEVAL);
            assertThat(d.cause()).isEqualTo("not_in_top_k");
            assertThat(d.evidence().get("wouldFind")).isEqualTo(List.of("bm25"));
            assertThat(d.evidence().get("ranks").toString()).contains("hybrid=");
            assertThat(d.fix()).isNotBlank();
        }
    }

    @Test
    void should_tell_a_vocabulary_mismatch_from_a_semantic_miss() throws Exception {
        try (KnowledgeBase kb = knowledgeBase("", "")) {
            Asker.Options one = new Asker.Options(1, 3000, null, SearchFilters.NONE);
            sync(kb);
            Diagnosis mismatch = kb.diagnose(new DiagnosisRequest(
                    "which mountain erupts with lava and ash", "espresso.md", null, null, null, one, null));
            assertThat(mismatch.layer()).as(mismatch.toString()).isEqualTo(Layer.RETRIEVAL);
            assertThat(mismatch.cause()).isEqualTo("vocabulary_mismatch");
            assertThat(mismatch.evidence()).containsEntry("sharedWords", List.of());

            Diagnosis miss = kb.diagnose(new DiagnosisRequest(QUESTION, "compass.md", null, null, null, one, null));
            assertThat(miss.layer()).as(miss.toString()).isEqualTo(Layer.RETRIEVAL);
            assertThat(miss.cause()).as(miss.toString()).isEqualTo("semantic_miss");
            assertThat(miss.evidence()).containsEntry("sharedWords", List.of("found", "where"));
        }
    }

    @Test
    void should_name_an_expected_text_split_across_two_chunks() throws Exception {
        try (KnowledgeBase kb = knowledgeBase("", "chunking:\n  maxTokens: 40\n  overlapTokens: 0\n")) {
            StringBuilder long_ = new StringBuilder("# Harbour rules\n\n");
            for (int i = 0; i < 12; i++) {
                long_.append("Rule ").append(i).append(" of the harbour says boats moor on the north quay. ");
            }
            write("harbour.md", long_.toString());
            sync(kb);
            List<SearchHit> chunks = kb
                    .search(new SearchRequest(
                            "harbour",
                            SearchMode.DENSE,
                            50,
                            new SearchFilters(List.of("docs"), "harbour.md", List.of())))
                    .stream()
                    .sorted(java.util.Comparator.comparingInt(SearchHit::ordinal))
                    .toList();
            assertThat(chunks.size()).isGreaterThan(1);
            String[] first = chunks.get(0).text().strip().split("\\s+");
            String[] second = chunks.get(1).text().strip().split("\\s+");
            String across = String.join(" ", List.of(first).subList(first.length - 2, first.length)) + " "
                    + String.join(" ", List.of(second).subList(0, 2));
            Asker.Options one = new Asker.Options(1, 3000, null, SearchFilters.NONE);
            Diagnosis d = kb.diagnose(new DiagnosisRequest(QUESTION, "harbour.md", across, null, null, one, null));
            assertThat(d.layer()).as(d.toString()).isEqualTo(Layer.RETRIEVAL);
            assertThat(d.cause()).isEqualTo("split_across_chunks");
            assertThat(d.evidence()).containsEntry("split", true);
        }
    }

    // ---- context -----------------------------------------------------------------------------------

    @Test
    void should_name_a_passage_dropped_by_the_context_budget() throws Exception {
        try (KnowledgeBase kb = knowledgeBase("", "")) {
            write(
                    "volcano-2.md",
                    "# Volcanoes again\n\nA second note on the volcano: a volcano is found near plate"
                            + " boundaries and hot spots, where magma rises to the surface.\n");
            sync(kb);
            List<SearchHit> hits = kb.search(new SearchRequest(QUESTION, SearchMode.HYBRID, 8, SearchFilters.NONE));
            SearchHit top = hits.getFirst();
            SearchHit second = hits.get(1);
            assertThat(second.path()).startsWith("volcano");
            int budget = dev.sluice.answer.ContextBuilder.estimateTokens(top.text()) + 1;
            Asker.Options tight = new Asker.Options(8, budget, null, SearchFilters.NONE);
            Diagnosis d = kb.diagnose(new DiagnosisRequest(QUESTION, second.path(), null, null, null, tight, null));
            assertThat(d.layer()).as(d.toString()).isEqualTo(Layer.CONTEXT);
            assertThat(d.cause()).isEqualTo("context_budget");
            assertThat(d.evidence()).containsEntry("droppedReason", "budget");
        }
    }

    @Test
    void should_name_a_passage_dropped_as_the_duplicate_of_another_document() throws Exception {
        // Duplicates indexed as any document (not collapsed in search): the context is where the copy is dropped.
        try (KnowledgeBase kb = knowledgeBase("", "checks:\n  duplicates: {action: index}\n")) {
            write("copies/volcano.md", TopicNotes.note("volcano"));
            sync(kb);
            List<SearchHit> hits = kb.search(new SearchRequest(QUESTION, SearchMode.HYBRID, 8, SearchFilters.NONE));
            String lower = hits.get(1).path();
            assertThat(lower).endsWith("volcano.md");
            Diagnosis d = diagnose(kb, lower);
            assertThat(d.layer()).as(d.toString()).isEqualTo(Layer.CONTEXT);
            assertThat(d.cause()).isEqualTo("duplicate");
            assertThat(d.evidence()).containsKey("keptCopy");
        }
    }

    @Test
    void should_name_a_near_duplicate_that_searches_collapse_into_its_canonical_document() throws Exception {
        try (KnowledgeBase kb = knowledgeBase("", "")) {
            sync(kb);
            write("copies/volcano.md", TopicNotes.note("volcano")); // a later copy: volcano.md stays canonical
            sync(kb);
            Diagnosis d = diagnose(kb, "copies/volcano.md");
            assertThat(d.layer()).as(d.toString()).isEqualTo(Layer.RETRIEVAL);
            assertThat(d.cause()).isEqualTo("collapsed_duplicate");
            assertThat(d.evidence()).containsEntry("canonical", "volcano.md");
            assertThat(d.fix()).contains("checks.duplicates.action: index");
        }
    }

    // ---- model -------------------------------------------------------------------------------------

    private Diagnosis withModelReplying(String reply) throws Exception {
        try (ScriptedOpenAiServer server = new ScriptedOpenAiServer()) {
            server.fallback(ScriptedOpenAiServer.ok(reply, 300, 20));
            try (KnowledgeBase kb = knowledgeBase(
                    "", "llm:\n  baseUrl: " + server.baseUrl() + "\n  model: gpt-4o-mini\n  retries: 0\n")) {
                sync(kb);
                kb.keys().addApiKey(new ApiKeyRecord("k_ana", "ana", List.of(), List.of("query"), 1, 0), "hash-ana");
                kb.answers()
                        .addAnswer(new AnswerRecord(
                                "ans_1", "k_ana", "ana", QUESTION, "whatever it said", "model", List.of(), 1));
                return kb.diagnose(DiagnosisRequest.of(null, "volcano.md", "where a volcano is found", "ans_1", null));
            }
        }
    }

    @Test
    void should_name_a_model_that_says_not_found_though_the_context_held_the_passage() throws Exception {
        Diagnosis d = withModelReplying("NOT_IN_CONTEXT");
        assertThat(d.layer()).as(d.toString()).isEqualTo(Layer.MODEL);
        assertThat(d.cause()).isEqualTo("not_found_despite_context");
        assertThat(d.evidence()).containsEntry("answerId", "ans_1");
        assertThat(d.evidence().get("key").toString()).contains("ana");
        assertThat(d.evidence().get("rerun").toString()).contains("sameAsRecorded=false", "gpt-4o-mini");
    }

    @Test
    void should_name_citations_that_did_not_hold_even_when_an_extractive_answer_replaced_them() throws Exception {
        Diagnosis d = withModelReplying("A volcano is found where the notes say [9].");
        assertThat(d.layer()).as(d.toString()).isEqualTo(Layer.MODEL);
        assertThat(d.cause()).isEqualTo("unverifiable_citations");
        assertThat(d.evidence().get("problems").toString()).contains("cites [9]");
    }

    @Test
    void should_name_a_claim_its_cited_passage_does_not_support() throws Exception {
        Diagnosis d = withModelReplying("A volcano is found on the dark side of the moon beneath frozen oceans [1].");
        assertThat(d.layer()).as(d.toString()).isEqualTo(Layer.MODEL);
        assertThat(d.cause()).isEqualTo("unsupported_claim");
        assertThat(d.evidence().get("claim").toString()).contains("moon");
    }

    @Test
    void should_find_no_failure_when_the_model_answers_from_the_expected_passage() throws Exception {
        Diagnosis d = withModelReplying("The note says where a volcano is found [1].");
        assertThat(d.layer()).as(d.toString()).isEqualTo(Layer.NONE);
        assertThat(d.cause()).isEqualTo("rests_on_expected");
    }

    // ---- contradiction -----------------------------------------------------------------------------

    @Test
    void should_name_another_document_of_the_context_that_disagrees_with_the_expected_one() throws Exception {
        write("handbook.md", """
                # Acme employee handbook

                ## Parental leave

                Acme employees receive 16 weeks of paid parental leave. Parental leave requests are due 30 days \
                before the leave starts.
                """);
        write("hr-faq.md", """
                # HR questions and answers

                ## How long is parental leave?

                Parental leave at Acme lasts 12 weeks. Parental leave requests are due 30 days before the leave \
                starts.
                """);
        try (KnowledgeBase kb = open("", "")) {
            sync(kb);
            Diagnosis d = kb.diagnose(DiagnosisRequest.of(
                    "how many weeks of parental leave do Acme employees get", "handbook.md", null, null, null));
            assertThat(d.layer()).as(d.toString()).isEqualTo(Layer.CONTRADICTION);
            assertThat(d.cause()).isEqualTo("conflicting_sources");
            assertThat(d.summary()).contains("16 weeks").contains("12 weeks");
            assertThat(d.fix()).contains("handbook.md").contains("hr-faq.md").contains("sluice sync");
            assertThat(d.evidence().get("conflicts").toString()).contains("hr-faq.md");

            write("hr-faq.md", """
                    # HR questions and answers

                    ## How long is parental leave?

                    Parental leave at Acme lasts 16 weeks. Parental leave requests are due 30 days before the leave \
                    starts.
                    """);
            sync(kb);
            Diagnosis agreed = kb.diagnose(DiagnosisRequest.of(
                    "how many weeks of parental leave do Acme employees get", "handbook.md", null, null, null));
            assertThat(agreed.layer()).as(agreed.toString()).isNotEqualTo(Layer.CONTRADICTION);
            assertThat(agreed.passed()).contains(Layer.CONTRADICTION);
        }
    }
}
