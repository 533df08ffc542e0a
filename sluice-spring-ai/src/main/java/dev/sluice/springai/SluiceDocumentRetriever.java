package dev.sluice.springai;

import dev.sluice.client.Hit;
import dev.sluice.client.RetrieverBuilder;
import dev.sluice.client.SluiceClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.ai.rag.retrieval.search.DocumentRetriever;

/**
 * A Spring AI {@link DocumentRetriever} over a Sluice knowledge base: embedded (an index folder opened in
 * this process; needs {@code dev.sluice:sluice-embedded}) or remote ({@code sluice serve}, through {@link
 * SluiceClient}). Each {@link Document} is one chunk, best first: its id is the chunk id, its text the
 * chunk's, its {@link Document#getScore() score} Sluice's score, and its metadata the keys {@value
 * #DOCUMENT_ID}, {@value #CHUNK_ID}, {@value #SOURCE}, {@value #PATH}, {@value #TITLE}, {@value #SECTION},
 * {@value #PAGE} (paged formats only), {@value #CITATION}, {@value #RANK} and {@value #SCORE}.
 *
 * <pre>{@code
 * DocumentRetriever retriever = SluiceDocumentRetriever.builder()
 *         .url("http://127.0.0.1:7878").apiKey(System.getenv("SLUICE_API_KEY"))   // or .index(Path.of(".sluice/index"))
 *         .mode(Mode.HYBRID).k(5).build();
 * ChatClient chat = ChatClient.builder(chatModel)
 *         .defaultAdvisors(RetrievalAugmentationAdvisor.builder().documentRetriever(retriever).build())
 *         .build();
 * }</pre>
 *
 * <p>In a Spring Boot application, {@link SluiceAutoConfiguration} makes one from {@code sluice.*}
 * properties. Thread-safe. Close it when it opened what it searches (an index or a URL).
 */
public final class SluiceDocumentRetriever implements DocumentRetriever, AutoCloseable {
    public static final String DOCUMENT_ID = "document_id";
    public static final String CHUNK_ID = "chunk_id";
    public static final String SOURCE = "source";
    public static final String PATH = "path";
    public static final String TITLE = "title";
    public static final String SECTION = "section";
    public static final String PAGE = "page";
    public static final String CITATION = "citation";
    public static final String RANK = "rank";
    public static final String SCORE = "score";

    private final RetrieverBuilder.Settled on;

    private SluiceDocumentRetriever(RetrieverBuilder.Settled on) {
        this.on = on;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public List<Document> retrieve(Query query) {
        List<Document> out = new ArrayList<>();
        for (Hit hit : on.hits().search(on.query(query.text())).hits()) {
            if (hit.score() >= on.minScore()
                    && hit.text() != null
                    && !hit.text().isBlank()) {
                out.add(document(hit));
            }
        }
        return out;
    }

    /** The chunk as a Document: no null metadata values (Spring AI refuses them). */
    static Document document(Hit hit) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, DOCUMENT_ID, hit.documentId());
        put(m, CHUNK_ID, hit.chunkId());
        put(m, SOURCE, hit.source());
        put(m, PATH, hit.path());
        put(m, TITLE, hit.title());
        put(m, SECTION, hit.section().isEmpty() ? null : hit.section());
        put(m, CITATION, hit.citation());
        if (hit.pageStart() > 0) {
            m.put(PAGE, hit.pageStart());
        }
        m.put(RANK, hit.rank());
        m.put(SCORE, hit.score());
        return Document.builder()
                .id(hit.chunkId())
                .text(hit.text())
                .metadata(m)
                .score(hit.score())
                .build();
    }

    private static void put(Map<String, Object> m, String key, String value) {
        if (value != null && !value.isEmpty()) {
            m.put(key, value);
        }
    }

    @Override
    public void close() {
        on.close();
    }

    @Override
    public String toString() {
        return "SluiceDocumentRetriever[" + on.hits().getClass().getSimpleName() + ", mode="
                + on.mode().label() + ", k=" + on.k() + ", minScore=" + on.minScore() + ", filters=" + on.filters()
                + "]";
    }

    /**
     * Where to search (exactly one of {@link #index}, {@link #url}, {@link #client}, {@link #hitSource}) and
     * how: {@link #mode} (default hybrid), {@link #k} (default 5), {@link #minScore} (default none), {@link
     * #filters} (default none); the settings are sluice-client's {@link RetrieverBuilder}, shared by the
     * adapters.
     */
    public static final class Builder extends RetrieverBuilder<Builder> {
        private Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected String artifact() {
            return "sluice-spring-ai";
        }

        public SluiceDocumentRetriever build() {
            return new SluiceDocumentRetriever(settled());
        }
    }
}
