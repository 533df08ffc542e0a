package dev.sluice.langchain4j;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.sluice.client.Filters;
import dev.sluice.client.Hit;
import dev.sluice.client.HitSource;
import dev.sluice.client.Mode;
import dev.sluice.client.SearchQuery;
import dev.sluice.client.SluiceClient;
import dev.sluice.embedded.EmbeddedHits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A LangChain4j {@link ContentRetriever} over a Sluice knowledge base: embedded (an index folder opened
 * in this process; needs {@code dev.sluice:sluice-core} on the class path) or remote ({@code sluice
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

    private final HitSource hits;
    private final Runnable closeOwned;
    private final Mode mode;
    private final int k;
    private final double minScore;
    private final Filters filters;

    private SluiceContentRetriever(HitSource hits, Runnable closeOwned, Builder b) {
        this.hits = hits;
        this.closeOwned = closeOwned;
        this.mode = b.mode;
        this.k = b.k;
        this.minScore = b.minScore;
        this.filters = b.filters;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public List<Content> retrieve(Query query) {
        SearchQuery search = new SearchQuery(query.text(), mode, k, filters, null);
        List<Content> out = new ArrayList<>();
        for (Hit hit : hits.search(search).hits()) {
            if (hit.score() >= minScore && hit.text() != null && !hit.text().isBlank()) {
                out.add(Content.from(segment(hit), Map.of(ContentMetadata.SCORE, hit.score())));
            }
        }
        return out;
    }

    /** The chunk's text with its identity and citation as LangChain4j metadata (no null values: LangChain4j refuses them). */
    static TextSegment segment(Hit hit) {
        Metadata m = new Metadata();
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
        return TextSegment.from(hit.text(), m);
    }

    private static void put(Metadata m, String key, String value) {
        if (value != null && !value.isEmpty()) {
            m.put(key, value);
        }
    }

    @Override
    public void close() {
        if (closeOwned != null) {
            closeOwned.run();
        }
    }

    @Override
    public String toString() {
        return "SluiceContentRetriever[" + hits.getClass().getSimpleName() + ", mode=" + mode.label() + ", k=" + k
                + ", minScore=" + minScore + ", filters=" + filters + "]";
    }

    /**
     * Where to search (exactly one of {@link #index}, {@link #url}, {@link #client}, {@link #hitSource}) and
     * how: {@link #mode} (default hybrid), {@link #k} (default 5), {@link #minScore} (default none), {@link
     * #filters} (default none).
     */
    public static final class Builder {
        private Path index;
        private Path config;
        private String url;
        private String apiKey;
        private SluiceClient client;
        private HitSource hitSource;
        private Mode mode = Mode.HYBRID;
        private int k = SearchQuery.DEFAULT_K;
        private double minScore = Double.NEGATIVE_INFINITY;
        private Filters filters = Filters.NONE;

        private Builder() {}

        /** Embedded: the index folder {@code sluice ingest} wrote (such as {@code .sluice/index}); needs sluice-core. */
        public Builder index(Path folder) {
            this.index = folder;
            return this;
        }

        /** Embedded: the sluice.yaml whose retrieval settings apply to {@link #index} (default: Sluice's defaults). */
        public Builder config(Path sluiceYaml) {
            this.config = sluiceYaml;
            return this;
        }

        /** Remote: the service's address, such as {@code http://127.0.0.1:7878}. */
        public Builder url(String serviceUrl) {
            this.url = serviceUrl;
            return this;
        }

        /** Remote: the API key (scope {@code query}); read it from the environment, such as {@code SLUICE_API_KEY}. */
        public Builder apiKey(String key) {
            this.apiKey = key;
            return this;
        }

        /** Remote, with a client of the application's (its timeout, its HTTP client); the caller closes it. */
        public Builder client(SluiceClient sluiceClient) {
            this.client = sluiceClient;
            return this;
        }

        /** Any other source of hits (an embedded knowledge base opened by the application); the caller closes it. */
        public Builder hitSource(HitSource source) {
            this.hitSource = source;
            return this;
        }

        public Builder mode(Mode value) {
            if (value == null) {
                throw new IllegalArgumentException("mode must be bm25, dense or hybrid, got null");
            }
            this.mode = value;
            return this;
        }

        /** How many chunks each query retrieves, 1 to 1000 (default 5). */
        public Builder k(int value) {
            if (value < 1 || value > 1000) {
                throw new IllegalArgumentException("k must be from 1 to 1000, got " + value);
            }
            this.k = value;
            return this;
        }

        /**
         * Drop chunks scoring below this. Scores are the mode's: cosine similarity in dense mode (0.5 is a
         * usual floor for bge-small), BM25 in bm25 mode, a small fused score (at most about 0.033) in hybrid.
         */
        public Builder minScore(double value) {
            if (Double.isNaN(value)) {
                throw new IllegalArgumentException("minScore must be a number, got NaN");
            }
            this.minScore = value;
            return this;
        }

        public Builder filters(Filters value) {
            this.filters = value == null ? Filters.NONE : value;
            return this;
        }

        public SluiceContentRetriever build() {
            int given = (index != null ? 1 : 0)
                    + (url != null ? 1 : 0)
                    + (client != null ? 1 : 0)
                    + (hitSource != null ? 1 : 0);
            if (given != 1) {
                throw new IllegalStateException("give exactly one of index(Path) (embedded), url(String) (remote), "
                        + "client(SluiceClient) or hitSource(HitSource); got " + given);
            }
            if (apiKey != null && url == null) {
                throw new IllegalStateException("apiKey goes with url(String); a client(...) carries its own key");
            }
            if (config != null && index == null) {
                throw new IllegalStateException("config(Path) goes with index(Path) (embedded mode)");
            }
            if (index != null) {
                EmbeddedHits embedded = Embedded.open(index, config);
                return new SluiceContentRetriever(embedded, embedded::close, this);
            }
            if (url != null) {
                SluiceClient remote =
                        SluiceClient.builder().baseUrl(url).apiKey(apiKey).build();
                return new SluiceContentRetriever(remote, remote::close, this);
            }
            return new SluiceContentRetriever(client != null ? client : hitSource, null, this);
        }
    }

    /** Opens the embedded knowledge base, with a clear message when sluice-core is not on the class path. */
    private static final class Embedded {
        static EmbeddedHits open(Path index, Path config) {
            try {
                Class.forName("dev.sluice.embedded.EmbeddedHits", false, SluiceContentRetriever.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(
                        "index(Path) (embedded mode) needs dev.sluice:sluice-embedded on the class "
                                + "path: add it beside sluice-langchain4j, or use url(String) for a remote service",
                        e);
            }
            return EmbeddedHits.open(index, config);
        }
    }
}
