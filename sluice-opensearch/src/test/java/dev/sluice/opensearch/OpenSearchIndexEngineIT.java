package dev.sluice.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.backend.SearchIndex;
import dev.sluice.chunk.Chunk;
import dev.sluice.core.SluiceException;
import dev.sluice.index.ChunkIndex;
import dev.sluice.index.DocumentInfo;
import dev.sluice.index.IndexLanguage;
import dev.sluice.index.IndexSettings;
import dev.sluice.index.IndexedChunk;
import dev.sluice.retrieve.Snippets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What is particular to OpenSearch: the mapping (Lucene HNSW engine, inner product, refresh only on
 * demand), the analyzers against Sluice's own, writes sent before commit staying invisible, bulk item
 * failures, the alias switch.
 */
class OpenSearchIndexEngineIT {
    private static final IndexSettings SETTINGS = new IndexSettings("model-a", "1", 4);
    private OpenSearchBackend backend;
    private OpenSearchHttp http;

    @BeforeEach
    void backend() {
        String url = TestEngine.url();
        TestEngine.requireListening(url);
        backend = new OpenSearchBackend(
                url, null, null, "sluice-os-" + UUID.randomUUID().toString().substring(0, 8), 0, 3);
        http = new OpenSearchHttp(url, null, null);
    }

    @AfterEach
    void delete() {
        backend.deleteAll();
        http.close();
    }

    private static DocumentInfo doc(String uri) {
        return new DocumentInfo(uri, "src", uri.substring(6), "text", "T", "v1");
    }

    private static List<IndexedChunk> chunks(String uri, int n) {
        List<IndexedChunk> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String text = "part " + i;
            out.add(new IndexedChunk(
                    new Chunk(uri + "#" + i, uri, i, "T", List.of(), 0, 0, 0, text.length(), text, 2, "h", "t/1"),
                    new float[] {0.5f, 0.5f, 0.5f, 0.5f}));
        }
        return out;
    }

    @Test
    void should_create_one_shard_hnsw_on_the_lucene_engine_refreshed_only_on_demand_behind_the_alias() {
        try (ChunkIndex writer = backend.openForWriting(SETTINGS)) {
            writer.commit();
        }
        String index = backend.alias() + "-g1";
        JsonNode settings = http.ok("GET", "/" + index + "/_settings", null)
                .path(index)
                .path("settings")
                .path("index");
        JsonNode mapping =
                http.ok("GET", "/" + index + "/_mapping", null).path(index).path("mappings");

        assertThat(backend.activeIndex(http)).isEqualTo(index);
        assertThat(settings.path("number_of_shards").asText()).isEqualTo("1");
        assertThat(settings.path("refresh_interval").asText()).isEqualTo("-1");
        assertThat(settings.path("knn").asText()).isEqualTo("true");
        JsonNode method = mapping.path("properties").path("vector").path("method");
        assertThat(method.path("engine").asText()).isEqualTo("lucene");
        assertThat(method.path("space_type").asText()).isEqualTo("innerproduct");
        assertThat(mapping.path("_meta").path("sluice.model.id").asText()).isEqualTo("model-a");
        assertThat(backend.activeSettings()).isEqualTo(SETTINGS);
    }

    @Test
    void should_keep_writes_sent_past_the_buffer_invisible_until_commit() {
        try (ChunkIndex writer = backend.openForWriting(SETTINGS);
                SearchIndex reader = backend.openForReading()) {
            writer.replaceDocument(doc("file:/a.txt"), chunks("file:/a.txt", 2));
            writer.replaceDocument(doc("file:/b.txt"), chunks("file:/b.txt", 2)); // past 3 buffered chunks: sent

            assertThat(reader.chunkCount()).isZero();
            assertThat(writer.documentUris()).containsExactlyInAnyOrder("file:/a.txt", "file:/b.txt");
            writer.commit();
            assertThat(reader.chunkCount()).isEqualTo(4);
        }
    }

    @Test
    void should_fail_naming_the_chunk_when_one_item_of_a_bulk_is_refused() {
        try (ChunkIndex writer = backend.openForWriting(SETTINGS);
                SearchIndex reader = backend.openForReading()) {
            writer.replaceDocument(
                    doc("file:/a.txt").withMetadata(Map.of("kind", List.of("memo"))), chunks("file:/a.txt", 1));
            // "kind" is a keyword field now; "kind.sub" asks for an object of the same name: OpenSearch refuses the
            // item.
            writer.replaceDocument(
                    doc("file:/b.txt").withMetadata(Map.of("kind.sub", List.of("x"))), chunks("file:/b.txt", 1));

            assertThatThrownBy(writer::commit)
                    .isInstanceOf(SluiceException.class)
                    .hasMessageContaining("(index.url) refused 1 of 2 writes to index " + backend.alias() + "-g1")
                    .hasMessageContaining("file:/b.txt#0");
            assertThat(reader.chunkCount())
                    .as("a failed commit publishes nothing")
                    .isZero();
        }
    }

    @Test
    void should_analyze_the_body_as_sluices_analyzer_does_in_every_language() {
        Map<IndexLanguage, String> samples = Map.ofEntries(
                Map.entry(IndexLanguage.EN, "The running foxes jumped over John's lazy dogs, quickly."),
                Map.entry(IndexLanguage.DE, "Die Häuser der Städte wurden schnell gebaut und verkauft."),
                Map.entry(IndexLanguage.FR, "L'avion des étudiantes volait au-dessus des montagnes."),
                Map.entry(IndexLanguage.ES, "Los niños corrían rápidamente por las calles de la ciudad."),
                Map.entry(IndexLanguage.IT, "L'amico delle ragazze parlava velocemente con i professori."),
                Map.entry(IndexLanguage.PT, "As crianças corriam rapidamente pelas ruas das cidades."),
                Map.entry(IndexLanguage.NL, "De kinderen liepen snel door de straten van de steden."),
                Map.entry(IndexLanguage.SV, "Barnen sprang snabbt genom städernas gator och torg."),
                Map.entry(IndexLanguage.RU, "Дети быстро бежали по улицам больших городов."),
                Map.entry(IndexLanguage.AR, "ذهب الأطفال إلى المدرسة في الصباح الباكر"),
                Map.entry(IndexLanguage.ZH, "我们在北京大学学习中文和历史"),
                Map.entry(IndexLanguage.JA, "東京の大学で日本語を勉強しています"),
                Map.entry(IndexLanguage.KO, "서울에서 한국어를 공부하고 있습니다"),
                Map.entry(IndexLanguage.STANDARD, "The Running FOXES, über-fast & 42 times."));
        for (IndexLanguage language : IndexLanguage.values()) {
            String index = backend.alias() + "-" + language.code().toLowerCase(Locale.ROOT);
            http.ok("PUT", "/" + index, OpenSearchMapping.createIndex(SETTINGS.withLanguage(language), 0));
            try {
                ObjectNode body = OpenSearchHttp.object();
                body.put("field", "body");
                body.put("text", samples.get(language));
                List<String> theirs = new ArrayList<>();
                http.ok("POST", "/" + index + "/_analyze", body)
                        .path("tokens")
                        .forEach(t -> theirs.add(t.path("token").asText()));

                assertThat(theirs.stream().distinct().toList())
                        .as(language.code())
                        .isNotEmpty()
                        .containsExactlyElementsOf(Snippets.analyze(samples.get(language), language));
            } finally {
                http.call("DELETE", "/" + index, null);
            }
        }
    }
}
