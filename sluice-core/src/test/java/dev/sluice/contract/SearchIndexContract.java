package dev.sluice.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.backend.IndexBackend;
import dev.sluice.backend.SearchIndex;
import dev.sluice.core.AccessList;
import dev.sluice.embed.EmbeddingModelSpec;
import dev.sluice.embed.OnnxEmbedder;
import dev.sluice.enrich.DocumentAttributes;
import dev.sluice.index.ChunkIndex;
import dev.sluice.index.DocumentInfo;
import dev.sluice.index.IndexSettings;
import dev.sluice.index.IndexedChunk;
import dev.sluice.retrieve.DocumentMatch;
import dev.sluice.retrieve.IndexRetriever;
import dev.sluice.retrieve.RetrievalSettings;
import dev.sluice.retrieve.RrfFusion;
import dev.sluice.retrieve.SearchFilters;
import dev.sluice.retrieve.SearchHit;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.retrieve.SearchRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The read side of the index seam ({@link SearchIndex} and its {@link IndexRetriever}): BM25, dense and
 * hybrid ranks with the real ONNX model, hybrid as the same reciprocal rank fusion of the two lists, filters
 * and access tokens inside the query (a filtered top-k is full), neighbours, a document's chunks, document
 * match. Every implementation ranks this small corpus the same way.
 */
public abstract class SearchIndexContract extends IndexBackendFixture {
    private static OnnxEmbedder embedder;

    @BeforeAll
    static void loadModel() {
        embedder = OnnxEmbedder.load(EmbeddingModelSpec.BGE_SMALL_EN_V15_Q, 1);
    }

    @AfterAll
    static void closeModel() {
        if (embedder != null) {
            embedder.close();
        }
    }

    private static final List<String> TOPICS = List.of(
            "The tides rise and fall twice a day because the moon pulls on the oceans.",
            "Volcanoes erupt when molten magma forces its way up through the crust.",
            "Sourdough bread is leavened by wild yeast and lactic acid bacteria.",
            "A violin has four strings tuned in fifths and is played with a bow.",
            "Glaciers carve U-shaped valleys as they slowly slide downhill.",
            "Bees communicate the direction of flowers with a waggle dance.");

    private static IndexSettings settings() {
        return new IndexSettings(embedder.modelId(), embedder.modelVersion(), embedder.dimensions());
    }

    private static List<IndexedChunk> embedded(String uri, List<String> texts) {
        return chunks(uri, texts, texts.stream().map(embedder::embedPassage).toList());
    }

    /** Six one-chunk documents on distinct topics, one three-chunk document, in an index of their own. */
    private SearchIndex corpus() {
        IndexBackend backend = backend();
        ChunkIndex writer = writer(backend, settings());
        for (int i = 0; i < TOPICS.size(); i++) {
            String uri = "file:/docs/" + (i % 2 == 0 ? "even" : "odd") + "/topic" + i + ".txt";
            writer.replaceDocument(document(uri, "v1"), embedded(uri, List.of(TOPICS.get(i))));
        }
        writer.replaceDocument(
                document("file:/docs/story.txt", "v1"),
                embedded(
                        "file:/docs/story.txt",
                        List.of(
                                "Chapter one: the harbour at dawn.",
                                "Chapter two: the storm over the harbour.",
                                "Chapter three: the calm after the storm.")));
        writer.commit();
        return reader(backend);
    }

    private static List<String> uris(List<SearchHit> hits) {
        return hits.stream().map(SearchHit::documentUri).toList();
    }

    private static SearchRequest request(String query, SearchMode mode, int k, SearchFilters filters) {
        return new SearchRequest(query, mode, k, filters);
    }

    @Test
    void should_rank_the_chunk_with_the_query_words_first_when_searching_bm25() {
        IndexRetriever retriever = corpus().retriever(RetrievalSettings.DEFAULTS, embedder);

        List<SearchHit> hits = retriever.search(request("magma erupting", SearchMode.BM25, 3, SearchFilters.NONE));

        assertThat(uris(hits)).containsExactly("file:/docs/odd/topic1.txt");
        assertThat(hits.getFirst().rank()).isEqualTo(1);
        assertThat(hits.getFirst().snippet()).contains("magma");
    }

    @Test
    void should_rank_by_meaning_and_report_the_cosine_when_searching_dense() {
        IndexRetriever retriever = corpus().retriever(RetrievalSettings.DEFAULTS, embedder);
        String question = "why does the sea level change during the day";

        List<SearchHit> hits = retriever.search(request(question, SearchMode.DENSE, 3, SearchFilters.NONE));

        assertThat(hits).hasSize(3);
        assertThat(hits.getFirst().documentUri()).isEqualTo("file:/docs/even/topic0.txt");
        float[] q = embedder.embedQuery(question);
        float[] d = embedder.embedPassage(TOPICS.getFirst());
        double cosine = 0;
        for (int i = 0; i < q.length; i++) {
            cosine += q[i] * d[i];
        }
        assertThat((double) hits.getFirst().score()).isCloseTo(cosine, org.assertj.core.data.Offset.offset(2e-3));
    }

    @Test
    void should_fuse_the_bm25_and_dense_lists_with_reciprocal_rank_fusion_when_searching_hybrid() {
        IndexRetriever retriever = corpus().retriever(RetrievalSettings.DEFAULTS, embedder);
        String question = "storm in the harbour";
        float[] vector = embedder.embedQuery(question);

        List<SearchHit> hybrid = retriever.search(request(question, SearchMode.HYBRID, 5, SearchFilters.NONE), vector);
        List<String> bm25 = retriever.search(request(question, SearchMode.BM25, 100, SearchFilters.NONE), null).stream()
                .map(SearchHit::chunkId)
                .toList();
        List<String> dense =
                retriever.search(request(question, SearchMode.DENSE, 100, SearchFilters.NONE), vector).stream()
                        .map(SearchHit::chunkId)
                        .toList();
        List<String> fused = new RrfFusion(60)
                .fuse(5, new double[] {1, 1}, List.of(bm25, dense)).stream()
                        .map(RrfFusion.Fused::key)
                        .toList();

        assertThat(hybrid.stream().map(SearchHit::chunkId).toList()).isEqualTo(fused);
        assertThat(hybrid.getFirst().chunkId()).isEqualTo("file:/docs/story.txt#1");
    }

    @Test
    void should_return_only_chunks_that_pass_the_filters_and_still_k_of_them_in_every_mode() {
        IndexRetriever retriever = corpus().retriever(RetrievalSettings.DEFAULTS, embedder);
        SearchFilters even = new SearchFilters(List.of("src"), "**/even/*.txt", List.of("text"));
        for (SearchMode mode : SearchMode.values()) {
            List<SearchHit> hits =
                    retriever.search(request("the moon, the bread, the glaciers and the bees", mode, 3, even));
            assertThat(uris(hits)).as(mode.label()).hasSize(3).allMatch(u -> u.contains("/even/"));
        }
        SearchFilters otherSource = new SearchFilters(List.of("elsewhere"), null, List.of());
        assertThat(retriever.search(request("moon", SearchMode.HYBRID, 3, otherSource)))
                .isEmpty();
    }

    @Test
    void should_never_return_another_tenants_chunk_and_still_return_k_of_the_callers_in_every_mode() {
        IndexBackend backend = backend();
        ChunkIndex writer = writer(backend, settings());
        AccessList acme = new AccessList(List.of(), List.of("acme"));
        AccessList globex = new AccessList(List.of(), List.of("globex"));
        for (int i = 0; i < 8; i++) {
            // The other tenant's documents match the query better: a filter after top-k would return nothing.
            String theirs = "file:/globex/tides" + i + ".txt";
            writer.replaceDocument(
                    document(theirs, "v1", globex),
                    embedded(theirs, List.of("Tides and the moon: the moon pulls the tides, tide tables " + i)));
            String ours = "file:/acme/notes" + i + ".txt";
            writer.replaceDocument(
                    document(ours, "v1", acme),
                    embedded(
                            ours,
                            List.of("Notes " + i + " about the harbour, and once the tides.", "More notes " + i)));
        }
        writer.commit();
        IndexRetriever retriever = reader(backend).retriever(RetrievalSettings.DEFAULTS, embedder);
        SearchFilters caller = SearchFilters.NONE.forCaller(AccessList.callerTokens("alice", List.of("acme")));

        for (SearchMode mode : SearchMode.values()) {
            List<SearchHit> hits = retriever.search(request("moon tides", mode, 5, caller));
            assertThat(uris(hits)).as(mode.label()).hasSize(5).allMatch(u -> u.startsWith("file:/acme/"));
            for (SearchHit hit : hits) {
                assertThat(uris(retriever.neighbours(hit))).allMatch(u -> u.startsWith("file:/acme/"));
            }
        }
        SearchFilters nobody = SearchFilters.NONE.forCaller(List.of());
        assertThat(retriever.search(request("moon tides", SearchMode.HYBRID, 5, nobody)))
                .isEmpty();
    }

    @Test
    void should_read_a_documents_chunks_in_order_and_the_neighbours_of_a_hit() {
        IndexRetriever retriever = corpus().retriever(RetrievalSettings.DEFAULTS, embedder);

        List<SearchHit> chunks = retriever.chunksOf("file:/docs/story.txt");
        SearchHit middle = chunks.get(1);

        assertThat(chunks).extracting(SearchHit::ordinal).containsExactly(0, 1, 2);
        assertThat(chunks.getFirst().text()).isEqualTo("Chapter one: the harbour at dawn.");
        assertThat(chunks.getFirst().pageStart()).isEqualTo(1);
        assertThat(chunks.getFirst().headingPath()).containsExactly("H");
        assertThat(retriever.neighbours(middle))
                .extracting(SearchHit::chunkId)
                .containsExactly("file:/docs/story.txt#0", "file:/docs/story.txt#2");
        assertThat(retriever.neighbours(chunks.getFirst()))
                .extracting(SearchHit::chunkId)
                .containsExactly("file:/docs/story.txt#1");
    }

    @Test
    void should_match_the_issuer_and_year_a_question_names() {
        IndexBackend backend = backend();
        ChunkIndex writer = writer(backend, settings());
        DocumentAttributes mmm = new DocumentAttributes("3M Company", "10-K", 2018, 0, List.of("3m", "3m company"));
        String uri = "file:/filings/3m-2018.txt";
        writer.replaceDocument(
                new DocumentInfo(uri, "src", "3m-2018.txt", "text", "3M 10-K", "v1", AccessList.PUBLIC, mmm),
                embedded(uri, List.of("Capital expenditures were 1,577 million dollars.")));
        String other = "file:/filings/other.txt";
        writer.replaceDocument(document(other, "v1"), embedded(other, List.of("Capital expenditures rose.")));
        writer.commit();
        IndexRetriever retriever = reader(backend).retriever(RetrievalSettings.DEFAULTS, embedder);

        DocumentMatch match = retriever.match("What was 3M's capital expenditure in FY2018?");

        assertThat(match.aliases()).contains("3m");
        assertThat(match.year()).isEqualTo(2018);
        assertThat(retriever.match("What is the weather?").matched()).isFalse();
        List<SearchHit> hits = retriever.search(
                request("What was 3M's capital expenditure in FY2018?", SearchMode.HYBRID, 2, SearchFilters.NONE));
        assertThat(hits.getFirst().documentUri()).isEqualTo(uri);
        assertThat(new ArrayList<>(uris(hits))).containsExactlyInAnyOrder(uri, other);
    }

    @Test
    void should_collapse_a_near_duplicate_into_its_canonical_document_unless_only_the_duplicate_is_readable() {
        IndexBackend backend = backend();
        ChunkIndex writer = writer(backend, settings());
        String text = "The quarterly travel policy: economy class for flights under six hours.";
        AccessList everyone = AccessList.PUBLIC;
        AccessList finance = new AccessList(List.of(), List.of("finance"));
        writer.replaceDocument(
                document("file:/policy/travel.txt", "v1", finance),
                embedded("file:/policy/travel.txt", List.of(text + " This travel policy covers all flights.")));
        writer.replaceDocument(
                document("file:/copies/travel-copy.txt", "v1", everyone).withDuplicateOf("file:/policy/travel.txt"),
                embedded("file:/copies/travel-copy.txt", List.of(text)));
        String other = "file:/policy/expenses.txt";
        writer.replaceDocument(
                document(other, "v1", everyone), embedded(other, List.of("Expenses for travel are filed monthly.")));
        writer.commit();
        IndexRetriever retriever = reader(backend).retriever(RetrievalSettings.DEFAULTS, embedder);

        for (SearchMode mode : SearchMode.values()) {
            List<String> all = uris(retriever.search(request("travel policy flights", mode, 3, SearchFilters.NONE)));
            // The family's first member to rank keeps its hits; the other member's are dropped.
            assertThat(all).as(mode.label()).hasSize(2).contains(other);
            assertThat(all.stream()
                            .filter(u -> u.endsWith("travel.txt") || u.endsWith("travel-copy.txt"))
                            .count())
                    .as(mode.label())
                    .isEqualTo(1);
            SearchFilters outsider = SearchFilters.NONE.forCaller(AccessList.callerTokens("olga", List.of()));
            assertThat(uris(retriever.search(request("travel policy flights", mode, 3, outsider))))
                    .as(mode.label())
                    .containsExactlyInAnyOrder("file:/copies/travel-copy.txt", other);
        }
    }
}
