package dev.sluice.engines;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.hc.core5.http.HttpHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.Hit;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

/**
 * OpenSearch 3.6 with the k-NN plugin, as scripts/engines/opensearch.sh starts it: one index holding a BM25 text
 * field and a Lucene-HNSW vector field, queried by text, by vector, and by vector under a filter.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenSearchEngineIT {

    /** A document of the smoke index; vectors are tiny hand-made ones (the engine, not a model, is under test). */
    record Passage(String title, String tenant, List<Float> embedding) {}

    private final String index =
            "sluice-engine-it-" + UUID.randomUUID().toString().substring(0, 8);
    private OpenSearchTransport transport;
    private OpenSearchClient client;

    @BeforeAll
    void create_index_with_three_passages() throws IOException, URISyntaxException {
        String url = EngineEndpoints.openSearchUrl();
        EngineEndpoints.requireListening(url, "scripts/engines/opensearch.sh");
        transport = ApacheHttpClient5TransportBuilder.builder(HttpHost.create(url))
                .setMapper(new JacksonJsonpMapper())
                .build();
        client = new OpenSearchClient(transport);
        assertThat(client.info().version().number()).startsWith("3.");

        client.indices()
                .create(c -> c.index(index)
                        .settings(s -> s.numberOfShards(1).numberOfReplicas(0).knn(true))
                        .mappings(m -> m.properties("title", p -> p.text(t -> t))
                                .properties("tenant", p -> p.keyword(k -> k))
                                .properties(
                                        "embedding",
                                        p -> p.knnVector(k -> k.dimension(3)
                                                .method(v -> v.name("hnsw")
                                                        .engine("lucene")
                                                        .spaceType("cosinesimil"))))));
        index("p1", new Passage("salmon river spawning", "acme", List.of(1.0f, 0.0f, 0.0f)));
        index("p2", new Passage("mountain river trout fishing", "globex", List.of(0.9f, 0.3f, 0.0f)));
        index("p3", new Passage("desert cactus flowers", "acme", List.of(0.0f, 0.2f, 1.0f)));
        client.indices().refresh(r -> r.index(index));
    }

    @AfterAll
    void drop_index() throws IOException {
        if (client != null) {
            client.indices().delete(d -> d.index(index).ignoreUnavailable(true));
        }
        if (transport != null) {
            transport.close();
        }
    }

    @Test
    void should_rank_only_passages_containing_the_term_when_searching_bm25() throws IOException {
        Query query = Query.of(q -> q.match(m -> m.field("title").query(FieldValue.of("river"))));

        // Same term frequency in both; BM25's length normalisation puts the shorter title first.
        assertThat(ids(search(query))).containsExactly("p1", "p2");
    }

    @Test
    void should_rank_passages_by_cosine_similarity_when_searching_knn() throws IOException {
        Query query = Query.of(
                q -> q.knn(k -> k.field("embedding").vector(1.0f, 0.05f, 0.0f).k(3)));

        SearchResponse<Passage> response = search(query);

        assertThat(ids(response)).containsExactly("p1", "p2", "p3");
        assertThat(response.hits().hits().get(0).source()).isNotNull();
        assertThat(response.hits().hits().get(0).source().title()).isEqualTo("salmon river spawning");
    }

    @Test
    void should_return_only_the_filtered_tenant_when_searching_knn_with_a_filter() throws IOException {
        Query globex = Query.of(q -> q.knn(k -> k.field("embedding")
                .vector(1.0f, 0.05f, 0.0f)
                .k(3)
                .filter(f -> f.term(t -> t.field("tenant").value(FieldValue.of("globex"))))));
        Query acme = Query.of(q -> q.knn(k -> k.field("embedding")
                .vector(0.0f, 0.0f, 1.0f)
                .k(3)
                .filter(f -> f.term(t -> t.field("tenant").value(FieldValue.of("acme"))))));

        assertThat(ids(search(globex))).containsExactly("p2");
        assertThat(ids(search(acme))).containsExactly("p3", "p1");
    }

    private void index(String id, Passage passage) throws IOException {
        client.index(i -> i.index(index).id(id).document(passage).refresh(Refresh.False));
    }

    private SearchResponse<Passage> search(Query query) throws IOException {
        return client.search(s -> s.index(index).query(query).size(10), Passage.class);
    }

    private static List<String> ids(SearchResponse<Passage> response) {
        return response.hits().hits().stream()
                .map(Hit::id)
                .map(id -> id.toLowerCase(Locale.ROOT))
                .toList();
    }
}
