package dev.sluice.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.backend.SearchIndex;
import dev.sluice.chunk.Chunk;
import dev.sluice.core.AccessList;
import dev.sluice.embed.EmbeddingModelSpec;
import dev.sluice.embed.OnnxEmbedder;
import dev.sluice.enrich.DocumentAttributes;
import dev.sluice.index.ChunkIndex;
import dev.sluice.index.DocumentInfo;
import dev.sluice.index.IndexSettings;
import dev.sluice.index.IndexedChunk;
import dev.sluice.retrieve.IndexRetriever;
import dev.sluice.retrieve.RetrievalSettings;
import dev.sluice.retrieve.SearchFilters;
import dev.sluice.retrieve.SearchHit;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.retrieve.SearchRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two tenants in one OpenSearch index, with the real model: the HR group's payroll documents match every
 * query below better than engineering's own, so a filter applied after top-k would leave engineering with
 * nothing; inside the query (bool filter, and the knn query's own filter) engineering gets k hits of its own
 * and never one of HR's, in every mode, in neighbours, and when the question names HR's issuer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoTenantLeakageEngineIT {
    private static final List<String> ENG = AccessList.callerTokens("erin", List.of("eng"));
    private static final List<String> HR = AccessList.callerTokens("harry", List.of("hr"));

    private OnnxEmbedder embedder;
    private OpenSearchBackend backend;
    private SearchIndex reader;
    private IndexRetriever retriever;

    @BeforeAll
    void index_both_tenants() {
        TestEngine.requireListening(TestEngine.url());
        embedder = OnnxEmbedder.load(EmbeddingModelSpec.BGE_SMALL_EN_V15_Q, 1);
        backend = new OpenSearchBackend(
                TestEngine.url(),
                null,
                null,
                "sluice-tenants-" + UUID.randomUUID().toString().substring(0, 8),
                0,
                OpenSearchIndex.DEFAULT_WRITE_BUFFER_CHUNKS);
        IndexSettings settings = new IndexSettings(embedder.modelId(), embedder.modelVersion(), embedder.dimensions());
        DocumentAttributes payrollCo = new DocumentAttributes("Payroll Corp", "memo", 2027, 0, List.of("payroll corp"));
        try (ChunkIndex writer = backend.openForWriting(settings)) {
            for (int i = 0; i < 12; i++) {
                write(
                        writer,
                        "file:/hr/salaries" + i + ".md",
                        new AccessList(List.of(), List.of("hr")),
                        payrollCo,
                        "Payroll salaries and salary bands for 2027, payroll number " + i,
                        "Salary band " + i + " of the payroll starts at ninety thousand.");
                write(
                        writer,
                        "file:/eng/deploy" + i + ".md",
                        new AccessList(List.of(), List.of("eng")),
                        null,
                        "Deploy runbook " + i + ": roll out with canaries and watch the service dashboards.",
                        "Step " + i + " mentions the payroll service once.");
            }
            write(
                    writer,
                    "file:/open/holidays.md",
                    AccessList.PUBLIC,
                    null,
                    "The office closes between christmas and new year; payroll runs early.");
            writer.commit();
        }
        reader = backend.openForReading();
        retriever = reader.retriever(RetrievalSettings.DEFAULTS, embedder);
    }

    private void write(
            ChunkIndex writer, String uri, AccessList access, DocumentAttributes attributes, String... texts) {
        List<IndexedChunk> chunks = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            chunks.add(new IndexedChunk(
                    new Chunk(
                            uri + "#" + i,
                            uri,
                            i,
                            "T",
                            List.of(),
                            0,
                            0,
                            0,
                            texts[i].length(),
                            texts[i],
                            20,
                            "h",
                            "t/1"),
                    embedder.embedPassage(texts[i])));
        }
        writer.replaceDocument(
                new DocumentInfo(uri, "src", uri.substring(6), "markdown", "T", "v1", access, attributes), chunks);
    }

    @AfterAll
    void delete() {
        if (reader != null) {
            reader.close();
        }
        if (backend != null) {
            backend.deleteAll();
        }
        if (embedder != null) {
            embedder.close();
        }
    }

    private List<SearchHit> search(String query, SearchMode mode, int k, List<String> tokens) {
        return retriever.search(new SearchRequest(query, mode, k, SearchFilters.NONE.forCaller(tokens)));
    }

    @Test
    void should_give_engineering_k_hits_of_its_own_and_none_of_hrs_in_every_mode() {
        for (SearchMode mode : SearchMode.values()) {
            for (String query : List.of("payroll salary bands 2027", "What does Payroll Corp pay in 2027?")) {
                List<SearchHit> hits = search(query, mode, 10, ENG);

                assertThat(hits).as(mode.label() + ": " + query).hasSize(10);
                assertThat(hits)
                        .extracting(SearchHit::documentUri)
                        .allMatch(u -> u.startsWith("file:/eng/") || u.startsWith("file:/open/"));
                for (SearchHit hit : hits) {
                    assertThat(retriever.neighbours(hit))
                            .extracting(SearchHit::documentUri)
                            .containsOnly(hit.documentUri());
                }
            }
        }
    }

    @Test
    void should_rank_hrs_own_payroll_documents_first_for_hr() {
        for (SearchMode mode : SearchMode.values()) {
            List<SearchHit> hits = search("payroll salary bands 2027", mode, 10, HR);

            assertThat(hits).as(mode.label()).hasSize(10);
            assertThat(hits.getFirst().documentUri()).startsWith("file:/hr/");
            assertThat(hits).extracting(SearchHit::documentUri).noneMatch(u -> u.startsWith("file:/eng/"));
        }
    }

    @Test
    void should_show_a_caller_without_tokens_nothing_and_an_unfiltered_search_everything() {
        assertThat(search("payroll", SearchMode.HYBRID, 10, List.of())).isEmpty();
        assertThat(retriever.search(new SearchRequest("payroll", SearchMode.BM25, 100, SearchFilters.NONE)))
                .extracting(SearchHit::documentUri)
                .anyMatch(u -> u.startsWith("file:/hr/"))
                .anyMatch(u -> u.startsWith("file:/eng/"));
    }
}
