package dev.sluice.langchain4j;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.sluice.client.Hit;
import dev.sluice.client.HitMetadata;
import dev.sluice.client.RetrieverBuilder;
import dev.sluice.client.SluiceClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A LangChain4j {@link ContentRetriever} over a Sluice knowledge base: embedded (an index folder opened
 * in this process; needs {@code dev.sluice:sluice-embedded} on the class path) or remote ({@code sluice
 * serve}, through {@link SluiceClient}). Each {@link Content} is one chunk, best first: its {@link
 * TextSegment} carries the chunk text and the metadata keys {@value #DOCUMENT_ID}, {@value #CHUNK_ID},
 * {@value #SOURCE}, {@value #PATH}, {@value #TITLE}, {@value #SECTION}, {@value #PAGE} (only for paged
 * formats), {@value #CITATION}, {@value #RANK} and {@value #SCORE}; the score is also the Content's
 * {@link ContentMetadata#SCORE}.
 *
 * <pre>{@code
 * ContentRetriever retriever = SluiceContentRetriever.builder()
 *         .url("http://127.0.0.1:7878").apiKey(System.getenv("SLUICE_API_KEY"))   // or .index(Path.of(".sluice/index"))
 *         .mode(Mode.HYBRID).k(5)
 *         .filters(Filters.NONE.withSources("handbook"))
 *         .build();
 * }</pre>
 *
 * <p>Thread-safe. Close it when it opened what it searches (an {@link Builder#index} or a {@link
 * Builder#url}); a {@link Builder#hitSource} or {@link Builder#client} given to it stays the caller's.
 */
public final class SluiceContentRetriever implements ContentRetriever, AutoCloseable {
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

    private SluiceContentRetriever(RetrieverBuilder.Settled on) {
        this.on = on;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public List<Content> retrieve(Query query) {
        List<Content> out = new ArrayList<>();
        for (Hit hit : on.retrieve(query.text())) {
            out.add(Content.from(segment(hit), Map.of(ContentMetadata.SCORE, hit.score())));
        }
        return out;
    }

    /** The chunk's text with its identity and citation as LangChain4j metadata ({@link HitMetadata}). */
    static TextSegment segment(Hit hit) {
        return TextSegment.from(hit.text(), Metadata.from(HitMetadata.of(hit)));
    }

    @Override
    public void close() {
        on.close();
    }

    @Override
    public String toString() {
        return "SluiceContentRetriever[" + on.describe() + "]";
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
            return "sluice-langchain4j";
        }

        public SluiceContentRetriever build() {
            return new SluiceContentRetriever(settled());
        }
    }
}
