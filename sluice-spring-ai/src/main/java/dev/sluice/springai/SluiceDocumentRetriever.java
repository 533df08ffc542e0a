package dev.sluice.springai;

import dev.sluice.client.Hit;
import dev.sluice.client.HitMetadata;
import dev.sluice.client.RetrieverBuilder;
import dev.sluice.client.SluiceClient;
import java.util.ArrayList;
import java.util.List;
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
    public static final String DOCUMENT_ID = HitMetadata.DOCUMENT_ID;
    public static final String CHUNK_ID = HitMetadata.CHUNK_ID;
    public static final String SOURCE = HitMetadata.SOURCE;
    public static final String PATH = HitMetadata.PATH;
    public static final String TITLE = HitMetadata.TITLE;
    public static final String SECTION = HitMetadata.SECTION;
    public static final String PAGE = HitMetadata.PAGE;
    public static final String CITATION = HitMetadata.CITATION;
    public static final String RANK = HitMetadata.RANK;
    public static final String SCORE = HitMetadata.SCORE;

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
        for (Hit hit : on.retrieve(query.text())) {
            out.add(document(hit));
        }
        return out;
    }

    /** The chunk as a Document, its identity and citation as metadata ({@link HitMetadata}). */
    static Document document(Hit hit) {
        return Document.builder()
                .id(hit.chunkId())
                .text(hit.text())
                .metadata(HitMetadata.of(hit))
                .score(hit.score())
                .build();
    }

    @Override
    public void close() {
        on.close();
    }

    @Override
    public String toString() {
        return "SluiceDocumentRetriever[" + on.describe() + "]";
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
